import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { SharedState } from './core/ports/kv.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { buildServer } from './http/server.js';
import { createMemoryState } from './infra/memory-state.js';
import { createRedisState } from './infra/redis-state.js';
import { migrate, openDatabase, type DatabaseHandle } from './storage/database.js';

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
      detail: config.TELEGRAM_BOT_TOKEN ? `Bot API at ${config.TELEGRAM_API_ROOT}` : 'set TELEGRAM_BOT_TOKEN to turn on',
    },
    {
      name: 'discord',
      on: Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID),
      detail: config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID ? 'gateway' : 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID to turn on',
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
    features.push({ name, on: Boolean(credential), detail: credential ? 'configured' : `set ${variable} to turn on` });
  }
  const realResellers = upstreams.slice(0, 4).some(([, credential]) => Boolean(credential));
  const sandbox = config.SANDBOX_RESELLER === 'on' || (config.SANDBOX_RESELLER === 'auto' && !realResellers);
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
  server: FastifyInstance;
  /** Starts listening and background work. */
  start(): Promise<{ address: string }>;
  /** Stops taking work, lets in-flight work finish, closes connections. Safe to call twice. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DATA_DIR });
  const applied = await migrate(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const state = config.REDIS_URL ? createRedisState({ url: config.REDIS_URL }) : createMemoryState();
  const metrics = createMetrics();

  const server = await buildServer({
    logger,
    metrics,
    readiness: [
      { name: 'database', check: () => database.ping() },
      { name: 'redis', check: () => state.ping() },
    ],
  });

  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    database,
    state,
    metrics,
    server,
    async start() {
      const address = await server.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
      return { address };
    },
    stop() {
      stopping ??= (async () => {
        await server.close();
        await state.close();
        await database.close();
      })();
      return stopping;
    },
  };
}
