import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Money } from '../../../../src/core/money.js';
import type { SharedState } from '../../../../src/core/ports/kv.js';
import type { Notifier, Platform } from '../../../../src/core/ports/notifier.js';
import type { PaymentMethod } from '../../../../src/core/ports/payment.js';
import { createShop, type Shop, type ShopSettings } from '../../../../src/core/shop.js';
import { createMemoryState } from '../../../../src/infra/memory-state.js';
import { createSandboxReseller, type SandboxReseller } from '../../../../src/providers/sandbox/sandbox.adapter.js';
import { createSellixPaymentMethod } from '../../../../src/providers/sellix/sellix.payment.js';
import { parseSellixWebhook } from '../../../../src/providers/sellix/sellix.webhook.js';
import { createPricingStore } from '../../../../src/storage/pricing-store.js';
import { createStorage } from '../../../../src/storage/storage.js';
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from '../../../../src/bots/telegram/bot.js';
import { createStarsPaymentMethod, type StarsPaymentMethod } from '../../../../src/bots/telegram/stars.js';
import { FakeTelegram, type FakeMessage, type FakeUser } from '../../../fakes/telegram.fake.js';
import { SellixFake } from '../../../fakes/sellix.fake.js';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { testSettings } from '../../../support/shop-harness.js';

export const OPERATOR_CHAT = -100_777;
/** 1 USD = 100 Stars in tests, so prices read easily (0.97 USD → 97 Stars). */
export const TEST_STARS_PER_USD = '100';

/**
 * A real shop (PGlite, sandbox reseller, Sellix against its fake, Telegram Stars) and the real
 * grammY bot polling a fake Telegram server over HTTP. Tests act as buyers through the fake.
 * The bot can be stopped and a new instance started over the same database and key-value store.
 */
export interface BotHarness {
  fake: FakeTelegram;
  shop: Shop;
  sandbox: SandboxReseller;
  state: SharedState;
  stars: StarsPaymentMethod;
  sellix: SellixFake;
  /** Moves the shop's and the sandbox's clock forward (the reconciler polls after 10 s). */
  advance(ms: number): void;
  /** The running bot instance (changes on restart). */
  telegram: TelegramBot;
  startBot(): Promise<TelegramBot>;
  stopBot(): Promise<void>;
  /** Puts money in the buyer's wallet (the buyer is created as the bot would). */
  fund(user: FakeUser, amount: string): Promise<void>;
  /** The shop's view of a buyer's latest order. */
  latestOrder(user: FakeUser): Promise<import('../../../../src/core/ports/storage.js').OrderRecord | undefined>;
  /** Sellix sends a webhook for the buyer's last checkout; it goes through the real parser into the shop. */
  sellixPays(paymentReference: string): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  settings?: Partial<ShopSettings>;
  bot?: Partial<TelegramBotOptions>;
}

