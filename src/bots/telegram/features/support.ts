import { Composer, InlineKeyboard } from 'grammy';
import { z } from 'zod';
import type { BotContext } from '../context.js';
import type { TelegramBotDeps } from '../deps.js';
import { operatorTranslate } from '../operator-alerts.js';
import { encodeAdminCallback } from './admin/callbacks.js';
import { clip, commandArgs, escapeHtml, html } from './admin/format.js';

/** An operator may answer a request for this long. */
const MAPPING_TTL_MS = 30 * 86_400_000;
const REQUESTS_PER_HOUR = 10;
const RECENT_ORDERS = 5;

const requestText = z.string().trim().min(1).max(2000);
const replyText = z.string().trim().min(1).max(3500);
const mappingSchema = z.object({ userId: z.string() });

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

const mappingKey = (chatId: number | string, messageId: number) => `tg:support:msg:${chatId}:${messageId}`;

/**
 * `/support <text>` relays a buyer's message, with their recent order references, to the
 * operator chat; an operator's reply to that message goes back to the buyer through the outbox
 * (durable: a reply survives a restart or a Telegram outage).
 */
export function createSupportFeature(deps: TelegramBotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const operatorChatId = deps.operatorChatId;
  const isOperatorChat = (ctx: BotContext) => operatorChatId !== undefined && String(ctx.chat?.id) === operatorChatId;

  composer.on('message').command('support', async (ctx, next) => {
    if (isOperatorChat(ctx)) return next();
    if (!operatorChatId) {
      await ctx.reply(ctx.t('support-unavailable'), html);
      return;
    }
    const parsed = requestText.safeParse(commandArgs(ctx));
    if (!parsed.success) {
      await ctx.reply(ctx.t('support-usage'), html);
      return;
    }
    const buyer = ctx.buyer;
    if ((await deps.state.kv.increment(`tg:support:count:${buyer.id}`, 1, 3_600_000)) > REQUESTS_PER_HOUR) {
      await ctx.reply(ctx.t('support-too-many'), html);
      return;
    }
    const { orders } = await deps.shop.buyerOrders(buyer, { limit: RECENT_ORDERS, offset: 0 });
    const lines = [
      operatorTranslate('support-request', {
        name: escapeHtml(clip(buyer.displayName ?? ctx.from?.first_name ?? '-', 64)),
        username: buyer.username ? `@${escapeHtml(buyer.username)}` : '-',
        id: escapeHtml(buyer.platformUserId),
      }),
      `<blockquote>${escapeHtml(parsed.data)}</blockquote>`,
      orders.length
        ? operatorTranslate('support-request-orders', { orders: orders.map((o) => `<code>${o.reference}</code> (${o.state})`).join(', ') })
        : operatorTranslate('support-request-no-orders'),
      operatorTranslate('support-request-hint'),
    ];
    const keyboard = new InlineKeyboard();
    for (const order of orders.slice(0, 3)) keyboard.text(`🧾 ${order.reference}`, encodeAdminCallback('open', order.reference));
    let sent;
    try {
      sent = await ctx.api.sendMessage(operatorChatId, lines.join('\n'), { ...html, ...(orders.length ? { reply_markup: keyboard } : {}) });
    } catch (error) {
      deps.logger.error({ err: error, user: buyer.id }, 'support request could not reach the operator chat');
      await ctx.reply(ctx.t('support-unavailable'), html);
      return;
    }
    await deps.state.kv.set(mappingKey(sent.chat.id, sent.message_id), JSON.stringify({ userId: buyer.id }), MAPPING_TTL_MS);
    deps.logger.info({ user: buyer.id, operatorMessage: sent.message_id }, 'support request relayed');
    await ctx.reply(ctx.t('support-sent'), html);
  });

  // An operator's reply to a relayed request: back to the buyer through the outbox.
  composer.on('message').filter(
    (ctx) => isOperatorChat(ctx) && ctx.message.reply_to_message?.from?.id === ctx.me.id,
    async (ctx, next) => {
      const replyTo = ctx.message.reply_to_message!;
      const raw = await deps.state.kv.get(mappingKey(ctx.chat.id, replyTo.message_id));
      const mapping = raw === undefined ? undefined : mappingSchema.safeParse(parseJson(raw));
      if (!mapping?.success) return next();
      const text = replyText.safeParse(ctx.message.text ?? ctx.message.caption ?? '');
      if (!text.success) {
        await ctx.reply(ctx.t('support-reply-text-only'), { ...html, reply_parameters: { message_id: ctx.message.message_id } });
        return;
      }
      await deps.shop.storage.outbox.enqueue({
        // One per operator message: a re-delivered update queues nothing new.
        dedupeKey: `support-reply:${ctx.chat.id}:${ctx.message.message_id}`,
        audience: 'buyer',
        userId: mapping.data.userId,
        orderId: null,
        kind: 'support_reply',
        payload: { text: text.data },
      });
      deps.shop.outbox.kick();
      deps.logger.info({ user: mapping.data.userId, operator: ctx.from?.id }, 'support reply queued');
      await ctx.reply(ctx.t('support-reply-queued'), { ...html, reply_parameters: { message_id: ctx.message.message_id } });
    },
  );
  return composer;
}
