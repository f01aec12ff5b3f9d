import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dec, Money } from '../../src/core/money.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { createXzianReseller, type XzianReseller } from '../../src/providers/xzian/xzian.adapter.js';
import { XzianFake } from '../fakes/xzian.fake.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

const GOOGLE_PLAY = 'Google Play Gift Card 500 BDT';
const FREE_FIRE = 'Free Fire 100 Diamonds';
/** Delivered by hand at XZian: its order answer says `processing`. */
const MANUAL_MLBB = 'Mobile Legends 86 Diamonds';
const PLAYER = { player_id: '5123456789' };

/**
 * Whole purchases through the core against the XZian fake. XZian's answer to `POST /orders`
 * is the only view of an order (no status route, no webhooks): a final answer settles the
 * order at once, anything else is left to an operator, and a failure is refunded.
 */
describe.each(databaseKinds)('xzian purchases through the core (%s)', (kind) => {
  let database: TestDatabase;
  let h: Harness;
  let fake: XzianFake;
  let reseller: XzianReseller;

  beforeAll(async () => {
    fake = new XzianFake();
    reseller = createXzianReseller({ baseUrl: await fake.start(), apiKey: fake.apiKey, timeoutMs: 400, retries: 1, retryBaseDelayMs: 5, breakerThreshold: 1_000 });
    database = await openTestDatabase(kind);
    h = await createHarness(database.handle, {
      resellers: () => [reseller],
      settings: { fxRates: [{ base: 'BDT', quote: 'USD', rate: new Dec('0.0084'), source: 'config', takenAt: null }] },
    });
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
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
  const find = async (id: string) => (await h.shop.storage.orders.findById(id))!;
  const balance = (buyer: BuyerRecord) => h.shop.wallet.balance(buyer.id).then((m) => m.toString());
  const events = async (orderId: string) => (await h.shop.storage.events.listForOrder(orderId)).map((e) => e.toState);
  const noticeOf = (reference: string, state: string) =>
    h.notifier.buyerNotices.find((n) => n.notice.kind === 'order_status' && n.notice.order.reference === reference && n.notice.order.state === state)?.notice;

  it('completes a voucher at once from a final order answer and delivers its code', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { quote, order } = await buy(buyer, GOOGLE_PLAY, {});
    // 520 BDT × 0.0084 = 4.368 USD, plus 10 %, rounded up.
    expect(quote.price.toString()).toBe('4.81 USD');
    await h.settle();
    const sent = fake.server.calls('/orders', 'POST').at(-1)!;
    expect(sent.body).toEqual({ item_id: 201 });
    expect(sent.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent.headers['idempotency-key']).toBe(order.reference);

    const done = await find(order.id);
    const code = `GPLAY-${fake.orders.at(-1)!.orderId}-7Q2K-99XB`;
    expect(done.state).toBe('completed');
    expect(done.delivery?.items).toEqual([{ code }]);
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'completed']);
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.price).toString());
    const notice = noticeOf(order.reference, 'completed');
    expect(notice?.kind === 'order_status' && notice.order.items).toEqual([{ code }]);
    expect(fake.ordersFor(order.reference)).toBe(1);
  });

  it('sends the player id with a top-up and completes it from the order answer', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { order } = await buy(buyer, FREE_FIRE, PLAYER);
    await h.settle();
    expect(fake.server.calls('/orders', 'POST').at(-1)?.body).toEqual({ item_id: 101, player_id: '5123456789' });
    expect((await find(order.id)).state).toBe('completed');
  });

  it('puts an order XZian leaves processing up for review and alerts the operators', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { quote, order } = await buy(buyer, MANUAL_MLBB, PLAYER);
    await h.settle();

    // Its first answer is all XZian will ever say: the order goes to an operator at once.
    const review = await find(order.id);
    expect(review.state).toBe('needs_review');
    expect(review.failureDetail).toMatch(/no order status endpoint/);
    expect(h.notifier.alerts).toContainEqual(expect.objectContaining({ kind: 'order_needs_review', orderReference: order.reference }));
    // Nothing is refunded or placed again on a guess: the money stays taken until an operator settles it.
    h.advance(700_000);
    await h.settle();
    expect((await find(order.id)).state).toBe('needs_review');
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.price).toString());
    expect(fake.ordersFor(order.reference)).toBe(1);
  });

  it('refunds the wallet when the order answer says the order failed', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    fake.replyOnce('POST', '/orders', { status: 200, body: { ok: true, order_id: 9001, status: 'failed', amount: '95.00', currency: 'BDT', message: 'provider declined' } });
    const { order } = await buy(buyer, FREE_FIRE, PLAYER);
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('reseller_rejected');
    expect(done.resellerOrderId).toBe('9001');
    expect(await balance(buyer)).toBe('20.00 USD');
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'failed', 'refunded']);
    const notice = noticeOf(order.reference, 'refunded');
    expect(notice?.kind === 'order_status' && notice.refund?.to).toBe('wallet');
  });

  it('refunds the wallet when XZian refuses the order as out of stock', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    fake.outOfStockOnOrder.add(101);
    const { order } = await buy(buyer, FREE_FIRE, PLAYER);
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('out_of_stock');
    expect(await balance(buyer)).toBe('20.00 USD');
    expect(fake.ordersFor(order.reference)).toBe(0);
  });
});
