import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.js';
import type { Harness } from '../support/shop-harness.js';
import { outcomesOf, startSellixRig, type SellixRig } from './sellix-rig.js';

const count = (outcomes: string[]) => Object.fromEntries([...new Set(outcomes)].sort().map((o) => [o, outcomes.filter((x) => x === o).length]));

/**
 * The same Sellix webhook arriving many times at once, over real HTTP. PGlite runs one query
 * at a time, so PostgreSQL is where these races are real; both must credit exactly once.
 */
describe.each(databaseKinds)('parallel Sellix deliveries (%s)', (kind) => {
  let rig: SellixRig;
  let h: Harness;

  beforeAll(async () => {
    rig = await startSellixRig(kind);
    h = rig.h;
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('credits a top-up exactly once when the same order:paid arrives 20 times in parallel', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '30.00');
    const outcomes = outcomesOf(await rig.fake.sendWebhook(topUp.uniqid, 'paid', { parallel: 20 }));
    expect(count(outcomes)).toEqual({ duplicate: 19, wallet_credited: 1 });
    expect(await rig.balance(buyer)).toBe('30.00 USD');
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'wallet_topup', amount: '30.00 USD', reference: topUp.reference }]);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'paid' });
    await h.settle();
    expect(rig.notices(buyer).map((n) => n.kind)).toEqual(['wallet_credited']);
  });

  it('pays an order exactly once and places it once when the same order:paid arrives 20 times in parallel', async () => {
    const buyer = await h.buyer();
    const { order, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    const outcomes = outcomesOf(await rig.fake.sendWebhook(uniqid, 'paid', { parallel: 20 }));
    expect(count(outcomes)).toEqual({ duplicate: 19, order_paid: 1 });
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('completed');
    expect((await h.shop.storage.events.listForOrder(order.id)).map((e) => e.toState)).toEqual(['awaiting_payment', 'paid', 'submitted', 'completed']);
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
    expect(await rig.ledger(buyer)).toEqual([]);
  });

  it('credits a top-up exactly once when paid and voided deliveries race each other', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '40.00');
    const [paid, voided] = await Promise.all([
      rig.fake.sendWebhook(topUp.uniqid, 'paid', { parallel: 10 }),
      rig.fake.sendWebhook(topUp.uniqid, 'expired', { parallel: 10 }),
    ]);
    expect(count(outcomesOf(paid))).toEqual({ duplicate: 9, wallet_credited: 1 });
    expect(outcomesOf(voided).filter((o) => o !== 'duplicate')).toHaveLength(1);
    expect(await rig.balance(buyer)).toBe('40.00 USD');
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'wallet_topup', amount: '40.00 USD', reference: topUp.reference }]);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'paid' });
  });
});
