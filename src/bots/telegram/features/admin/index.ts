import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { balancesCommand } from './balances.js';
import { banCommand } from './ban.js';
import { blacklistCommand, unblacklistCommand } from './blacklist.js';
import { createBroadcaster } from './broadcast.js';
import { adminCallbackPattern, decodeAdminCallback, type AdminAction } from './callbacks.js';
import { catalogCommand } from './catalog.js';
import { codeReply, completeButton, completeCommand, isCodeReply } from './complete.js';
import { couponCommand } from './coupon.js';
import { creditCommand } from './credit.js';
import { adminGuard } from './guard.js';
import { markupCommand } from './markup.js';
import { openOrderButton, orderCommand, refreshOrderButton, retryButton } from './order.js';
import { refundButton, refundCommand, refundConfirmedButton } from './refund.js';
import { statsCommand } from './stats.js';
import { syncCommand } from './sync.js';

export { adminGuard, checkAdmin } from './guard.js';
export { adminActions, encodeAdminCallback } from './callbacks.js';

type Handler = (ctx: BotContext, deps: TelegramBotDeps) => Promise<void>;
type ButtonHandler = (ctx: BotContext, deps: TelegramBotDeps, reference: string) => Promise<void>;

const buttons: Record<AdminAction, ButtonHandler> = {
  open: openOrderButton,
  refresh: refreshOrderButton,
  retry: retryButton,
  refund: refundButton,
  refundConfirmed: refundConfirmedButton,
  complete: completeButton,
};

/** The commands admins have, for the bot's command menu in admin chats. */
export const adminCommands = ['stats', 'balances', 'order', 'refund', 'complete', 'credit', 'markup', 'ban', 'unban', 'sync', 'broadcast', 'catalog', 'coupon', 'blacklist', 'unblacklist'] as const;

/**
 * Admin commands (/stats, /balances, /order, /refund, /complete, /credit, /markup, /ban,
 * /unban, /sync, /broadcast, /catalog, /coupon, /blacklist, /unblacklist) and the order card's
 * buttons. The admin guard runs on every one of them — command, button press and typed code
 * alike — before anything is read or changed.
 */
export function createAdminFeature(deps: TelegramBotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const guard = adminGuard(deps);
  const broadcaster = createBroadcaster(deps);
  const commands: Record<(typeof adminCommands)[number], Handler> = {
    stats: statsCommand,
    balances: balancesCommand,
    order: orderCommand,
    refund: refundCommand,
    complete: completeCommand,
    credit: creditCommand,
    markup: markupCommand,
    ban: (ctx) => banCommand(ctx, deps, true),
    unban: (ctx) => banCommand(ctx, deps, false),
    sync: syncCommand,
    broadcast: (ctx) => broadcaster.command(ctx),
    catalog: catalogCommand,
    coupon: couponCommand,
    blacklist: blacklistCommand,
    unblacklist: unblacklistCommand,
  };
  // New messages only: editing a command (say, a /broadcast) must not run it again.
  const messages = composer.on('message');
  for (const [name, handler] of Object.entries(commands)) {
    messages.command(name, guard, (ctx) => handler(ctx, deps));
  }

  composer.callbackQuery(adminCallbackPattern, guard, async (ctx) => {
    const decoded = decodeAdminCallback(ctx.callbackQuery.data);
    if (!decoded) {
      await ctx.answerCallbackQuery({ text: ctx.t('admin-button-expired'), show_alert: true });
      return;
    }
    try {
      await buttons[decoded.action](ctx, deps, decoded.reference);
    } catch (error) {
      // Every press is answered, even one that failed; the error boundary logs the rest.
      await ctx.answerCallbackQuery({ text: ctx.t('admin-action-failed') }).catch(() => undefined);
      throw error;
    }
  });

  messages.on(':text').filter((ctx) => isCodeReply(ctx, deps), guard, (ctx) => codeReply(ctx, deps));
  return composer;
}
