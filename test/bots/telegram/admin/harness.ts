import pino from 'pino';
import { createTelegramBot, type TelegramBot } from '../../../../src/bots/telegram/bot.js';
import type { TelegramBotDeps } from '../../../../src/bots/telegram/deps.js';
import { Money } from '../../../../src/core/money.js';
import type { SharedState } from '../../../../src/core/ports/kv.js';
import type { BuyerAddress, BuyerNotice, Notifier, OperatorAlert } from '../../../../src/core/ports/notifier.js';
import type { BuyerRecord, OrderRecord } from '../../../../src/core/ports/storage.js';
import { createShop, type Shop } from '../../../../src/core/shop.js';
import { createMemoryState } from '../../../../src/infra/memory-state.js';
import { createSandboxReseller } from '../../../../src/providers/sandbox/sandbox.adapter.js';
import { createPricingStore } from '../../../../src/storage/pricing-store.js';
import { createStorage } from '../../../../src/storage/storage.js';
import { FakeTelegram, type ChatActor, type FakeBot } from '../../../fakes/telegram.fake.js';
import type { TestDatabase } from '../../../support/databases.js';
import { testSettings } from '../../../support/shop-harness.js';

export const ADMIN_ID = 900_001;
export const OTHER_ADMIN_ID = 900_002;
export const OPERATOR_CHAT_ID = -100_777;

/** Records what the outbox hands the real Telegram notifier, then lets it send. */
export class RecordingNotifier implements Notifier {
  readonly platform = 'telegram' as const;
  readonly notices: Array<{ address: BuyerAddress; notice: BuyerNotice }> = [];
  readonly alerts: OperatorAlert[] = [];
  inner: Notifier | undefined;

  async notifyBuyer(address: BuyerAddress, notice: BuyerNotice, context: Record<string, string> | null) {
    this.notices.push({ address, notice });
    return this.inner!.notifyBuyer(address, notice, context);
  }

  async alertOperators(alert: OperatorAlert) {
    this.alerts.push(alert);
    await this.inner!.alertOperators(alert);
  }
}

export interface AdminEnv {
  fake: FakeTelegram;
  shop: Shop;
  state: SharedState;
  notifier: RecordingNotifier;
  deps: TelegramBotDeps;
  /** Another bot on the same fake and shop, with no operator chat configured. */
  startBotWithoutOperatorChat(): Promise<FakeBot>;
  /** Runs the reconciler and the outbox until nothing is due. */
  settle(): Promise<void>;
  buyer(telegramId: number, username?: string): Promise<BuyerRecord>;
  fund(buyer: BuyerRecord, amount: string): Promise<void>;
  /** A paid top-up the reseller keeps processing, moved to needs_review as the reconciler would. */
  needsReviewOrder(buyer: BuyerRecord, listingName?: string): Promise<OrderRecord>;
  close(): Promise<void>;
}

/**
 * The real Telegram bot (createTelegramBot: runner, throttler, auto-retry, sessions over the KV
 * port, i18n, every feature) long-polling a local fake Telegram server, with the outbox
 * delivering through its notifier; the shop is real, over PGlite, with the sandbox reseller.
 */
export async function startAdminEnv(database: TestDatabase): Promise<AdminEnv> {
  const fake = new FakeTelegram();
  await fake.start();
  fake.group(OPERATOR_CHAT_ID, { title: 'Operators' });
  const state = createMemoryState();
  const sandbox = createSandboxReseller({ pendingMs: 3_600_000 });
  const storage = createStorage(database.handle.db);
  const notifier = new RecordingNotifier();
  let notifiers: Map<'telegram', Notifier> = new Map([['telegram', notifier]]);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const shop = createShop({
    storage,
    pricingStore: createPricingStore(database.handle.db),
    kv: state.kv,
    resellers: [sandbox],
    paymentMethods: [],
    notifiers: () => notifiers,
    settings: testSettings,
    logger,
  });
  await shop.catalog.refresh();
  const deps: TelegramBotDeps = {
    token: fake.token,
    apiRoot: fake.apiRoot,
    shop,
    state,
    logger,
    adminIds: [String(ADMIN_ID), String(OTHER_ADMIN_ID)],
    operatorChatId: String(OPERATOR_CHAT_ID),
  };
  const bots: TelegramBot[] = [];

  async function launch(botDeps: TelegramBotDeps, fakeBot: FakeBot) {
    const telegram = createTelegramBot(botDeps);
    bots.push(telegram);
    const before = fakeBot.calls('getUpdates').length;
    await telegram.start();
    await fakeBot.waitFor(() => fakeBot.calls('getUpdates').length > before);
    return telegram;
  }

  notifier.inner = (await launch(deps, fake)).notifier;
  let counter = 0;

  const env: AdminEnv = {
    fake,
    shop,
    state,
    notifier,
    deps,
    async startBotWithoutOperatorChat() {
      const other = fake.addBot('7000000002:AAOtherFakeTelegramToken');
      const { operatorChatId: _none, ...rest } = deps;
      await launch({ ...rest, token: other.token }, other);
      return other;
    },
    async settle() {
      for (let i = 0; i < 10; i++) {
        const worked = await shop.worker.tick();
        const sent = await shop.outbox.tick();
        if (worked === 0 && sent === 0) return;
      }
    },
    buyer(telegramId, username) {
      return shop.identify({ platform: 'telegram', platformUserId: String(telegramId), username: username ?? null, displayName: `Buyer ${telegramId}`, language: 'en' });
    },
    async fund(buyer, amount) {
      const result = await shop.wallet.adjust({ actor: 'admin:test', userId: buyer.id, amount: Money.of(amount, 'USD'), note: 'test funds', idempotencyKey: `fund:${buyer.id}:${++counter}` });
      if (!result.ok) throw new Error(`funding failed: ${result.code}`);
    },
    async needsReviewOrder(buyer, listingName = 'PUBG Mobile 60 UC') {
      const hit = shop.catalog.search(listingName, 1, 20).hits.find((h) => h.listing.name === listingName);
      if (!hit) throw new Error(`no listing ${listingName}`);
      const quote = await shop.purchases.quote(buyer, { listingId: hit.listing.id, player: { player_id: `1111${String(++counter).padStart(4, '0')}` } });
      if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
      const placed = await shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
      if (!placed.ok) throw new Error(`order failed: ${placed.code}`);
      await env.settle();
      const order = placed.value.order;
      await storage.transaction((tx) => shop.lifecycle.transition(tx, order.id, 'needs_review', { reason: 'reseller did not answer', actor: 'reconciler' }));
      await env.settle();
      return (await storage.orders.findById(order.id))!;
    },
    async close() {
      notifiers = new Map();
      await Promise.all(bots.map((bot) => bot.stop()));
      await shop.stop();
      await fake.close();
      await state.close();
    },
  };
  return env;
}

/**
 * Waits until the bot has handled everything this actor sent so far: updates of one chat are
 * handled in order, so once the answer to `probe` is there, the earlier updates are done.
 */
export async function handledSoFar(actor: ChatActor, probe: string): Promise<void> {
  const count = actor.messages().length;
  actor.send(probe);
  await actor.waitForMessage((m) => actor.messages().indexOf(m) >= count);
}
