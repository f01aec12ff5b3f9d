import { conversations } from '@grammyjs/conversations';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import { Bot, session, webhookCallback } from 'grammy';
import type { LanguageCode, UserFromGetMe } from 'grammy/types';
import type { RateLimitPolicy } from '../../core/ports/kv.js';
import type { Notifier } from '../../core/ports/notifier.js';
import type { PaymentMethod } from '../../core/ports/payment.js';
import type { BotContext, SessionData } from './context.js';
import type { TelegramBotDeps } from './deps.js';
import { createAdminFeature } from './features/admin/index.js';
import { createBrowseFeature } from './features/browse.js';
import { createGroupFeature } from './features/group.js';
import { createInlineFeature } from './features/inline.js';
import { createOrdersFeature } from './features/orders.js';
import { createPurchaseFeature } from './features/purchase.js';
import { createSearchFeature, createTextSearchFeature } from './features/search.js';
import type { BuyerFeatureDeps } from './features/shared.js';
import { createStartFeature } from './features/start.js';
import { createUnhandledFeature } from './features/unhandled.js';
import { createWalletFeature } from './features/wallet.js';
import { createSupportFeature } from './features/support.js';
import { createI18n, supportedLocales, translator } from './i18n.js';
import { dropRepeatedUpdates, errorReporter, IdentityCache, ownButtonsOnly, rateLimit, sequenceKey, sessionKey } from './middleware.js';
import { TelegramNotifier } from './notifier.js';
import { KvSessionStorage, kvConversationStorage } from './session-storage.js';
import { createStarsFeature, createStarsPaymentMethod, type StarsPaymentMethod } from './stars.js';

/** Stars charged per 1 USD when STARS_PER_USD is not set: about what Telegram pays out per Star. */
export const DEFAULT_STARS_PER_USD = '77';
export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { points: 20, windowMs: 10_000 };

/**
 * Outgoing limits: about 30 messages a second overall, 20 a minute per group, and in a private
 * chat a short burst then one a second.
 */
export const DEFAULT_THROTTLE: APIThrottlerOptions = {
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1_000 },
  group: { maxConcurrent: 1, minTime: 1_000, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
  out: { maxConcurrent: 1, reservoir: 6, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1_000, reservoirIncreaseMaximum: 6 },
};

/** The buyer commands in the private chat's command menu; their descriptions are `command-<name>`. */
export const menuCommands = ['start', 'search', 'orders', 'wallet', 'language', 'help', 'cancel', 'support'] as const;

/** Optional settings beyond the shared deps, each with a default. */
export interface TelegramBotOptions {
  /** STARS_PER_USD (default {@link DEFAULT_STARS_PER_USD}). */
  starsPerUsd?: string;
  /**
   * The Stars payment method the shop was built with (it must be in the shop's payment methods
   * for buyers to see Stars). Absent: one is made here from `starsPerUsd`.
   */
  starsMethod?: StarsPaymentMethod;
  /** Per-user update limit (default 20 per 10 s). */
  rateLimit?: RateLimitPolicy;
  /** Outgoing API limits; `false` turns throttling off (benchmarks). */
  throttle?: APIThrottlerOptions | false;
  /** Skips `getMe` at start (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Items per page in lists (default 8). */
  pageSize?: number;
  /** Wallet top-up amounts offered, in the shop currency (default 5, 10, 25, 50). */
  topUpAmounts?: readonly string[];
}

export interface TelegramBot {
  bot: Bot<BotContext>;
  notifier: Notifier;
  starsMethod: PaymentMethod;
  /** Long polling through @grammyjs/runner, or registers the webhook in webhook mode. */
  start(): Promise<void>;
  /** Stops taking updates, waits for the ones in flight, and confirms them to Telegram. */
  stop(): Promise<void>;
  /**
   * Webhook mode only: a Fastify route handler (`POST` at the path of `TELEGRAM_WEBHOOK_URL`)
   * that checks `X-Telegram-Bot-Api-Secret-Token` and hands the update to the bot.
   */
  webhookHandler?: ReturnType<typeof webhookCallback<BotContext, 'fastify'>>;
}

/**
 * The Telegram front end: every feature a `Composer`, all inside one error boundary, in the
 * order that makes them work — repeats dropped, per-chat ordering, sessions, language, payments
 * (never rate limited), the rate limit, the buyer, group redirects, admin and support, the
 * purchase flow, the buyer's features, and the "unhandled" catch-all last.
 */
