import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec, Money } from '../../src/core/money.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { startLapakgaming } from '../fakes/lapakgaming.fake.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

/**
 * Whole purchases through the core against the Lapakgaming fake: quote, wallet payment,
 * order, callback or poll, delivery — and a refunded order that ends in a wallet refund.
 */
describe.each(databaseKinds)('lapakgaming purchases through the core (%s)', (kind) => {
  let database: TestDatabase;
  let h: Harness;
  let lapak: Awaited<ReturnType<typeof startLapakgaming>>;

  beforeAll(async () => {
    lapak = await startLapakgaming();
    database = await openTestDatabase(kind);
    h = await createHarness(database.handle, {
      resellers: () => [lapak.reseller],
      settings: { fxRates: [{ base: 'IDR', quote: 'USD', rate: new Dec('0.0000625'), source: 'config', takenAt: null }] },
    });
  });
  afterAll(async () => {
    await h?.shop.stop();
    await database?.dispose();
    await lapak?.close();
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

  it('sells a voucher and delivers its PIN and serial', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { quote, order } = await buy(buyer, 'Garena Shells 330', {});
    await h.settle();
    const sent = lapak.fake.server.calls('/api/order', 'POST').at(-1)?.body;
    expect(sent).toMatchObject({ product_code: 'VCGS330-S22', price: 75000, count_order: 1, partner_reference_id: order.reference });
    // Lapakgaming's answer to the order carries no status: the order waits for a callback or poll.
    expect((await find(order.id)).state).toBe('processing');
    h.advance(120_000);
    await h.settle();
    const done = await find(order.id);
    expect(done.state).toBe('completed');
    expect(done.delivery?.items[0]).toMatchObject({ pin: expect.any(String), serial: expect.any(String) });
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.price).toString());
    expect(lapak.fake.ordersFor(order.reference)).toBe(1);
  });

  it('tops up a checked player and completes the order from the callback', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '10.00');
    const player = { player_id: '12345678', zone: '1234' };
    const listing = listingNamed(h.shop, '78 Diamonds + 8 Bonus');
    expect(listing.offers.map((o) => o.sku)).toEqual(['ML78_8-S2', 'ML78_8-S9']);
    const check = await h.shop.purchases.checkPlayer(buyer, listing.id, player);
    expect(check.ok && check.value.check).toEqual({ kind: 'valid', nickname: 'PlayerOne' });
    const { order } = await buy(buyer, '78 Diamonds + 8 Bonus', player);
    await h.settle();
    expect(lapak.fake.server.calls('/api/order', 'POST').at(-1)?.body).toMatchObject({ product_code: 'ML78_8-S2', user_id: '12345678', additional_id: '1234' });
    const callback = lapak.fake.callbacks.at(-1)!;
    const event = await lapak.reseller.parseWebhook(callback);
    expect(await h.shop.resellerEvents.handle('lapakgaming', event)).toBe('applied');
    expect(await h.shop.resellerEvents.handle('lapakgaming', await lapak.reseller.parseWebhook(callback))).toBe('duplicate');
    expect((await find(order.id)).state).toBe('completed');
  });

  it('refunds the wallet when Lapakgaming refunds a pending order', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '100.00');
    const { order } = await buy(buyer, '4649 Diamonds + 883 Bonus', { player_id: '12345678', zone: '1234' });
    await h.settle();
    expect((await find(order.id)).state).toBe('processing');
    const callback = lapak.fake.finishOrder(order.reference, 'failed');
    expect(await h.shop.resellerEvents.handle('lapakgaming', await lapak.reseller.parseWebhook(callback))).toBe('applied');
    await h.settle();
    const done = await find(order.id);
    expect(done.state).toBe('refunded');
    expect(await balance(buyer)).toBe('100.00 USD');
  });

  it('updates an offer cost at once from a product callback', async () => {
    const event = await lapak.reseller.parseWebhook(lapak.fake.productCallback('FF70-S3', { price: 9900 }, Math.floor(Date.now() / 1000)));
    expect(await h.shop.resellerEvents.handle('lapakgaming', event)).toBe('product_updated');
    const offer = listingNamed(h.shop, '70 Diamonds').offers.find((o) => o.sku === 'FF70-S3');
    expect(offer?.cost.toString()).toBe('9900 IDR');
    expect(offer?.extra?.categoryCode).toBe('FF');
  });
});
