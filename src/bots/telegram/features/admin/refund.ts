import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { encodeAdminCallback } from './callbacks.js';
import { actorOf, commandArgs, failureText, html, splitArgs } from './format.js';
import { referenceArgument, showOrder, stripTags } from './order.js';

const refundArguments = z.object({
  reference: referenceArgument,
  note: z.string().trim().max(300),
});

async function refund(ctx: BotContext, deps: TelegramBotDeps, reference: string, note: string) {
  const result = await deps.shop.admin.refund(reference, actorOf(ctx), note);
  if (result.ok) {
    // The buyer's refund notice waits in the outbox; send it now rather than at the next tick.
    deps.shop.outbox.kick();
    deps.logger.info({ order: result.value.reference, admin: ctx.from?.id }, 'admin refunded an order');
  }
  return result;
}

/** `/refund <ref> [note]` */
export async function refundCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const [reference = '', ...rest] = splitArgs(commandArgs(ctx));
  const parsed = refundArguments.safeParse({ reference, note: rest.join(' ') });
  if (!parsed.success) {
    await ctx.reply(ctx.t('admin-usage-refund'), html);
    return;
  }
  const result = await refund(ctx, deps, parsed.data.reference, parsed.data.note || 'refund command');
  if (!result.ok) {
    await ctx.reply(failureText(ctx, result), html);
    return;
  }
  await ctx.reply(ctx.t('admin-order-refunded', { reference: result.value.reference, state: result.value.state }), html);
}

/** `af:<ref>` — a refund moves money: the card asks once more. */
export async function refundButton(ctx: BotContext, _deps: TelegramBotDeps, reference: string): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('admin-order-button-refund-confirm', { reference }), encodeAdminCallback('refundConfirmed', reference))
    .row()
    .text(ctx.t('admin-order-button-back'), encodeAdminCallback('refresh', reference));
  await ctx.answerCallbackQuery({ text: ctx.t('admin-order-refund-confirm', { reference }) });
  await ctx.editMessageReplyMarkup({ reply_markup: keyboard });
}

/** `ay:<ref>` — the confirmed refund; a second press finds the order refunded and changes nothing. */
export async function refundConfirmedButton(ctx: BotContext, deps: TelegramBotDeps, reference: string): Promise<void> {
  const result = await refund(ctx, deps, reference, 'refund button');
  if (!result.ok) {
    await ctx.answerCallbackQuery({ text: stripTags(failureText(ctx, result)), show_alert: true });
    await showOrder(ctx, deps, reference, 'edit');
    return;
  }
  await ctx.answerCallbackQuery({ text: stripTags(ctx.t('admin-order-refunded', { reference: result.value.reference, state: result.value.state })) });
  await showOrder(ctx, deps, reference, 'edit');
}
