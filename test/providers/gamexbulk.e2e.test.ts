import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { IncomingWebhook } from '../../src/core/ports/reseller.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { createMetrics, type Metrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { webhookRoutes } from '../../src/http/webhook-routes.js';
import { createGamexBulkReseller, type GamexBulkReseller } from '../../src/providers/gamexbulk/gamexbulk.adapter.js';
import { GamexBulkFake } from '../fakes/gamexbulk.fake.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

/**
 * Whole purchases through the core against the GamexBulk fake, with every order update
 * arriving as the fake's signed events-mode webhook through the real `POST /webhooks/gamexbulk`
 * route: delivery, duplicates, late events, refunds and forged deliveries.
 */
describe.each(databaseKinds)('gamexbulk purchases through the core and its webhook route (%s)', (kind) => {
  let database: TestDatabase;
  let h: Harness;
  let fake: GamexBulkFake;
  let reseller: GamexBulkReseller;
  let metrics: Metrics;
  let app: FastifyInstance;

  beforeAll(async () => {
    fake = new GamexBulkFake();
    reseller = createGamexBulkReseller({
      baseUrl: await fake.start(),
      apiKey: fake.apiKey,
      timeoutMs: 400,
      retries: 1,
      retryBaseDelayMs: 5,
      breakerThreshold: 1_000,
      callbackUrl: 'https://shop.example/webhooks/gamexbulk',
    });
    database = await openTestDatabase(kind);
    h = await createHarness(database.handle, { resellers: () => [reseller] });
    const logger = pino({ level: 'silent' });
    metrics = createMetrics();
    app = await buildServer({
      logger,
      metrics,
      readiness: [],
      routes: [webhookRoutes({ shop: h.shop, resellers: [reseller], metrics, logger, clock: h.now })],
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.shop.stop();
    await database?.dispose();
    await reseller?.close();
    await fake?.close();
  });

  async function buy(buyer: BuyerRecord, listingName: string, player: Record<string, string>) {
    const listing = listingNamed(h.shop, listingName);
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player });
    if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(`order failed: ${placed.code}`);
    return { quote: quote.value, order: placed.value.order };
  }
  /** A pending Steam Wallet voucher, accepted by GamexBulk and waiting for its webhook. */
  async function pendingVoucher(buyer: BuyerRecord) {
    const bought = await buy(buyer, 'Steam Wallet 10 USD', {});
    await h.settle();
    expect((await find(bought.order.id)).state).toBe('processing');
    return bought;
  }
  const find = async (id: string) => (await h.shop.storage.orders.findById(id))!;
  const balance = (buyer: BuyerRecord) => h.shop.wallet.balance(buyer.id).then((m) => m.toString());
  const events = async (orderId: string) => (await h.shop.storage.events.listForOrder(orderId)).map((e) => e.toState);
  const deliver = (hook: IncomingWebhook) =>
    app.inject({ method: 'POST', url: '/webhooks/gamexbulk', headers: hook.headers, payload: hook.rawBody, remoteAddress: hook.ip });
  const noticeOf = (reference: string, state: string) =>
    h.notifier.buyerNotices.find((n) => n.notice.kind === 'order_status' && n.notice.order.reference === reference && n.notice.order.state === state)?.notice;
  async function signatureFailures(): Promise<number> {
    const metric = metrics.registry.getSingleMetric('webhook_signature_failures_total');
    const values = (await metric?.get())?.values ?? [];
    return values.find((v) => v.labels.source === 'gamexbulk')?.value ?? 0;
  }

  it('delivers the voucher code when a signed webhook reports the order completed', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { quote, order } = await pendingVoucher(buyer);
    const sent = fake.calls('/orders', 'POST').at(-1)!;
    expect(sent.headers['x-idempotency-key']).toBe(order.reference);
    expect(sent.body).toEqual({ product_id: 55, qty: 1, callback_url: 'https://shop.example/webhooks/gamexbulk', callback_mode: 'events' });

    const hook = (await fake.finishOrder(order.reference, 'success'))!;
    const response = await deliver(hook);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, outcome: 'applied' });

    const done = await find(order.id);
    const code = `GXB-${fake.orderOf(order.reference).order_id}-1`;
    expect(done.state).toBe('completed');
    expect(done.delivery?.items).toEqual([{ code }]);
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'processing', 'completed']);
    expect(await balance(buyer)).toBe(Money.of('50', 'USD').sub(quote.price).toString());
    await h.settle();
    const notice = noticeOf(order.reference, 'completed');
    expect(notice?.kind === 'order_status' && notice.order.items).toEqual([{ code }]);
    expect(fake.ordersFor(order.reference)).toBe(1);
  });

  it('acknowledges a repeated delivery of the same webhook and changes nothing', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { order } = await pendingVoucher(buyer);
    const hook = (await fake.finishOrder(order.reference, 'success'))!;
    expect((await deliver(hook)).json()).toEqual({ ok: true, outcome: 'applied' });
    await h.settle();
    const before = { order: await find(order.id), events: await events(order.id), balance: await balance(buyer), notices: h.notifier.buyerNotices.length };

    const again = await deliver(hook);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    await h.settle();
    expect(await find(order.id)).toEqual(before.order);
    expect(await events(order.id)).toEqual(before.events);
    expect(await balance(buyer)).toBe(before.balance);
    expect(h.notifier.buyerNotices).toHaveLength(before.notices);
  });

  it('ignores an older processing event that arrives after the completion', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { order } = await pendingVoucher(buyer);
    const processing = fake.advance(order.reference)!;
    const completed = (await fake.finishOrder(order.reference, 'success'))!;
    expect(JSON.parse(processing.rawBody.toString('utf8'))).toMatchObject({ status: 'PROCESSING' });
    expect((await deliver(completed)).json()).toEqual({ ok: true, outcome: 'applied' });
    const settled = await find(order.id);

    const late = await deliver(processing);
    expect(late.statusCode).toBe(200);
    expect(await find(order.id)).toEqual(settled);
    expect(settled.state).toBe('completed');
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'processing', 'completed']);
  });

  it('refunds the wallet when GamexBulk fails the order after accepting it', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { order } = await pendingVoucher(buyer);
    const hook = (await fake.finishOrder(order.reference, 'failed'))!;
    expect((await deliver(hook)).json()).toEqual({ ok: true, outcome: 'applied' });
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('reseller_rejected');
    expect(done.delivery).toBeNull();
    expect(await balance(buyer)).toBe('50.00 USD');
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'processing', 'failed', 'refunded']);
    const notice = noticeOf(order.reference, 'refunded');
    expect(notice?.kind === 'order_status' && notice.refund?.to).toBe('wallet');
    expect(h.notifier.alerts.some((a) => a.kind === 'order_failed' && a.orderReference === order.reference)).toBe(true);
  });

  it('refunds the wallet when GamexBulk refuses the order as out of stock', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '10.00');
    fake.soldOutAtOrder.add(91);
    try {
      const { order } = await buy(buyer, 'PUBG Mobile 60 UC (Global)', { player_id: '5123456789' });
      await h.settle();
      const done = await find(order.id);
      expect(done.state).toBe('refunded');
      expect(done.failureCode).toBe('out_of_stock');
      expect(await balance(buyer)).toBe('10.00 USD');
      expect(fake.ordersFor(order.reference)).toBe(0);
    } finally {
      fake.soldOutAtOrder.delete(91);
    }
  });

  it('refuses a webhook whose signature is wrong, counts it and alerts the operators', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { order } = await pendingVoucher(buyer);
    const failuresBefore = await signatureFailures();
    fake.signWrong = true;
    let forged: IncomingWebhook;
    try {
      forged = (await fake.finishOrder(order.reference, 'success'))!;
    } finally {
      fake.signWrong = false;
    }

    const response = await deliver(forged);
    expect(response.statusCode).toBe(401);
    expect(await signatureFailures()).toBe(failuresBefore + 1);
    expect((await find(order.id)).state).toBe('processing');
    await h.settle();
    expect(h.notifier.alerts).toContainEqual(expect.objectContaining({ kind: 'webhook_signature_failed', text: expect.stringContaining('gamexbulk') }));

    // The genuine delivery of the same change still goes through.
    const genuine = fake.webhookFor(fake.orderOf(order.reference));
    expect((await deliver(genuine)).json()).toEqual({ ok: true, outcome: 'applied' });
    expect((await find(order.id)).state).toBe('completed');
  });
});
