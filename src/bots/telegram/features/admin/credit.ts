import { z } from 'zod';
import { Money, currencyScale } from '../../../../core/money.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { actorOf, commandArgs, escapeHtml, failureText, formatMoney, html, splitArgs } from './format.js';
import { userArgument } from './user-argument.js';

/** An exact decimal in the shop currency with at most its minor-unit digits; never parsed as a float. */
function amountArgument(currency: string) {
  const scale = currencyScale(currency);
  const pattern = scale === 0 ? /^[+-]?\d{1,12}$/ : new RegExp(`^[+-]?\\d{1,12}(\\.\\d{1,${scale}})?$`);
  return z
    .string()
    .trim()
    .regex(pattern)
    .refine((value) => !/^[+-]?0*(\.0*)?$/.test(value), 'zero')
    .transform((value) => Money.of(value.replace(/^\+/, ''), currency));
}

function creditArguments(currency: string) {
  return z.object({ user: userArgument, amount: amountArgument(currency), note: z.string().trim().min(1).max(300) });
}

/**
 * `/credit <user> <amount> <note>` — a negative amount debits. The idempotency key is the
 * command message itself, so a re-delivered update finds the entry and credits nothing more.
 */
export async function creditCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const currency = deps.shop.settings.currency;
  const [user = '', amount = '', ...note] = splitArgs(commandArgs(ctx));
  const parsed = creditArguments(currency).safeParse({ user, amount, note: note.join(' ') });
  if (!parsed.success) {
    await ctx.reply(ctx.t('admin-usage-credit', { currency }), html);
    return;
  }
  const buyer = await deps.shop.storage.users.findByHandle('telegram', parsed.data.user);
  if (!buyer) {
    await ctx.reply(ctx.t('admin-user-not-found', { user: escapeHtml(parsed.data.user) }), html);
    return;
  }
  const idempotencyKey = `tg-credit:${ctx.chat!.id}:${ctx.msg!.message_id}`;
  const previous = await deps.shop.storage.ledger.findByIdempotencyKey(idempotencyKey);
  if (previous) {
    await ctx.reply(ctx.t('admin-credit-repeated', { amount: formatMoney(previous.amount), user: escapeHtml(parsed.data.user) }), html);
    return;
  }
  const result = await deps.shop.wallet.adjust({ actor: actorOf(ctx), userId: buyer.id, amount: parsed.data.amount, note: parsed.data.note, idempotencyKey });
  if (!result.ok) {
    await ctx.reply(failureText(ctx, result), html);
    return;
  }
  // The buyer's wallet notice is in the outbox: send it now.
  deps.shop.outbox.kick();
  deps.logger.info({ admin: ctx.from?.id, user: buyer.id, amount: parsed.data.amount.toString(), key: idempotencyKey }, 'admin adjusted a wallet');
  const key = parsed.data.amount.isPositive() ? 'admin-credit-done' : 'admin-debit-done';
  await ctx.reply(
    ctx.t(key, {
      amount: formatMoney(parsed.data.amount.isPositive() ? parsed.data.amount : parsed.data.amount.negate()),
      user: escapeHtml(parsed.data.user),
      balance: formatMoney(result.value.balance),
    }),
    html,
  );
}
