import type { BotError, Context, MiddlewareFn } from 'grammy';
import type { KeyValueStore, RateLimiter } from '../../core/ports/kv.js';
import type { BuyerRecord } from '../../core/ports/storage.js';
import type { Shop } from '../../core/shop.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from './context.js';
import { answer } from './features/shared.js';
import { pickLocale } from './i18n.js';
import { renderError } from './render.js';

/** Payments are never slowed or dropped: Telegram gives a pre-checkout query 10 seconds. */
const isPayment = (ctx: Context) => Boolean(ctx.preCheckoutQuery || ctx.message?.successful_payment);

/**
 * What must run one at a time: one chat's updates (flows, sessions) and one user's (sessions
 * are per user). Inline queries and payments need no order and never wait behind a slow update.
 */
export function sequenceKey(ctx: Context): string[] | undefined {
  if (ctx.inlineQuery || ctx.chosenInlineResult || ctx.preCheckoutQuery) return undefined;
  const keys: string[] = [];
  if (ctx.chatId !== undefined) keys.push(`c${ctx.chatId}`);
  if (ctx.from) keys.push(`u${ctx.from.id}`);
  return keys.length > 0 ? keys : undefined;
}

/** Sessions are per user: the language follows the buyer into any chat. */
export const sessionKey = (ctx: Context): string | undefined => (ctx.from ? String(ctx.from.id) : undefined);

/**
 * Drops an update seen before (Telegram re-sends after a timeout or a restart before the offset
 * was confirmed; with several instances behind a webhook, another one may have taken it).
 * Payments always go through: their handling is idempotent in the core, and one dropped after a
 * crash would be money received and never recorded.
 */
export function dropRepeatedUpdates(kv: KeyValueStore, ttlMs = 3_600_000): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (isPayment(ctx) || (await kv.setIfAbsent(`tg:${ctx.me.id}:update:${ctx.update.update_id}`, '1', ttlMs))) await next();
  };
}

/**
 * Per-user rate limit. A flooding user's updates are dropped until the window passes; they are
 * told once per window (button presses are still answered, or Telegram would re-send them).
 * Inline queries are not counted: Telegram sends one per keystroke, and they cost a lookup in memory.
 */
export function rateLimit(limiter: RateLimiter, onLimited?: () => void): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.from || isPayment(ctx) || ctx.inlineQuery || ctx.chosenInlineResult) return next();
    const decision = await limiter.consume(String(ctx.from.id));
    if (decision.allowed) return next();
    onLimited?.();
    const text = renderError(ctx.t, { code: 'rate_limited', params: { seconds: String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) } });
    if (ctx.callbackQuery) {
      await answer(ctx, decision.firstRefusal ? text : undefined);
    } else if (decision.firstRefusal && ctx.chat?.type === 'private') {
      await ctx.reply(text, { parse_mode: 'HTML' });
    }
  };
}

/**
 * Finds or creates the buyer behind each update's sender. Kept a few seconds per user so a
 * burst of presses costs one lookup; short, so a ban takes effect at once for practical purposes.
 */
export class IdentityCache {
  private readonly entries = new Map<string, { buyer: BuyerRecord; at: number }>();

  constructor(
    private readonly shop: Shop,
    private readonly ttlMs = 5_000,
    private readonly max = 50_000,
  ) {}

  forget(telegramUserId: number | string): void {
    this.entries.delete(String(telegramUserId));
  }

  middleware(): MiddlewareFn<BotContext> {
    return async (ctx, next) => {
      const from = ctx.from;
      if (!from || from.is_bot) return next();
      const key = String(from.id);
      const username = from.username ?? null;
      const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ') || null;
      const hit = this.entries.get(key);
      if (hit && Date.now() - hit.at < this.ttlMs && hit.buyer.username === username && hit.buyer.displayName === displayName) {
        ctx.buyer = hit.buyer;
      } else {
        ctx.buyer = await this.shop.identify({ platform: 'telegram', platformUserId: key, username, displayName, language: pickLocale(from.language_code) });
        if (this.entries.size >= this.max) this.entries.clear();
        this.entries.set(key, { buyer: ctx.buyer, at: Date.now() });
      }
      await next();
    };
  }
}

/**
 * A button on a message in someone else's private chat is not this user's to press (only the
 * user who started a flow may answer it): answered, and nothing happens.
 */
export const ownButtonsOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  const message = ctx.callbackQuery?.message;
  if (message && message.chat.type === 'private' && ctx.from && message.chat.id !== ctx.from.id) {
    await answer(ctx, ctx.t('button-not-yours'));
    return;
  }
  await next();
};

/** Logs an update that failed and tells the user something went wrong — never the detail. */
export function errorReporter(logger: Logger) {
  return async (error: BotError<BotContext>) => {
    const ctx = error.ctx;
    logger.error({ err: error.error, update: ctx.update.update_id, kind: Object.keys(ctx.update).filter((k) => k !== 'update_id')[0] }, 'telegram update failed');
    try {
      const text = typeof ctx.t === 'function' ? renderError(ctx.t, { code: 'internal' }) : 'Something went wrong. Please try again.';
      if (ctx.callbackQuery) await answer(ctx, text, true);
      else if (ctx.chat?.type === 'private' && ctx.message) await ctx.reply(text, { parse_mode: 'HTML' });
    } catch (reportError) {
      logger.warn({ err: reportError }, 'could not tell the user about a failed update');
    }
  };
}
