import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config.js';
import { Money } from './core/money.js';
import type { SharedState } from './core/ports/kv.js';
import type { Notifier, Platform } from './core/ports/notifier.js';
import { parseFxRatesConfig } from './core/pricing/fx.js';
import { createShop, type Shop } from './core/shop.js';
import { createTelegramBot } from './bots/telegram/bot.js';
import { createStarsPaymentMethod } from './bots/telegram/stars.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { buildServer } from './http/server.js';
import { webhookRoutes } from './http/webhook-routes.js';
import { createMemoryState } from './infra/memory-state.js';
import { createRedisState } from './infra/redis-state.js';
import { createResellers, createSellix, parseBalanceAlerts, sandboxEnabled, webhookUrlFor } from './providers/registry.js';
import { parseSellixWebhook } from './providers/sellix/sellix.webhook.js';
import type { UpstreamObserver } from './providers/shared/upstream-client.js';
import { migrate, openDatabase, type DatabaseHandle } from './storage/database.js';
import { createPricingStore } from './storage/pricing-store.js';
import { createStorage } from './storage/storage.js';

export interface FeatureStatus {
  name: string;
  on: boolean;
  /** Why it is off, or how it runs; with how to turn it on when off. */
  detail: string;
}

/** What the configuration turns on; printed at start so nobody guesses. */
export function describeFeatures(config: Config): FeatureStatus[] {
  const features: FeatureStatus[] = [
    {
      name: 'database',
      on: true,
      detail: config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.PGLITE_DATA_DIR} (set DATABASE_URL for PostgreSQL)`,
    },
    {
      name: 'shared state',
      on: true,
      detail: config.REDIS_URL ? 'Redis (REDIS_URL)' : 'in-process, single instance only (set REDIS_URL for Redis)',
    },
    {
      name: 'telegram',
      on: Boolean(config.TELEGRAM_BOT_TOKEN),
      detail: config.TELEGRAM_BOT_TOKEN
        ? `${config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling'}, Bot API at ${config.TELEGRAM_API_ROOT}`
        : 'set TELEGRAM_BOT_TOKEN to turn on',
    },
    {
      name: 'telegram stars',
      on: Boolean(config.TELEGRAM_BOT_TOKEN),
      detail: config.TELEGRAM_BOT_TOKEN ? `${config.STARS_PER_USD} Stars per USD` : 'comes with the Telegram bot',
    },
    {
      name: 'discord',
      on: false,
      detail: 'comes in a later release (DISCORD_TOKEN and DISCORD_APPLICATION_ID are read then)',
    },
  ];
  const upstreams: Array<[string, string | undefined, string]> = [
    ['gamexbulk', config.GAMEXBULK_API_KEY, 'GAMEXBULK_API_KEY'],
    ['gamesdrop', config.GAMESDROP_TOKEN, 'GAMESDROP_TOKEN'],
    ['lapakgaming', config.LAPAKGAMING_API_KEY, 'LAPAKGAMING_API_KEY'],
    ['xzian', config.XZIAN_API_KEY, 'XZIAN_API_KEY'],
    ['sellix', config.SELLIX_API_KEY && config.SELLIX_WEBHOOK_SECRET, 'SELLIX_API_KEY and SELLIX_WEBHOOK_SECRET'],
  ];
  for (const [name, credential, variable] of upstreams) {
    const webhook = name === 'sellix' || name === 'gamexbulk' || name === 'lapakgaming';
    const detail = credential
      ? webhook && !config.PUBLIC_BASE_URL
        ? 'configured; set PUBLIC_BASE_URL so its webhooks reach this service (polling covers orders meanwhile)'
        : 'configured'
      : `set ${variable} to turn on`;
    features.push({ name, on: Boolean(credential), detail });
  }
  const sandbox = sandboxEnabled(config);
  features.push({
    name: 'sandbox reseller',
    on: sandbox,
    detail: sandbox ? 'demo catalog, no real money moves upstream' : 'off (SANDBOX_RESELLER)',
  });
  return features;
}

export interface App {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  state: SharedState;
  metrics: Metrics;
  shop: Shop;
  server: FastifyInstance;
  /** Chat front ends by platform; a bot registers its notifier here. */
  notifiers: Map<Platform, Notifier>;
  /** Starts listening and background work. */
  start(): Promise<{ address: string }>;
  /** Stops taking work, lets in-flight work finish, closes connections. Safe to call twice. */
  stop(): Promise<void>;
}

