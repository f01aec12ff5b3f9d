import { cpus, loadavg } from 'node:os';
import { Bot, type Transformer } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import { createTelegramBot } from '../src/bots/telegram/bot.js';
import { encode } from '../src/bots/telegram/callback-data.js';
import { createStarsPaymentMethod } from '../src/bots/telegram/stars.js';
import type { SharedState } from '../src/core/ports/kv.js';
import { createShop } from '../src/core/shop.js';
import { createMemoryState } from '../src/infra/memory-state.js';
import { createRedisState } from '../src/infra/redis-state.js';
import { createSandboxReseller } from '../src/providers/sandbox/sandbox.adapter.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { createPricingStore } from '../src/storage/pricing-store.js';
import { createStorage } from '../src/storage/storage.js';

/**
 * The Telegram front end's own cost per update: many simulated buyers' updates fed through the
 * whole middleware stack (repeat check, per-chat ordering, sessions over the key-value port, the
 * rate limiter, i18n, the buyer lookup, the purchase conversation with its stored replay state)
 * with `bot.handleUpdate`, the Bot API mocked by a transformer that answers at once; beside a bare
 * grammY bot answering the same updates, in the same run. Sessions live in Redis when REDIS_URL
 * is set (in process otherwise), the shop in PostgreSQL when DATABASE_URL is set (in-memory
 * PGlite otherwise). The last line is one JSON record.
 */

const USERS = Number(process.env.BENCH_USERS ?? 1_500);
const WARMUP_USERS = 150;
/** Buyers in flight at once; each one's updates go in order, as Telegram delivers them. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ME: UserFromGetMe = {
  id: 7_000_000_001, is_bot: true, first_name: 'Bench Shop', username: 'bench_shop_bot', can_join_groups: true, can_read_all_group_messages: false,
  supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;

/** Answers every Bot API call at once, the way Telegram would shape the result. */
function instantApi(): Transformer {
  let messageId = 1_000;
  return async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const chat = { id: Number(p.chat_id ?? 1), type: 'private' as const, first_name: 'Buyer' };
    const message = (): Message => ({ message_id: ++messageId, date: 0, chat, text: String(p.text ?? ''), from: ME }) as Message;
    const result: Record<string, unknown> = {
      sendMessage: message(),
      sendInvoice: message(),
      editMessageText: message(),
      editMessageReplyMarkup: message(),
    };
    return { ok: true, result: (result[method] ?? true) as never };
  };
}

let updateId = 0;
const from = (id: number) => ({ id, is_bot: false as const, first_name: `Buyer${id}`, language_code: ['en', 'ru', 'id'][id % 3]! });
const text = (id: number, body: string): Update => {
  const message = { message_id: ++updateId, date: 0, chat: { id, type: 'private' as const, first_name: 'Buyer' }, from: from(id), text: body } as Message.TextMessage;
  if (body.startsWith('/')) message.entities = [{ type: 'bot_command', offset: 0, length: body.split(' ')[0]!.length }];
  return { update_id: updateId, message } as Update;
};
const press = (id: number, data: string): Update => ({
  update_id: ++updateId,
  callback_query: {
    id: `q${updateId}`, from: from(id), chat_instance: `ci${id}`, data,
    message: { message_id: 1, date: 0, chat: { id, type: 'private', first_name: 'Buyer' }, from: ME, text: 'menu' } as Message.TextMessage,
  },
});

/** One buyer's session: menu, browse, search, open a purchase, type the player id (nickname check + quote), cancel. */
const STEPS = ['/start', 'menu: shop', 'type "pubg 60"', 'tap the listing', 'type the player id', '/cancel', 'menu: wallet', 'games page'] as const;

function script(id: number, listingId: string): Update[] {
  return [
    text(id, '/start'),
    press(id, encode('m', 'shop')),
    text(id, 'pubg 60'),
    press(id, encode('pb', listingId)),
    text(id, '12345678'),
    text(id, '/cancel'),
    press(id, encode('m', 'wallet')),
    press(id, encode('bg', 1)),
  ];
}

interface Run {
  latencies: number[];
  byStep: number[][];
  seconds: number;
}

