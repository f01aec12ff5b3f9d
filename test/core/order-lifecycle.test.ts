import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import {
  assertLifecycleSound,
  finalStates,
  orderStates,
  orderTransitions,
  type OrderState,
} from '../../src/core/orders/order-state-machine.js';
import { normalizeReference, newOrderReference } from '../../src/core/orders/reference.js';
import type { Reseller } from '../../src/core/ports/reseller.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { createHarness, listingNamed, type Harness } from '../support/shop-harness.js';

describe('order lifecycle table', () => {
  it('reaches every state from created and leads nowhere from a final state', () => {
    expect(() => assertLifecycleSound()).not.toThrow();
    for (const state of finalStates) expect(orderTransitions[state].to).toEqual([]);
  });

  it('refuses a table with an unreachable state at start-up', () => {
    const broken = { ...orderTransitions, awaiting_payment: { to: [] as OrderState[] }, created: { to: ['failed'] as OrderState[] } };
    expect(() => assertLifecycleSound(broken)).toThrow(/unreachable/);
  });

  it('makes short references a person can read back, and reads them back however typed', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const ref = newOrderReference();
      expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      seen.add(ref);
    }
    expect(seen.size).toBe(500);
    expect(normalizeReference('k7f3 92qx')).toBe('K7F3-92QX');
    expect(normalizeReference('#K7F392QX')).toBe('K7F3-92QX');
    expect(normalizeReference('K7F3-92Q')).toBeUndefined();
  });
});