/** Hooks a front end into the app's lifecycle (start after the shop, stop first). */
export interface FrontEnd {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, options: { clock?: () => Date } = {}): Promise<App> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DATA_DIR });
  const applied = await migrate(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const state = config.REDIS_URL ? createRedisState({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX }) : createMemoryState();
  const metrics = createMetrics();
  const notifiers = new Map<Platform, Notifier>();

  // The observer is built before the shop it reports to.
  const late: { shop?: Shop } = {};
  const observer: UpstreamObserver = {
    onCall: ({ upstream, operation, outcome, seconds }) => metrics.upstreamLatency.labels(upstream, operation, outcome).observe(seconds),
    onError: ({ upstream, kind }) => metrics.upstreamErrors.labels(upstream, kind).inc(),
    onHealthChange: ({ upstream, healthy, detail }) => {
      metrics.resellerHealthy.labels(upstream).set(healthy ? 1 : 0);
      logger.warn({ upstream, healthy, detail }, healthy ? 'upstream recovered' : 'upstream unhealthy');
      void late.shop?.monitor.healthChanged(upstream, healthy, detail).catch(() => undefined);
    },
  };
  const configured = createResellers(config, observer);
  // Lapakgaming publishes IDR rates: prices of its offers follow them instead of a fixed FX_RATES entry.
  const fxSources = configured.flatMap((c) =>
    c.fxSource && config.DISPLAY_CURRENCY !== 'IDR' ? [{ source: c.fxSource, pairs: [['IDR', config.DISPLAY_CURRENCY] as const] }] : [],
  );
  const health = new Map(configured.map((c) => [c.reseller.id, c]));
  const sellix = createSellix(config, observer);
  const fx = parseFxRatesConfig(config.FX_RATES);

  const theShop = createShop({
    storage: createStorage(database.db),
    pricingStore: createPricingStore(database.db),
    kv: state.kv,
    resellers: configured.map((c) => c.reseller),
    isHealthy: (id) => health.get(id)?.isHealthy() ?? false,
    paymentMethods: sellix ? [sellix] : [],
    notifiers: () => notifiers,
    settings: {
      currency: config.DISPLAY_CURRENCY,
      markupPercent: config.PRICE_MARKUP_PERCENT,
      minMarginPercent: config.PRICE_MIN_MARGIN_PERCENT,
      fxRates: fx.ok ? fx.value : [],
      fxMaxAgeMinutes: config.FX_MAX_AGE_MINUTES,
      quoteTtlMs: config.QUOTE_TTL_SECONDS * 1000,
      paymentTimeoutMs: config.ORDER_PAYMENT_TIMEOUT_MINUTES * 60_000,
      stuckAfterMs: config.ORDER_STUCK_MINUTES * 60_000,
      catalogRefreshMs: config.CATALOG_REFRESH_MINUTES * 60_000,
      balanceThresholds: parseBalanceAlerts(config.RESELLER_BALANCE_ALERTS),
      balanceCheckMs: config.BALANCE_CHECK_MINUTES * 60_000,
      paymentMethods: config.PAYMENT_METHODS,
      ...(config.LARGE_ORDER_ALERT ? { largeOrderThreshold: Money.of(config.LARGE_ORDER_ALERT, config.DISPLAY_CURRENCY) } : {}),
    },
    logger,
    metrics: { orderTransition: (s) => metrics.ordersByState.labels(s).inc() },
    callbackUrlFor: (id) => webhookUrlFor(config, id),
    fxSources,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  late.shop = theShop;
  const webhookSecret = config.SELLIX_WEBHOOK_SECRET;

  const frontEnds: FrontEnd[] = [];
  const routes: FastifyPluginAsync[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const stars = createStarsPaymentMethod({
      starsPerUsd: config.STARS_PER_USD,
      kv: state.kv,
      // Prices in another currency are converted with the shop's own FX table.
      toUsd: async (amount) => {
        const converted = (await theShop.pricing.policy()).fx.convert(amount, 'USD', (options.clock ?? (() => new Date()))());
        return converted.ok ? converted.value : undefined;
      },
    });
    theShop.registerPaymentMethod(stars);
    const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
    const telegram = createTelegramBot({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      shop: theShop,
      state,
      logger: logger.child({ component: 'telegram' }),
      adminIds: config.ADMIN_TELEGRAM_IDS,
      ...(config.OPERATOR_TELEGRAM_CHAT_ID ? { operatorChatId: config.OPERATOR_TELEGRAM_CHAT_ID } : {}),
      ...(webhookUrl && config.TELEGRAM_WEBHOOK_SECRET ? { webhook: { url: webhookUrl, secret: config.TELEGRAM_WEBHOOK_SECRET } } : {}),
      onRateLimited: () => metrics.rateLimitHits.labels('telegram').inc(),
      starsMethod: stars,
      rateLimit: { points: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    });
    notifiers.set('telegram', telegram.notifier);
    frontEnds.push(telegram);
    const handler = telegram.webhookHandler;
    if (webhookUrl && handler) {
      routes.push(async (app) => {
        app.post(new URL(webhookUrl).pathname, handler);
      });
    }
  }

  const server = await buildServer({
    logger,
    metrics,
    trustProxy: config.TRUST_PROXY,
    readiness: [
      { name: 'database', check: () => database.ping() },
      { name: 'redis', check: () => state.ping() },
    ],
    routes: [
      ...routes,
      webhookRoutes({
        shop: theShop,
        resellers: configured.map((c) => c.reseller),
        metrics,
        logger,
        ...(sellix && webhookSecret ? { sellix: (request) => parseSellixWebhook(request, webhookSecret) } : {}),
      }),
    ],
  });

  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    database,
    state,
    metrics,
    shop: theShop,
    server,
    notifiers,
    async start() {
      const address = await server.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
      await theShop.start();
      for (const frontEnd of frontEnds) await frontEnd.start();
      return { address };
    },
    stop() {
      stopping ??= (async () => {
        // Stop taking updates first, then let in-flight work finish, then close connections.
        await Promise.allSettled(frontEnds.map((f) => f.stop()));
        await server.close();
        await theShop.stop();
        await Promise.allSettled(configured.map((c) => c.close()));
        await sellix?.close();
        await state.close();
        await database.close();
      })();
      return stopping;
    },
  };
}