export async function createBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const database: TestDatabase = await openTestDatabase('pglite');
  const fake = new FakeTelegram({ preCheckoutTimeoutMs: 9_000 });
  await fake.start();
  fake.group(OPERATOR_CHAT, { title: 'Operators' });
  const sellix = new SellixFake();
  await sellix.start();
  const hooks = await startSellixHookServer(sellix);

  let offset = 0;
  const nowMs = () => Date.now() + offset;
  const state = createMemoryState();
  const sandbox = createSandboxReseller({ now: nowMs, pendingMs: 300 });
  const stars = createStarsPaymentMethod({ starsPerUsd: TEST_STARS_PER_USD, kv: state.kv });
  const methods: PaymentMethod[] = [createSellixPaymentMethod({ apiKey: sellix.apiKey, baseUrl: sellix.baseUrl, webhookUrl: hooks.url }), stars];
  const notifiers = new Map<Platform, Notifier>();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const storage = createStorage(database.handle.db);
  const shop = createShop({
    storage,
    pricingStore: createPricingStore(database.handle.db),
    kv: state.kv,
    resellers: [sandbox],
    paymentMethods: methods,
    notifiers: () => notifiers,
    settings: { ...testSettings, ...options.settings },
    logger,
    clock: () => new Date(nowMs()),
  });
  hooks.shop = shop;
  await shop.catalog.refresh();

  // The reconciler and the outbox, run often: what shop.start() does on timers, faster.
  let pumping = true;
  const pump = (async () => {
    while (pumping) {
      await shop.worker.tick().catch(() => undefined);
      await shop.outbox.tick().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  const harness: BotHarness = {
    fake,
    shop,
    sandbox,
    state,
    stars,
    sellix,
    advance: (ms) => {
      offset += ms;
    },
    telegram: undefined as unknown as TelegramBot,
    async startBot() {
      const telegram = createTelegramBot({
        token: fake.token,
        apiRoot: fake.apiRoot,
        shop,
        state,
        logger,
        adminIds: [],
        operatorChatId: String(OPERATOR_CHAT),
        starsMethod: stars,
        throttle: false,
        rateLimit: { points: 60, windowMs: 10_000 },
        ...options.bot,
      });
      await telegram.start();
      notifiers.set('telegram', telegram.notifier);
      harness.telegram = telegram;
      return telegram;
    },
    async stopBot() {
      notifiers.delete('telegram');
      await harness.telegram.stop();
    },
    async fund(user, amount) {
      const buyer = await shop.identify({ platform: 'telegram', platformUserId: String(user.id), username: user.user.username ?? null, displayName: user.user.first_name, language: 'en' });
      const result = await shop.wallet.adjust({ actor: 'admin:test', userId: buyer.id, amount: Money.of(amount, 'USD'), note: 'test funds', idempotencyKey: `fund:${buyer.id}:${Date.now()}:${Math.random()}` });
      if (!result.ok) throw new Error(`funding failed: ${result.code}`);
    },
    async latestOrder(user) {
      const buyer = await storage.users.findByIdentity('telegram', String(user.id));
      if (!buyer) return undefined;
      return (await storage.orders.listForUser(buyer.id, { limit: 1, offset: 0 })).orders[0];
    },
    async sellixPays(paymentReference) {
      const payment = sellix.paymentFor(paymentReference);
      if (!payment) throw new Error(`fake Sellix has no payment for ${paymentReference}`);
      const [delivery] = await sellix.sendWebhook(payment.uniqid, 'paid');
      if (delivery?.status !== 200) throw new Error(`webhook answered ${delivery?.status}: ${delivery?.responseBody}`);
    },
    async close() {
      if (harness.telegram) await harness.stopBot().catch(() => undefined);
      pumping = false;
      await pump;
      await shop.stop();
      await hooks.close();
      await sellix.close();
      await fake.close();
      await state.close();
      await database.dispose();
    },
  };
  return harness;
}

/** Our Sellix webhook route, as the HTTP server will have it: verify, parse, hand to the shop. */
async function startSellixHookServer(sellix: SellixFake): Promise<{ url: string; shop?: Shop; close(): Promise<void> }> {
  const holder: { url: string; shop?: Shop; close(): Promise<void> } = { url: '', close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const parsed = parseSellixWebhook({ headers: req.headers, rawBody: Buffer.concat(chunks) }, sellix.webhookSecret);
        if (!parsed.ok || !holder.shop) {
          res.writeHead(parsed.ok ? 503 : 401).end(parsed.ok ? 'no shop' : parsed.reason);
          return;
        }
        const outcome = await holder.shop.payments.handleEvent(parsed.event);
        holder.shop.outbox.kick();
        res.writeHead(200).end(outcome);
      })().catch((error: unknown) => res.writeHead(500).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  holder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sellix`;
  holder.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return holder;
}

/** The buttons of a bot message, as `{text, data, url}`. */
export function buttonsOf(message: FakeMessage): Array<{ text: string; data?: string; url?: string }> {
  const markup = message.replyMarkup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, ...(b.callback_data ? { data: b.callback_data } : {}), ...(b.url ? { url: b.url } : {}) }));
}

/** The data of the first button whose label matches. */
export function buttonData(message: FakeMessage, label: RegExp | string): string {
  const button = buttonsOf(message).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
  if (!button?.data) throw new Error(`no button ${String(label)} on message ${message.messageId}: ${JSON.stringify(buttonsOf(message))}`);
  return button.data;
}

/** Waits until the bot answered this button press (every press must be answered). */
export function answered(fake: FakeTelegram, queryId: string) {
  return fake.waitFor(() => fake.callbackQuery(queryId)?.answered && fake.callbackQuery(queryId), 5_000, `callback ${queryId} to be answered`);
}
