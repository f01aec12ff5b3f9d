import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../src/core/money.js';
import type { IncomingWebhook } from '../../src/core/ports/reseller.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { createMetrics, type Metrics } from '../../src/http/metrics.js';
import { buildServer } from '../../src/http/server.js';
import { webhookRoutes } from '../../src/http/webhook-routes.js';
import { ML_PLAYER, startLapakgaming } from '../fakes/lapakgaming.fake.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

/** Lapakgaming's pending test product: the order waits for a callback. */
const PENDING_LISTING = '4649 Diamonds + 883 Bonus';
const OUTSIDER_IP = '198.51.100.7';

/**
 * Lapakgaming's unsigned callbacks through the real `POST /webhooks/lapakgaming/:token` route:
 * the token in the URL and the source address decide whether a callback is trusted.
 */
describe('lapakgaming callbacks through the webhook route', () => {
  let database: TestDatabase;
  let h: Harness;
  let lapak: Awaited<ReturnType<typeof startLapakgaming>>;
  let metrics: Metrics;
  let app: FastifyInstance;

  beforeAll(async () => {
    lapak = await startLapakgaming({ callbackIps: ['103.28.12.10'] });
    database = await openTestDatabase('pglite');
    h = await createHarness(database.handle, {
      resellers: () => [lapak.reseller],
      settings: { fxRates: [{ base: 'IDR', quote: 'USD', rate: new Dec('0.0000625'), source: 'config', takenAt: null }] },
    });
    const logger = pino({ level: 'silent' });
    metrics = createMetrics();
    app = await buildServer({
      logger,
      metrics,
      readiness: [],
      routes: [webhookRoutes({ shop: h.shop, resellers: [lapak.reseller], metrics, logger, clock: h.now })],
    });
  });
  afterAll(async () => {
    await app?.close();
    await h?.shop.stop();
    await database?.dispose();
    await lapak?.close();
  });

  /** A paid order Lapakgaming has accepted and not finished yet. */
  async function pendingOrder(buyer: BuyerRecord) {
    const listing = listingNamed(h.shop, PENDING_LISTING);
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: ML_PLAYER });
    if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(`order failed: ${placed.code}`);
    await h.settle();
    expect((await find(placed.value.order.id)).state).toBe('processing');
    return placed.value.order;
  }
  const find = async (id: string) => (await h.shop.storage.orders.findById(id))!;
  const balance = (buyer: BuyerRecord) => h.shop.wallet.balance(buyer.id).then((m) => m.toString());
  /** Sends a callback the way it reached us: its token in the path, from its source address unless told otherwise. */
  const deliver = (hook: IncomingWebhook, from: { ip?: string; headers?: Record<string, string> } = {}) =>
    app.inject({
      method: 'POST',
      url: `/webhooks/lapakgaming/${encodeURIComponent(hook.params.token ?? '')}`,
      headers: { ...hook.headers, ...from.headers },
      payload: hook.rawBody,
      remoteAddress: from.ip ?? hook.ip,
    });
  async function refusals(): Promise<number> {
    const metric = metrics.registry.getSingleMetric('webhook_signature_failures_total');
    const values = (await metric?.get())?.values ?? [];
    return values.find((v) => v.labels.source === 'lapakgaming')?.value ?? 0;
  }

  it('applies an order callback that carries our token and comes from an allowed address', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '100.00');
    const order = await pendingOrder(buyer);
    const callback = lapak.fake.finishOrder(order.reference, 'success');
    expect(callback.params.token).toBe(lapak.callbackToken);

    const response = await deliver(callback);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, outcome: 'applied' });
    expect((await find(order.id)).state).toBe('completed');
    expect((await deliver(callback)).json()).toEqual({ ok: true, outcome: 'duplicate' });
  });

  it('refuses a callback with a wrong token, counts it and alerts the operators', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '100.00');
    const order = await pendingOrder(buyer);
    const callback = lapak.fake.finishOrder(order.reference, 'failed');
    const before = await refusals();

    const response = await deliver(lapak.fake.forged(callback));
    expect(response.statusCode).toBe(401);
    expect(await refusals()).toBe(before + 1);
    expect((await find(order.id)).state).toBe('processing');
    await h.settle();
    expect(h.notifier.alerts).toContainEqual(expect.objectContaining({ kind: 'webhook_signature_failed', text: expect.stringContaining('lapakgaming') }));

    // The genuine callback of the same failure refunds the order.
    expect((await deliver(callback)).json()).toEqual({ ok: true, outcome: 'applied' });
    await h.settle();
    expect((await find(order.id)).state).toBe('refunded');
    expect(await balance(buyer)).toBe('100.00 USD');
  });

  it('refuses a callback with our token from an address outside the allowlist', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '100.00');
    const order = await pendingOrder(buyer);
    const callback = lapak.fake.finishOrder(order.reference, 'success');
    const before = await refusals();

    const response = await deliver(callback, { ip: OUTSIDER_IP });
    expect(response.statusCode).toBe(401);
    expect(await refusals()).toBe(before + 1);
    expect((await find(order.id)).state).toBe('processing');
  });

  // With no trusted proxy configured, X-Forwarded-For is ignored: the allowlist cannot be walked around.
  it('refuses a callback from outside the allowlist that claims an allowed address in X-Forwarded-For', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '100.00');
    const order = await pendingOrder(buyer);
    const callback = lapak.fake.finishOrder(order.reference, 'success');

    const response = await deliver(callback, { ip: OUTSIDER_IP, headers: { 'x-forwarded-for': '103.28.12.10' } });
    expect(response.statusCode).toBe(401);
    expect((await find(order.id)).state).toBe('processing');
  });

  it('updates an offer cost in the catalog at once from a product callback', async () => {
    const listing = listingNamed(h.shop, '70 Diamonds');
    expect(listing.offers.find((o) => o.sku === 'FF70-S3')?.cost.toString()).toBe('9500 IDR');
    const callback = lapak.fake.productCallback('FF70-S3', { price: 9900 }, Math.floor(h.now().getTime() / 1000));

    const response = await deliver(callback);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, outcome: 'product_updated' });
    expect(h.shop.catalog.listing(listing.id)?.offers.find((o) => o.sku === 'FF70-S3')?.cost.toString()).toBe('9900 IDR');
  });
});
