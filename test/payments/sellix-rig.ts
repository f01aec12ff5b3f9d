import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { request } from 'undici';
import { Money } from '../../src/core/money.js';
import type { BuyerNotice, OperatorAlert } from '../../src/core/ports/notifier.js';
import type { BuyerRecord, OrderRecord, PaymentRecord } from '../../src/core/ports/storage.js';
import type { Shop, ShopSettings } from '../../src/core/shop.js';
import { createMetrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { webhookRoutes } from '../../src/http/webhook-routes.js';
import { createSellixPaymentMethod, type SellixPaymentMethod } from '../../src/providers/sellix/sellix.payment.js';
import { parseSellixWebhook } from '../../src/providers/sellix/sellix.webhook.js';
import { SellixFake, type SellixDelivery, type SellixSendOptions, type SellixWebhookScenario } from '../fakes/sellix.fake.js';
import { withDefaultUser } from '../../src/storage/database.js';
import { TEST_POSTGRES_URL, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

const webhookSecret = 'sellix-e2e-webhook-secret';

/** A Sellix payment as the buyer meets it: our record, the fake's uniqid and the checkout URL. */
export interface StartedPayment {
  reference: string;
  uniqid: string;
  url: string;
}

/**
 * The whole Sellix path for end-to-end tests: the Sellix fake, the real HTTP server listening
 * on a free local port (so the fake's signed webhooks arrive over HTTP), the real Sellix
 * adapter pointed at both, and a harness shop over a fresh database.
 */
export interface SellixRig {
  fake: SellixFake;
  h: Harness;
  app: FastifyInstance;
  sellix: SellixPaymentMethod;
  webhookUrl: string;
  /** Sends a scenario and answers the route's `outcome` (or `HTTP <status>`) per delivery. */
  send(uniqid: string, scenario: SellixWebhookScenario, options?: SellixSendOptions): Promise<string[]>;
  topUp(buyer: BuyerRecord, amount: string): Promise<StartedPayment>;
  /** Quote and order `listingName` paid with Sellix. */
  checkout(buyer: BuyerRecord, listingName: string, player?: Record<string, string>): Promise<StartedPayment & { order: OrderRecord }>;
  payment(reference: string): Promise<PaymentRecord>;
  order(id: string): Promise<OrderRecord>;
  balance(buyer: BuyerRecord): Promise<string>;
  /** Ledger reasons, newest first. */
  ledger(buyer: BuyerRecord): Promise<Array<{ reason: string; amount: string; reference: string }>>;
  notices(buyer: BuyerRecord): BuyerNotice[];
  /** Operator alerts whose text names `reference`. */
  alertsAbout(reference: string): OperatorAlert[];
  /** `webhook_signature_failures_total{source="sellix"}`, read from `/metrics` over HTTP. */
  signatureFailures(): Promise<number>;
  close(): Promise<void>;
}

export function outcomesOf(deliveries: SellixDelivery[]): string[] {
  return deliveries.map((d) => {
    if (d.status !== 200) return `HTTP ${d.status}`;
    const body = JSON.parse(d.responseBody) as { ok: boolean; outcome?: string; reason?: string };
    return body.outcome ?? `not ok: ${body.reason ?? '?'}`;
  });
}

/**
 * `dispose()` drops a PostgreSQL database `with (force)` as soon as the pool's `end()`
 * resolves, which is before its sockets have closed. After 20 parallel webhooks the pool holds
 * a dozen connections, and one killed mid-goodbye surfaces as an uncaught 57P01 in about one
 * run in ten. Waiting until the server has no backend left for the database removes the race.
 */
async function disposeQuietly(kind: 'pglite' | 'postgres', database: TestDatabase): Promise<void> {
  if (kind === 'postgres') {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.handle.db);
    await database.handle.close();
    const admin = new pg.Client({ connectionString: withDefaultUser(TEST_POSTGRES_URL) });
    await admin.connect();
    try {
      const deadline = Date.now() + 5_000;
      const left = async () => (await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [rows[0]?.name])).rows[0]?.n ?? 0;
      while (Date.now() < deadline && (await left()) > 0) {
        // Each round trip gives the closing sockets time to finish; no fixed sleep.
      }
    } finally {
      await admin.end();
    }
  }
  await database.dispose();
}

