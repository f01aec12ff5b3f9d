import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

/**
 * Whole purchases through the core against the sandbox reseller, one per scripted behaviour,
 * on both PGlite and PostgreSQL: final state, ledger balance, events and notifications.
 */
describe.each(databaseKinds)('purchases through the core (%s)', (kind) => {
  let database: TestDatabase;
  let h: Harness;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    h = await createHarness(database.handle);
  });
  afterAll(async () => {
    await h?.shop.stop();
    await database?.dispose();
  });

  async function buyWithWallet(buyer: BuyerRecord, listingName: string, player: Record<string, string>) {
    const listing = listingNamed(h.shop, listingName);
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player });
    if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(`order failed: ${placed.code}`);
    return { quote: quote.value, order: placed.value.order };
  }

  const balance = (buyer: BuyerRecord) => h.shop.wallet.balance(buyer.id).then((m) => m.toString());
  const events = async (orderId: string) => (await h.shop.storage.events.listForOrder(orderId)).map((e) => e.toState);

  it('delivers a voucher code at once, debiting the wallet by the quoted price', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    const { quote, order } = await buyWithWallet(buyer, 'Steam Wallet 10 USD', {});
    expect(order.state).toBe('paid');
    expect(await balance(buyer)).toBe(Money.of('50', 'USD').sub(quote.price).toString());
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('completed');
    expect(done.delivery?.items[0]?.code).toMatch(/^DEMO-/);
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'completed']);
    expect(h.notifier.orderStates(order.reference)).toEqual(['paid', 'completed']);
    const completed = h.notifier.buyerNotices.find((n) => n.notice.kind === 'order_status' && n.notice.order.state === 'completed' && n.notice.order.reference === order.reference);
    expect(completed?.notice.kind === 'order_status' && completed.notice.order.items[0]?.code).toBe(done.delivery?.items[0]?.code);
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
  });

  it('follows a pending top-up until the reseller completes it', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { order } = await buyWithWallet(buyer, 'PUBG Mobile 60 UC', { player_id: '11112222' });
    await h.settle();
    expect((await h.shop.storage.orders.findById(order.id))!.state).toBe('processing');
    h.advance(11_000);
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('completed');
    expect(await events(order.id)).toEqual(['paid', 'submitted', 'processing', 'completed']);
    expect(h.notifier.orderStates(order.reference)).toEqual(['paid', 'processing', 'completed']);
  });

  it('confirms the nickname of a real player and refuses one the reseller does not know', async () => {
    const buyer = await h.buyer();
    const listing = listingNamed(h.shop, 'PUBG Mobile 60 UC');
    const good = await h.shop.purchases.checkPlayer(buyer, listing.id, { player_id: '12345678' });
    expect(good.ok && good.value.check).toEqual({ kind: 'valid', nickname: 'PlayerOne' });
    const bad = await h.shop.purchases.checkPlayer(buyer, listing.id, { player_id: '40412345' });
    expect(bad).toMatchObject({ ok: false, code: 'player_not_found' });
    const typo = await h.shop.purchases.checkPlayer(buyer, listing.id, { player_id: '12 34' });
    expect(typo).toMatchObject({ ok: false, code: 'player_fields_invalid' });
    expect(await h.shop.storage.savedPlayers.get(buyer.id, listing.game!)).toMatchObject({ player: { player_id: '12345678' }, nickname: 'PlayerOne' });
  });

  it('refunds to the wallet when the reseller says the player does not exist at order time', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { order } = await buyWithWallet(buyer, 'PUBG Mobile 60 UC', { player_id: '40499999' });
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('player_not_found');
    expect(await balance(buyer)).toBe('20.00 USD');
    expect(h.notifier.orderStates(order.reference)).toEqual(['paid', 'failed', 'refunded']);
  });

  it('refuses to quote an item that is out of stock', async () => {
    const buyer = await h.buyer();
    const listing = listingNamed(h.shop, 'Out Of Stock demo');
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: { player_id: '12345678' } });
    expect(quote).toMatchObject({ ok: false, code: 'out_of_stock' });
  });

  it('refunds and says why when the price changed upstream after payment', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { order } = await buyWithWallet(buyer, 'PUBG Mobile 60 UC', { player_id: '77771234' });
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('refunded');
    expect(done.failureCode).toBe('price_changed');
    expect(await balance(buyer)).toBe('20.00 USD');
  });

  it('refunds a failure that happens after the reseller took the order', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { order } = await buyWithWallet(buyer, 'PUBG Mobile 60 UC', { player_id: '99991234' });
    await h.settle();
    expect((await h.shop.storage.orders.findById(order.id))!.state).toBe('processing');
    h.advance(11_000);
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('refunded');
    expect(await balance(buyer)).toBe('20.00 USD');
    const ledger = await h.shop.wallet.history(buyer.id, { limit: 10, offset: 0 });
    expect(ledger.entries.map((e) => e.reason)).toEqual(['order_refund', 'order_debit', 'admin_credit']);
    const refundNotice = h.notifier.buyerNotices.find((n) => n.notice.kind === 'order_status' && n.notice.order.reference === order.reference && n.notice.order.state === 'refunded');
    expect(refundNotice?.notice.kind === 'order_status' && refundNotice.notice.refund?.to).toBe('wallet');
    expect(h.notifier.alerts.some((a) => a.kind === 'order_failed' && a.orderReference === order.reference)).toBe(true);
  });

  it('reconciles an unknown outcome with the reseller instead of refunding or re-ordering blindly', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const { quote, order } = await buyWithWallet(buyer, 'PUBG Mobile 60 UC', { player_id: '33331234' });
    await h.settle();
    expect((await h.shop.storage.orders.findById(order.id))!.state).toBe('submitted');
    h.advance(6_000);
    await h.settle();
    const done = (await h.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('completed');
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.price).toString());
  });

  it('makes one order from the same press, however often it arrives', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const listing = listingNamed(h.shop, 'Steam Wallet 5 USD');
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    const presses = await Promise.all(Array.from({ length: 5 }, () => h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' })));
    const ids = new Set(presses.map((p) => (p.ok ? p.value.order.id : p.code)));
    expect(ids.size).toBe(1);
    expect(presses.filter((p) => p.ok && !p.value.repeated)).toHaveLength(1);
    expect(await balance(buyer)).toBe(Money.of('20', 'USD').sub(quote.value.price).toString());
  });

  it('never lets parallel purchases overspend the wallet', async () => {
    const buyer = await h.buyer();
    const listing = listingNamed(h.shop, 'Steam Wallet 5 USD');
    const quotes = [];
    for (let i = 0; i < 6; i++) {
      const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
      if (!quote.ok) throw new Error(quote.code);
      quotes.push(quote.value);
    }
    const price = quotes[0]!.price;
    await h.fund(buyer, price.mul(3).toDecimalString());
    const results = await Promise.all(quotes.map((q) => h.shop.purchases.placeOrder(buyer, { quoteId: q.id, method: 'wallet' })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['wallet_insufficient', 'wallet_insufficient', 'wallet_insufficient']);
    expect(await balance(buyer)).toBe('0.00 USD');
  });

  it('refuses an expired quote and a quote of another buyer', async () => {
    const buyer = await h.buyer();
    const other = await h.buyer();
    const listing = listingNamed(h.shop, 'Steam Wallet 5 USD');
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    expect(await h.shop.purchases.placeOrder(other, { quoteId: quote.value.id, method: 'wallet' })).toMatchObject({ ok: false, code: 'not_allowed' });
    h.advance(301_000);
    expect(await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' })).toMatchObject({ ok: false, code: 'quote_expired' });
  });

  it('applies a coupon once and refuses it when used up', async () => {
    const buyer = await h.buyer();
    await h.fund(buyer, '50.00');
    await h.shop.storage.coupons.upsert({ code: `HALF${kind}`, percentOff: '50', maxUses: 1, listingId: null, expiresAt: null, active: true });
    const listing = listingNamed(h.shop, 'Steam Wallet 10 USD');
    const full = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    const half = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {}, couponCode: `half${kind}` });
    if (!full.ok || !half.ok) throw new Error('quote failed');
    expect(half.value.price.toString()).toBe(full.value.price.mul('0.5').round().toString());
    expect(half.value.discount.isPositive()).toBe(true);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: half.value.id, method: 'wallet' });
    expect(placed.ok).toBe(true);
    expect(await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {}, couponCode: `HALF${kind}` })).toMatchObject({ ok: false, code: 'coupon_used_up' });
  });

  it('refuses banned buyers and blacklisted player ids', async () => {
    const buyer = await h.buyer();
    const listing = listingNamed(h.shop, 'PUBG Mobile 60 UC');
    await h.shop.storage.blacklist.add('player_id', '55556666', 'chargebacks');
    expect(await h.shop.purchases.quote(buyer, { listingId: listing.id, player: { player_id: '55556666' } })).toMatchObject({ ok: false, code: 'blacklisted' });
    await h.shop.storage.users.setBanned(buyer.id, true);
    const banned = (await h.shop.storage.users.findById(buyer.id))!;
    expect(await h.shop.purchases.quote(banned, { listingId: listing.id, player: { player_id: '12345678' } })).toMatchObject({ ok: false, code: 'buyer_banned' });
  });

  it('keeps a receipt of every paid order the buyer can see again, and shows nobody else the codes', async () => {
    const buyer = await h.buyer();
    const stranger = await h.buyer();
    await h.fund(buyer, '30.00');
    const { order } = await buyWithWallet(buyer, 'Steam Wallet 5 USD', {});
    await h.settle();
    const receipts = await h.shop.buyerReceipts(buyer, { limit: 10, offset: 0 });
    expect(receipts[0]).toMatchObject({ kind: 'order', reference: order.reference, method: 'wallet', state: 'completed' });
    expect(receipts[0]?.amount.equals(order.price)).toBe(true);
    expect((await h.shop.buyerOrder(buyer, order.reference.toLowerCase()))?.delivery?.items[0]?.code).toMatch(/^DEMO-/);
    expect(await h.shop.buyerOrder(stranger, order.reference)).toBeUndefined();
  });
});
