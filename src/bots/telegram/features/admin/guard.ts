import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';

/** How long a group administrator check is trusted: a demoted admin loses access within this. */
export const MEMBER_CACHE_MS = 60_000;

export type AdminVerdict = { allowed: true } | { allowed: false; reason: 'not_admin' | 'wrong_chat' | 'not_group_admin' };

/**
 * Decides, on every call, whether the sender may act as an admin here: listed in
 * ADMIN_TELEGRAM_IDS, in a private chat or the operator group, and in a group also one of its
 * administrators (asked from Telegram with getChatMember, cached briefly in shared state).
 */
export async function checkAdmin(ctx: BotContext, deps: Pick<TelegramBotDeps, 'adminIds' | 'operatorChatId' | 'state' | 'logger'>): Promise<AdminVerdict> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat || from.is_bot || !deps.adminIds.includes(String(from.id))) return { allowed: false, reason: 'not_admin' };
  if (chat.type === 'private') return chat.id === from.id ? { allowed: true } : { allowed: false, reason: 'wrong_chat' };
  if (chat.type === 'channel' || deps.operatorChatId === undefined || String(chat.id) !== deps.operatorChatId) {
    return { allowed: false, reason: 'wrong_chat' };
  }
  return (await isGroupAdministrator(ctx, deps, chat.id, from.id)) ? { allowed: true } : { allowed: false, reason: 'not_group_admin' };
}

async function isGroupAdministrator(ctx: BotContext, deps: Pick<TelegramBotDeps, 'state' | 'logger'>, chatId: number, userId: number): Promise<boolean> {
  const key = `tg:admin:member:${chatId}:${userId}`;
  const cached = await deps.state.kv.get(key);
  if (cached !== undefined) return cached === 'admin';
  let status: string;
  try {
    status = (await ctx.api.getChatMember(chatId, userId)).status;
  } catch (error) {
    // Fail closed, and do not cache: the next command asks Telegram again.
    deps.logger.warn({ err: error, chatId, userId }, 'getChatMember failed; admin refused');
    return false;
  }
  const admin = status === 'creator' || status === 'administrator';
  await deps.state.kv.set(key, admin ? 'admin' : 'member', MEMBER_CACHE_MS);
  return admin;
}

/** Tells a refused sender politely, as a message or as a button answer. */
export async function refuse(ctx: BotContext, verdict: Exclude<AdminVerdict, { allowed: true }>): Promise<void> {
  const text = ctx.t(verdict.reason === 'wrong_chat' ? 'admin-refused-chat' : 'admin-refused');
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text, show_alert: true });
    return;
  }
  if (ctx.chat) await ctx.reply(text, { ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}) });
}

/**
 * The reusable admin guard: put it in front of every admin command and admin button handler.
 * A refused update is answered and stops here; nothing else runs.
 */
export function adminGuard(deps: Pick<TelegramBotDeps, 'adminIds' | 'operatorChatId' | 'state' | 'logger'>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const verdict = await checkAdmin(ctx, deps);
    if (!verdict.allowed) {
      deps.logger.info({ userId: ctx.from?.id, chatId: ctx.chat?.id, reason: verdict.reason, update: ctx.update.update_id }, 'admin action refused');
      await refuse(ctx, verdict);
      return;
    }
    await next();
  };
}
