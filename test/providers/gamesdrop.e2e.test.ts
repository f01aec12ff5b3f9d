import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { createGamesDropReseller, type GamesDropReseller } from '../../src/providers/gamesdrop/gamesdrop.adapter.js';
import { GAMESDROP_TOKEN, startGamesDropFake, type GamesDropFake } from '../fakes/gamesdrop.fake.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

const MLBB_PLAYER = { player_id: '123456789', zone: '2001', server: '2001' };
/** GamesDrop's "USA $10" PlayStation Network voucher (offer 7), sold by GamesDrop alone. */
const PSN_10 = 'USA $10';

/**
 * Whole purchases through the core against the GamesDrop fake, next to the sandbox reseller:
 * completion found by polling (GamesDrop sends no webhooks), a price change refused at order
 * time, and failover from a GamesDrop offer that runs out of stock to the sandbox's.
 */
describe.each(databaseKinds)('gamesdrop purchases through the core (%s)', (kind) => {
  let database: TestDatabase;
  let h: Harness;
  let fake: GamesDropFake;
  let reseller: GamesDropReseller;

  /**
   * The document's behaviour, except that offer 900 costs 1.44 USD: one cent under the
   * sandbox's 1.45, so GamesDrop is tried first when both sell at the same price.
   */
  const arrangeFake = () => {
    fake.reset();
    fake.setPrice(900, '1.44');
  };

  beforeAll(async () => {
    fake = await startGamesDropFake(10);
    arrangeFake();
    reseller = createGamesDropReseller({ baseUrl: fake.server.url, token: GAMESDROP_TOKEN, timeoutMs: 400, retries: 1, retryBaseDelayMs: 5, breakerThreshold: 1_000 });
    database = await openTestDatabase(kind);
    h = await createHarness(database.handle, { resellers: (sandbox) => [sandbox, reseller] });
  });
  beforeEach(async () => {
    // Markups persist in the database: every case starts from the default.
    await h.shop.pricing.removeMarkup('reseller', 'gamesdrop');
  });
  afterEach(arrangeFake);
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
  /** Mobile Legends 86 Diamonds: GamesDrop's offer 900 and the sandbox's pack share this listing. */
  function mlbb86() {
    const listing = h.shop.catalog.listings({ game: 'Mobile Legends' }, 1, 100).items.find((l) => l.offers.some((o) => o.offerId === 'gamesdrop:900'));
    expect(listing?.offers.map((o) => o.offerId)).toEqual(['gamesdrop:900', 'sandbox:sbx-mlbb-86']);
    return listing!;
  }
  const find = async (id: string) => (await h.shop.storage.orders.findById(id))!;
  const balance = (buyer: BuyerRecord) => h.shop.wallet.balance(buyer.id).then((m) => m.toString());
  const events = async (orderId: string) => (await h.shop.storage.events.listForOrder(orderId)).map((e) => e.toState);
  const reasons = async (orderId: string) => (await h.shop.storage.events.listForOrder(orderId)).map((e) => e.reason);
  const noticeOf = (reference: string, state: string) =>
    h.notifier.buyerNotices.find((n) => n.notice.kind === 'order_status' && n.notice.order.reference === reference && n.notice.order.state === state)?.notice;

  it('finds the completed order by polling and delivers its key', async () => {
    fake.offers.get(7)!.completes = 'later';
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { quote, order } = await buy(buyer, PSN_10, {});
    expect(quote.offers.map((o) => o.resellerId)).toEqual(['gamesdrop']);
    await h.settle();
    const sent = fake.server.calls('/api/v1/offers/create-order', 'POST').at(-1)?.body;
    expect(sent).toEqual({ offerId: 7, price: 9.52, transactionId: order.reference });
    expect((await find(order.id)).state).toBe('processing');

    fake.finishOrder(order.reference, 'success');
    const key = `KEY-${fake.orderOf(order.reference)!.orderId}`;
    h.advance(11_000);
    await h.settle();
    const done = await find(order.id);
    expect(done.state).toBe('completed');
    expect(done.delivery?.items).toEqual([{ code: key }]);
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'processing', 'completed']);
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.price).toString());
    const notice = noticeOf(order.reference, 'completed');
    expect(notice?.kind === 'order_status' && notice.order.items).toEqual([{ code: key }]);
    expect(fake.ordersFor(order.reference)).toBe(1);
  });

  it('refunds with price_changed when GamesDrop answers WRONG_PRICE because the price rose', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const listing = listingNamed(h.shop, PSN_10);
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    // The price rises between the quote and the order; the adapter still holds the quoted one.
    fake.setPrice(7, '9.99');
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    const { order } = placed.value;
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('price_changed');
    expect(await balance(buyer)).toBe('20.00 USD');
    expect(fake.server.calls('/api/v1/offers/create-order', 'POST').at(-1)?.body).toMatchObject({ offerId: 7, price: 9.52, transactionId: order.reference });
    expect(fake.ordersFor(order.reference)).toBe(0);
    const notice = noticeOf(order.reference, 'refunded');
    expect(notice?.kind === 'order_status' && notice.order.failureCode).toBe('price_changed');
  });

  it('fails over to the other offer when GamesDrop is out of stock at order time and the price holds', async () => {
    // 1.44 × 1.11 and 1.45 × 1.10 both round up to 1.60: the same price, GamesDrop the cheaper cost.
    await h.shop.pricing.setMarkup('reseller', 'gamesdrop', '11');
    const buyer = await h.buyer();
    await h.fund(buyer, '10.00');
    const listing = mlbb86();
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: MLBB_PLAYER });
    if (!quote.ok) throw new Error(quote.code);
    expect(quote.value.offers.map((o) => o.resellerId)).toEqual(['gamesdrop', 'sandbox']);
    expect(quote.value.price.toString()).toBe('1.60 USD');
    fake.setInStock(900, false);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    const { order } = placed.value;
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('completed');
    expect(done.resellerId).toBe('sandbox');
    expect(await reasons(order.id)).toEqual(expect.arrayContaining(['rejected by gamesdrop: out_of_stock', 'failing over to sandbox']));
    expect(fake.ordersFor(order.reference)).toBe(0);
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
    expect(await balance(buyer)).toBe('8.40 USD');
  });

  it('refunds with price_changed instead of failing over to an offer that would cost the buyer more', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '10.00');
    const listing = mlbb86();
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: MLBB_PLAYER });
    if (!quote.ok) throw new Error(quote.code);
    // 1.44 × 1.10 rounds up to 1.59; the sandbox's 1.45 would sell at 1.60.
    expect(quote.value.offers.map((o) => o.resellerId)).toEqual(['gamesdrop', 'sandbox']);
    expect(quote.value.price.toString()).toBe('1.59 USD');
    fake.setInStock(900, false);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    const { order } = placed.value;
    await h.settle();

    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('price_changed');
    expect(await balance(buyer)).toBe('10.00 USD');
    expect(h.sandbox.ordersFor(order.reference)).toBe(0);
    expect(fake.ordersFor(order.reference)).toBe(0);
  });
});