export async function startSellixRig(kind: 'pglite' | 'postgres', settings: Partial<ShopSettings> = {}): Promise<SellixRig> {
  const fake = new SellixFake({ webhookSecret });
  await fake.start();
  const database: TestDatabase = await openTestDatabase(kind);
  const metrics = createMetrics();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

  // The adapter needs the webhook URL, which exists only once the server listens, and the
  // server's routes need the shop: the routes read the shop at request time, so it comes later.
  const late: { h?: Harness } = {};
  const harness = (): Harness => {
    if (!late.h) throw new Error('the shop is not built yet');
    return late.h;
  };
  const app = await buildServer({
    logger,
    metrics,
    readiness: [],
    routes: [
      webhookRoutes({
        get shop(): Shop {
          return harness().shop;
        },
        resellers: [],
        metrics,
        logger,
        sellix: (req) => parseSellixWebhook(req, webhookSecret),
        clock: () => harness().now(),
      }),
    ],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const webhookUrl = `${origin}/webhooks/sellix`;
  const sellix = createSellixPaymentMethod({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, webhookUrl, returnUrl: 'https://t.me/kiosk_bot', timeoutMs: 5_000 });
  const h = await createHarness(database.handle, { paymentMethods: [sellix], settings });
  late.h = h;
  const shop = h.shop;

  const started = async (reference: string): Promise<StartedPayment> => {
    const payment = await shop.storage.payments.findByReference(reference);
    if (!payment?.externalId || !payment.checkoutUrl) throw new Error(`payment ${reference} has no Sellix checkout`);
    return { reference, uniqid: payment.externalId, url: payment.checkoutUrl };
  };

  return {
    fake,
    h,
    app,
    sellix,
    webhookUrl,
    send: async (uniqid, scenario, options) => outcomesOf(await fake.sendWebhook(uniqid, scenario, options)),
    async topUp(buyer, amount) {
      const result = await shop.payments.startTopUp(buyer, Money.of(amount, 'USD'), 'sellix');
      if (!result.ok) throw new Error(`top-up failed: ${result.code}`);
      return started(result.value.payment.reference);
    },
    async checkout(buyer, listingName, player = {}) {
      const quote = await shop.purchases.quote(buyer, { listingId: listingNamed(shop, listingName).id, player });
      if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
      const placed = await shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'sellix' });
      if (!placed.ok) throw new Error(`order failed: ${placed.code}`);
      const order = placed.value.order;
      const payment = await shop.storage.payments.findById(order.paymentId!);
      return { order, ...(await started(payment!.reference)) };
    },
    async payment(reference) {
      const payment = await shop.storage.payments.findByReference(reference);
      if (!payment) throw new Error(`no payment ${reference}`);
      return payment;
    },
    async order(id) {
      const order = await shop.storage.orders.findById(id);
      if (!order) throw new Error(`no order ${id}`);
      return order;
    },
    balance: async (buyer) => (await shop.wallet.balance(buyer.id)).toString(),
    async ledger(buyer) {
      const { entries } = await shop.wallet.history(buyer.id, { limit: 50, offset: 0 });
      return entries.map((e) => ({ reason: e.reason, amount: e.amount.toString(), reference: e.reference }));
    },
    notices: (buyer) => h.notifier.buyerNotices.filter((n) => n.address.userId === buyer.id).map((n) => n.notice),
    alertsAbout: (reference) => h.notifier.alerts.filter((a) => a.text.includes(reference)),
    async signatureFailures() {
      const response = await request(`${origin}/metrics`);
      const text = await response.body.text();
      const line = /^webhook_signature_failures_total\{source="sellix"\} (\d+)$/m.exec(text);
      return line ? Number(line[1]) : 0;
    },
    async close() {
      await shop.stop();
      await app.close();
      await sellix.close();
      await fake.close();
      await disposeQuietly(kind, database);
    },
  };
}
