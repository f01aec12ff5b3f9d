import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { PlaceOrderRequest, PlaceOrderResult, Reseller } from '../../src/core/ports/reseller.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed } from '../support/shop-harness.js';

/**
 * A reseller that accepts the order upstream and then never answers us — what the process
 * sees when it dies right after the reseller took the order but before we recorded it.
 */
function dyingAfterAccept(inner: Reseller): Reseller & { accepted: string[] } {
  const accepted: string[] = [];
  return Object.assign(Object.create(inner) as Reseller, {
    accepted,
    async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
      await inner.placeOrder(request);
      accepted.push(request.reference);
      return new Promise<never>(() => {});
    },
  });
}

describe.each(databaseKinds)('crash in the middle of fulfilment (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('reconciles an order the reseller accepted before we could record it, without ordering twice or refunding', async () => {
    // First life: the worker places the order and "dies" inside the reseller call.
    let dying: ReturnType<typeof dyingAfterAccept> | undefined;
    const first = await createHarness(database.handle, {
      resellers: (sandbox) => [(dying = dyingAfterAccept(sandbox))],
    });
    const buyer = await first.buyer();
    await first.fund(buyer, '30.00');
    const listing = listingNamed(first.shop, 'Steam Wallet 10 USD');
    const quote = await first.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    const placed = await first.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    const reference = placed.value.order.reference;

    void first.shop.worker.tick(); // never finishes: the process is gone
    for (let i = 0; i < 100 && dying!.accepted.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(dying!.accepted).toEqual([reference]);
    const inFlight = (await first.shop.storage.orders.findByReference(reference))!;
    expect(inFlight.state).toBe('submitted');
    expect(inFlight.resellerOrderId).toBeNull();

    // Second life: a new process over the same database and the same reseller account.
    const second = await createHarness(database.handle, { resellers: () => [first.sandbox] });
    second.advance(5 * 60_000); // past the dead worker's lease
    await second.settle();

    const done = (await second.shop.storage.orders.findByReference(reference))!;
    expect(done.state).toBe('completed');
    expect(done.delivery?.items[0]?.code).toMatch(/^DEMO-/);
    expect(first.sandbox.ordersFor(reference)).toBe(1);
    const ledger = await second.shop.wallet.history(buyer.id, { limit: 10, offset: 0 });
    expect(ledger.entries.map((e) => e.reason)).toEqual(['order_debit', 'admin_credit']);
    expect((await second.shop.wallet.balance(buyer.id)).toString()).toBe(Money.of('30', 'USD').sub(quote.value.price).toString());
    const events = await second.shop.storage.events.listForOrder(done.id);
    expect(events.map((e) => e.toState)).toEqual(['paid', 'submitted', 'completed']);
  });

  it('puts an order in front of an operator when the reseller cannot say whether it got it', async () => {
    let dying: ReturnType<typeof dyingAfterAccept> | undefined;
    const first = await createHarness(database.handle, { resellers: (sandbox) => [(dying = dyingAfterAccept(sandbox))] });
    const buyer = await first.buyer();
    await first.fund(buyer, '30.00');
    const listing = listingNamed(first.shop, 'Steam Wallet 5 USD');
    const quote = await first.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    const placed = await first.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    void first.shop.worker.tick();
    for (let i = 0; i < 100 && dying!.accepted.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    // After the restart the reseller forgets the order and cannot be asked by reference.
    const forgetful: Reseller = Object.assign(Object.create(first.sandbox) as Reseller, {
      capabilities: { ...first.sandbox.capabilities, statusByReference: false, idempotentOrders: false },
      getOrder: async () => ({ status: 'not_found' as const }),
      placeOrder: async () => {
        throw new Error('must not re-place an order whose fate is unknown');
      },
    });
    const second = await createHarness(database.handle, { resellers: () => [forgetful] });
    second.advance(5 * 60_000);
    await second.settle();
    const order = (await second.shop.storage.orders.findByReference(placed.value.order.reference))!;
    expect(order.state).toBe('needs_review');
    expect(order.refundedAt).toBeNull();
    expect(second.notifier.alerts.some((a) => a.kind === 'order_needs_review' && a.orderReference === order.reference)).toBe(true);
  });
});