describe('order transitions and reseller updates (pglite)', () => {
  let database: TestDatabase;
  let h: Harness;
  let buyer: BuyerRecord;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    h = await createHarness(database.handle);
    buyer = await h.buyer();
    await h.fund(buyer, '100.00');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function processingOrder() {
    const listing = listingNamed(h.shop, 'PUBG Mobile 60 UC');
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: { player_id: '11110000' } });
    if (!quote.ok) throw new Error(quote.code);
    const placed = await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    await h.settle();
    const order = (await h.shop.storage.orders.findById(placed.value.order.id))!;
    expect(order.state).toBe('processing');
    return order;
  }

  it('rejects an illegal transition, logs it, and writes nothing', async () => {
    const order = await processingOrder();
    const before = await h.shop.storage.events.listForOrder(order.id);
    const result = await h.shop.storage.transaction((tx) => h.shop.lifecycle.transition(tx, order.id, 'awaiting_payment', { reason: 'test', actor: 'test' }));
    expect(result.ok).toBe(false);
    expect((await h.shop.storage.orders.findById(order.id))!.state).toBe('processing');
    expect(await h.shop.storage.events.listForOrder(order.id)).toHaveLength(before.length);
  });

  it('applies a webhook once, ignores its repeat, and never moves a completed order backwards', async () => {
    const order = await processingOrder();
    const completed = {
      kind: 'order' as const,
      deliveryId: `d-${order.reference}-1`,
      reference: order.reference,
      state: { status: 'completed' as const, items: [{ code: 'WEBHOOK-CODE' }] },
    };
    expect(await h.shop.resellerEvents.handle('sandbox', completed)).toBe('applied');
    expect(await h.shop.resellerEvents.handle('sandbox', completed)).toBe('duplicate');
    const late = { ...completed, deliveryId: `d-${order.reference}-0`, state: { status: 'processing' as const } };
    expect(await h.shop.resellerEvents.handle('sandbox', late)).toBe('applied');
    const after = (await h.shop.storage.orders.findById(order.id))!;
    expect(after.state).toBe('completed');
    expect(after.delivery?.items).toEqual([{ code: 'WEBHOOK-CODE' }]);
    const events = await h.shop.storage.events.listForOrder(order.id);
    expect(events.filter((e) => e.toState === 'completed')).toHaveLength(1);
    await h.settle();
    expect(h.notifier.orderStates(order.reference).filter((s) => s === 'completed')).toHaveLength(1);
  });

  it('ignores a webhook that names an order of another reseller', async () => {
    const order = await processingOrder();
    const forged = { kind: 'order' as const, deliveryId: `x-${order.reference}`, reference: order.reference, state: { status: 'failed' as const } };
    expect(await h.shop.resellerEvents.handle('gamexbulk', forged)).toBe('unknown_order');
    expect((await h.shop.storage.orders.findById(order.id))!.state).toBe('processing');
  });

  it('applies a poll result twice without changing anything the second time', async () => {
    const order = await processingOrder();
    await h.shop.fulfilment.apply(order, { status: 'completed', items: [{ code: 'A' }] }, 'poll');
    await h.shop.fulfilment.apply(order, { status: 'completed', items: [{ code: 'B' }] }, 'poll');
    const after = (await h.shop.storage.orders.findById(order.id))!;
    expect(after.delivery?.items).toEqual([{ code: 'A' }]);
  });

  it('delivers a notice at least once when the chat API is down, and not twice', async () => {
    const order = await processingOrder();
    h.notifier.failNext = 1;
    await h.shop.fulfilment.apply(order, { status: 'completed', items: [{ code: 'RETRY-ME' }] }, 'poll');
    await h.settle();
    expect(h.notifier.orderStates(order.reference).filter((s) => s === 'completed')).toHaveLength(0);
    h.advance(10_000);
    await h.settle();
    expect(h.notifier.orderStates(order.reference).filter((s) => s === 'completed')).toHaveLength(1);
    // The second notice for the same order edits the first message (same chat context).
    const notices = h.notifier.buyerNotices.filter((n) => n.notice.kind === 'order_status' && n.notice.order.reference === order.reference);
    expect(notices.at(-1)?.context?.messageId).toBe(notices[0]?.context?.messageId ?? notices.at(-1)?.context?.messageId);
  });

  it('alerts operators once about an order stuck past its time', async () => {
    // A reseller that keeps saying "processing" forever.
    const local = await createHarness(database.handle, {
      resellers: (sandbox) => [Object.assign(Object.create(sandbox) as Reseller, { getOrder: async () => ({ status: 'processing' as const }) })],
    });
    const localBuyer = await local.buyer();
    await local.fund(localBuyer, '20.00');
    const listing = listingNamed(local.shop, 'PUBG Mobile 60 UC');
    const quote = await local.shop.purchases.quote(localBuyer, { listingId: listing.id, player: { player_id: '11110000' } });
    if (!quote.ok) throw new Error(quote.code);
    const placed = await local.shop.purchases.placeOrder(localBuyer, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    await local.settle();
    local.advance(31 * 60_000);
    await local.settle();
    local.advance(2 * 60_000);
    await local.settle();
    const reference = placed.value.order.reference;
    expect((await local.shop.storage.orders.findByReference(reference))!.state).toBe('processing');
    expect(local.notifier.alerts.filter((a) => a.kind === 'order_stuck' && a.orderReference === reference)).toHaveLength(1);
  });

  it('lets an admin settle a needs-review order with a code, and another with a refund', async () => {
    const first = await processingOrder();
    const second = await processingOrder();
    for (const order of [first, second]) {
      await h.shop.storage.transaction((tx) => h.shop.lifecycle.transition(tx, order.id, 'needs_review', { reason: 'test', actor: 'test' }));
    }
    const completed = await h.shop.admin.markCompleted(first.reference, 'admin:1', ['HAND-CODE-1']);
    expect(completed.ok && completed.value.state).toBe('completed');
    const balanceBefore = await h.shop.wallet.balance(buyer.id);
    const refunded = await h.shop.admin.refund(second.reference.toLowerCase(), 'admin:1', 'reseller confirmed failure');
    expect(refunded.ok && refunded.value.state).toBe('refunded');
    expect((await h.shop.wallet.balance(buyer.id)).toString()).toBe(balanceBefore.add(second.price).toString());
    expect(await h.shop.admin.refund(first.reference, 'admin:1', 'again')).toMatchObject({ ok: false, code: 'invalid_input' });
    const events = await h.shop.storage.events.listForOrder(first.id);
    expect(events.at(-1)).toMatchObject({ toState: 'completed', actor: 'admin:1' });
  });

  it('reports stats and the balance of each reseller', async () => {
    const stats = await h.shop.admin.stats(1);
    expect(stats.completed).toBeGreaterThan(0);
    expect(stats.revenue[0]?.currency).toBe('USD');
    const balances = await h.shop.admin.balances();
    expect(balances[0]).toMatchObject({ reseller: 'sandbox' });
    expect(balances[0]?.balance).toBeInstanceOf(Money);
  });

  it('alerts once when a reseller balance crosses below its threshold, and again only after it recovered', async () => {
    const local = await createHarness(database.handle, { settings: { balanceThresholds: new Map([['sandbox', Money.of('2000', 'USD')]]) } });
    expect(await local.shop.monitor.checkBalances()).toEqual(['sandbox']);
    expect(await local.shop.monitor.checkBalances()).toEqual(['sandbox']);
    await local.settle();
    expect(local.notifier.alerts.filter((a) => a.kind === 'reseller_balance_low')).toHaveLength(1);
  });

  it('covers every state in the table with a name the buyer can be told', () => {
    expect(new Set(orderStates).size).toBe(orderStates.length);
  });
});

describe('payment methods the owner switched off (pglite)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('offers only the methods switched on, and refuses an order with another', async () => {
    const h = await createHarness(database.handle, { settings: { paymentMethods: ['sellix'] } });
    expect(h.shop.payments.availableMethods()).toEqual(['sellix']);
    const buyer = await h.buyer();
    await h.fund(buyer, '20.00');
    const listing = listingNamed(h.shop, 'Steam Wallet 5 USD');
    const quote = await h.shop.purchases.quote(buyer, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    expect(await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' })).toMatchObject({ ok: false, code: 'payment_method_unavailable' });
    expect((await h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'sellix' })).ok).toBe(true);
  });
});
