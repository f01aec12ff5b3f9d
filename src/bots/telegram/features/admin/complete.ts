import { z } from 'zod';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { actorOf, commandArgs, failureText, html } from './format.js';
import { orderActions, referenceArgument, showOrder, stripTags } from './order.js';

/** How long the bot waits for the code after "Mark completed" is pressed. */
const CODE_WAIT_MS = 15 * 60_000;

const codesSchema = z.array(z.string().trim().min(1).max(200)).min(1).max(50);

/** One code per line; a top-up may carry a confirmation text instead of a code. */
function parseCodes(text: string) {
  return codesSchema.safeParse(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
}

const pendingKey = (chatId: number, userId: number) => `tg:admin:code:${chatId}:${userId}`;
const pendingSchema = z.object({ reference: z.string(), promptId: z.number().int() });

async function readPending(deps: TelegramBotDeps, key: string) {
  const raw = await deps.state.kv.get(key);
  if (raw === undefined) return undefined;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function complete(ctx: BotContext, deps: TelegramBotDeps, reference: string, codes: string[]): Promise<void> {
  const result = await deps.shop.admin.markCompleted(reference, actorOf(ctx), codes);
  if (!result.ok) {
    await ctx.reply(failureText(ctx, result), html);
    return;
  }
  // The buyer's completion notice (with the codes) is in the outbox: deliver it now.
  deps.shop.outbox.kick();
  deps.logger.info({ order: result.value.reference, admin: ctx.from?.id, codes: codes.length }, 'admin marked an order completed');
  await ctx.reply(ctx.t('admin-order-completed', { reference: result.value.reference, count: String(codes.length) }), html);
  await showOrder(ctx, deps, result.value.reference, 'send');
}

/**
 * `am:<ref>` — asks for the code(s). The admin answers by replying to the prompt (Telegram's
 * force-reply does it for them), which also reaches the bot in a group with privacy mode on.
 */
export async function completeButton(ctx: BotContext, deps: TelegramBotDeps, reference: string): Promise<void> {
  const found = await deps.shop.admin.findOrder(reference);
  if (!found.ok || !orderActions(found.value.order).complete) {
    const text = found.ok ? ctx.t('admin-order-cannot-complete', { reference, state: found.value.order.state }) : failureText(ctx, found);
    await ctx.answerCallbackQuery({ text: stripTags(text), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const prompt = await ctx.reply(ctx.t('admin-order-code-prompt', { reference }), {
    ...html,
    reply_markup: { force_reply: true, selective: true, input_field_placeholder: 'CODE-1234' },
  });
  await deps.state.kv.set(pendingKey(prompt.chat.id, ctx.from!.id), JSON.stringify({ reference, promptId: prompt.message_id }), CODE_WAIT_MS);
}

/** True for the admin's reply to their own code prompt; anything else passes on untouched. */
export async function isCodeReply(ctx: BotContext, deps: TelegramBotDeps): Promise<boolean> {
  const replyTo = ctx.message?.reply_to_message;
  if (!ctx.message?.text || !replyTo || !ctx.from || ctx.message.text.startsWith('/')) return false;
  const pending = await readPending(deps, pendingKey(ctx.message.chat.id, ctx.from.id));
  return pending?.promptId === replyTo.message_id;
}

/** The typed code(s): the guard has run again before this. */
export async function codeReply(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const key = pendingKey(ctx.message!.chat.id, ctx.from!.id);
  const pending = await readPending(deps, key);
  if (!pending) return;
  const codes = parseCodes(ctx.message!.text!);
  if (!codes.success) {
    await ctx.reply(ctx.t('admin-order-code-invalid'), html);
    return;
  }
  // Taken before acting: a re-delivered reply finds nothing pending and does nothing.
  await deps.state.kv.delete(key);
  await complete(ctx, deps, pending.reference, codes.data);
}

/** `/complete <ref> <code>…` — the same without the prompt (one code per line after the first). */
export async function completeCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const args = commandArgs(ctx);
  const [reference = '', ...lines] = args.split('\n');
  const [ref = '', ...firstLine] = reference.trim().split(/\s+/);
  const parsedReference = referenceArgument.safeParse(ref);
  const codes = parseCodes([firstLine.join(' '), ...lines].join('\n'));
  if (!parsedReference.success || !codes.success) {
    await ctx.reply(ctx.t('admin-usage-complete'), html);
    return;
  }
  await complete(ctx, deps, parsedReference.data, codes.data);
}