async function drive(bot: { handleUpdate(update: Update): Promise<void> }, users: number[], listingId: string): Promise<Run> {
  const latencies: number[] = [];
  const byStep: number[][] = STEPS.map(() => []);
  const queue = [...users];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        for (const [step, update] of script(id, listingId).entries()) {
          const t0 = process.hrtime.bigint();
          await bot.handleUpdate(update);
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          latencies.push(ms);
          byStep[step]!.push(ms);
        }
      }
    }),
  );
  return { latencies, byStep, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main() {
  const logger = pino({ level: 'silent' });
  const database = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: 'memory://' });
  await migrate(database.db);
  const state: SharedState = process.env.REDIS_URL ? createRedisState({ url: process.env.REDIS_URL, keyPrefix: `bench:${Date.now()}:` }) : createMemoryState();
  const stars = createStarsPaymentMethod({ starsPerUsd: '77', kv: state.kv });
  const shop = createShop({
    storage: createStorage(database.db),
    pricingStore: createPricingStore(database.db),
    kv: state.kv,
    resellers: [createSandboxReseller()],
    paymentMethods: [stars],
    notifiers: () => new Map(),
    settings: { currency: 'USD', markupPercent: '10', minMarginPercent: '2', fxRates: [], fxMaxAgeMinutes: 1440, quoteTtlMs: 300_000, paymentTimeoutMs: 1_800_000, stuckAfterMs: 1_800_000, catalogRefreshMs: 600_000 },
    logger,
  });
  await shop.catalog.refresh();
  const listingId = shop.catalog.search('pubg 60', 1, 1).hits[0]!.listing.id;

  const full = createTelegramBot({
    token: `${ME.id}:bench`, apiRoot: 'http://127.0.0.1:9', shop, state, logger, adminIds: [], starsMethod: stars, botInfo: ME, throttle: false,
    // Every buyer's eight updates fit the default policy; the limiter is consulted on each.
    rateLimit: { points: 20, windowMs: 10_000 },
  });
  full.bot.api.config.use(instantApi());
  await full.bot.init();

  const bare = new Bot(`${ME.id}:bench`, { botInfo: ME, client: { apiRoot: 'http://127.0.0.1:9' } });
  bare.api.config.use(instantApi());
  bare.command('start', (ctx) => ctx.reply('Hi'));
  bare.on('callback_query:data', (ctx) => ctx.answerCallbackQuery());
  bare.on('message:text', (ctx) => ctx.reply(`You said ${ctx.message.text}`));
  await bare.init();

  const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  await drive(full.bot, ids(1, WARMUP_USERS), listingId);
  await drive(bare, ids(1, WARMUP_USERS), listingId);
  const measuredFull = await drive(full.bot, ids(1_000_000, USERS), listingId);
  const measuredBare = await drive(bare, ids(1_000_000, USERS), listingId);

  const updates = measuredFull.latencies.length;
  const result = {
    bench: 'telegram',
    updates_per_s: Math.round(updates / measuredFull.seconds),
    p99_ms: Number(percentile(measuredFull.latencies, 99).toFixed(2)),
    bare_updates_per_s: Math.round(measuredBare.latencies.length / measuredBare.seconds),
    bare_p99_ms: Number(percentile(measuredBare.latencies, 99).toFixed(3)),
  };
  console.log(`telegram bench: ${USERS} buyers × ${updates / USERS} updates (${updates}), ${CONCURRENCY} buyers in flight, after ${WARMUP_USERS} warm-up buyers`);
  console.log(`shared state: ${state.kind}; database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}; API: mocked by a transformer answering at once`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the end of the run`);
  console.log(`${'bot'.padEnd(34)}${'updates/s'.padStart(11)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`);
  for (const [name, run] of [['full stack (ours)', measuredFull], ['bare grammY (reply only)', measuredBare]] as const) {
    const xs = run.latencies;
    console.log(
      `${name.padEnd(34)}${String(Math.round(xs.length / run.seconds)).padStart(11)}${percentile(xs, 50).toFixed(3).padStart(9)}${percentile(xs, 99).toFixed(3).padStart(9)}${Math.max(...xs).toFixed(3).padStart(9)}`,
    );
  }
  console.log('\nfull stack by step (core calls included: the buyer lookup, nickname check, quote and wallet read hit the database):');
  STEPS.forEach((step, i) => {
    const xs = measuredFull.byStep[i]!;
    console.log(`  ${step.padEnd(22)} p50 ${percentile(xs, 50).toFixed(3).padStart(8)} ms  p99 ${percentile(xs, 99).toFixed(3).padStart(8)} ms`);
  });
  console.log(JSON.stringify(result));
  await shop.stop();
  await state.close();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