export function createTelegramBot(deps: TelegramBotDeps & TelegramBotOptions): TelegramBot {
  const { logger, shop, state } = deps;
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  // Throttle first, retry around it: a 429's retry_after is waited out, then the call queues again.
  if (deps.throttle !== false) bot.api.config.use(apiThrottler(deps.throttle ?? DEFAULT_THROTTLE));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));

  const i18n = createI18n<BotContext>();
  const translate = (locale: string) => translator(i18n, locale);
  const stars = deps.starsMethod ?? createStarsPaymentMethod({ starsPerUsd: deps.starsPerUsd ?? DEFAULT_STARS_PER_USD, kv: state.kv });
  stars.bind(bot.api);
  const notifier = new TelegramNotifier({ api: bot.api, translate, logger: logger.child({ component: 'telegram-notifier' }), ...(deps.operatorChatId ? { operatorChatId: deps.operatorChatId } : {}) });
  const identities = new IdentityCache(shop);
  const features: BuyerFeatureDeps = {
    shop,
    api: bot.api,
    kv: state.kv,
    logger,
    stars,
    translate,
    botUsername: () => (bot.isInited() ? bot.botInfo.username : (deps.botInfo?.username ?? 'bot')),
    pageSize: deps.pageSize ?? 8,
    topUpAmounts: deps.topUpAmounts ?? ['5', '10', '25', '50'],
  };

  let lastUpdateId: number | undefined;
  bot.use((ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    return next();
  });
  const report = errorReporter(logger);
  bot.catch(report);
  const app = bot.errorBoundary(report);
  app.use(dropRepeatedUpdates(state.kv));
  app.use(sequentialize(sequenceKey));
  app.use(session<SessionData, BotContext>({ initial: () => ({}), getSessionKey: sessionKey, storage: new KvSessionStorage<SessionData>(state.kv, { prefix: 'tg:session:', ttlMs: 90 * 86_400_000 }) }));
  app.use(i18n.middleware());
  app.use(createStarsFeature({ shop, stars, logger }));
  app.use(rateLimit(state.rateLimiter('telegram-user', deps.rateLimit ?? DEFAULT_RATE_LIMIT), deps.onRateLimited));
  app.use(identities.middleware());
  app.use(ownButtonsOnly);
  app.use(conversations<BotContext, BotContext>({ storage: kvConversationStorage<BotContext>(state.kv, { prefix: 'tg:flow:', version: 1, ttlMs: 86_400_000 }) }));
  app.use(createGroupFeature(features));
  app.use(createAdminFeature(deps));
  app.use(createSupportFeature(deps));
  app.use(createPurchaseFeature(features));
  app.use(createStartFeature(features, identities));
  app.use(createBrowseFeature(features), createSearchFeature(features), createInlineFeature(features), createOrdersFeature(features), createWalletFeature(features));
  app.use(createTextSearchFeature(features));
  app.use(createUnhandledFeature());

  /** The command menu of private chats, in each language the bot speaks (English by default). */
  const registerCommands = async () => {
    for (const locale of ['', ...supportedLocales]) {
      const t = translate(locale || 'en');
      const commands = menuCommands.map((command) => ({ command, description: t(`command-${command}`) }));
      await bot.api.setMyCommands(commands, { scope: { type: 'all_private_chats' }, ...(locale ? { language_code: locale as LanguageCode } : {}) });
    }
  };

  let runner: RunnerHandle | undefined;
  const webhookHandler = deps.webhook
    ? webhookCallback(bot, 'fastify', { secretToken: deps.webhook.secret, onTimeout: 'return', timeoutMilliseconds: 9_000 })
    : undefined;

  return {
    bot,
    notifier,
    starsMethod: stars,
    ...(webhookHandler ? { webhookHandler } : {}),
    async start() {
      await bot.init();
      await registerCommands().catch((error: unknown) => logger.warn({ err: error }, 'could not set the command menu'));
      if (deps.webhook) {
        await bot.api.setWebhook(deps.webhook.url, { secret_token: deps.webhook.secret });
        logger.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'telegram bot started');
        return;
      }
      // A webhook left from an earlier deployment would make getUpdates fail.
      await bot.api.deleteWebhook().catch((error: unknown) => logger.debug({ err: error }, 'deleteWebhook failed; polling anyway'));
      runner = run(bot, { runner: { silent: true } });
      logger.info({ bot: bot.botInfo.username, mode: 'polling' }, 'telegram bot started');
    },
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      runner = undefined;
      // Confirm the handled updates, or the next start would be sent the last batch again.
      if (!deps.webhook && lastUpdateId !== undefined) {
        await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch((error: unknown) => logger.debug({ err: error }, 'could not confirm the last update'));
      }
    },
  };
}
