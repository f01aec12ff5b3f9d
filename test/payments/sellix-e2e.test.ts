import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { Harness } from '../support/shop-harness.js';
import { startSellixRig, type SellixRig } from './sellix-rig.js';

/** Unpaid orders expire after this long; shorter than the harness default to show it is a setting. */
const paymentTimeoutMs = 600_000;

/**
 * Sellix from checkout to delivery: the real adapter creates the payment at the Sellix fake,
 * the fake sends signed webhooks to the real HTTP route, and the shop settles them. Each case
 * checks the ledger, the order and payment records, and what buyer and operators are told.
 */
describe('Sellix end to end (pglite)', () => {
  let rig: SellixRig;
  let h: Harness;

  beforeAll(async () => {
    rig = await startSellixRig('pglite', { paymentTimeoutMs });
    h = rig.h;
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('tops up the wallet through a Sellix checkout, credits it once and tells the buyer', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '25.00');

    const created = rig.fake.payments.get(topUp.uniqid)!;
    expect(created).toMatchObject({ currency: 'USD', webhook: rig.webhookUrl, customFields: { payment_reference: topUp.reference }, whiteLabel: false });
    expect(Money.of(created.value, 'USD').toString()).toBe('25.00 USD');
    const page = await request(topUp.url, { headers: { accept: 'application/json' } });
    expect(page.statusCode).toBe(200);
    expect(await page.body.json()).toMatchObject({ uniqid: topUp.uniqid, currency: 'USD', status: 'PENDING' });
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'pending', purpose: 'wallet_topup', externalId: topUp.uniqid, checkoutUrl: topUp.url });
    expect(await rig.balance(buyer)).toBe('0.00 USD');

    expect(await rig.send(topUp.uniqid, 'paid')).toEqual(['wallet_credited']);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'paid' });
    expect(await rig.balance(buyer)).toBe('25.00 USD');
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'wallet_topup', amount: '25.00 USD', reference: topUp.reference }]);

    await h.settle();
    const notices = rig.notices(buyer);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'wallet_credited', reason: 'wallet_topup', reference: topUp.reference });
    expect(notices[0]?.kind === 'wallet_credited' && [notices[0].amount.toString(), notices[0].balance.toString()]).toEqual(['25.00 USD', '25.00 USD']);
  });

  it('completes a direct Sellix checkout of a voucher and delivers the code', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid, url } = await rig.checkout(buyer, 'Steam Wallet 10 USD');
    expect(order.state).toBe('awaiting_payment');
    expect(url).toBe(`${rig.fake.server.url}/checkout/${uniqid}`);
    const created = rig.fake.payments.get(uniqid)!;
    expect(created.customFields).toEqual({ payment_reference: reference, order_reference: order.reference });
    expect(Money.of(created.value, created.currency).equals(order.price)).toBe(true);
    expect(created.title).toContain(order.reference);

    expect(await rig.send(uniqid, 'paid')).toEqual(['order_paid']);
    expect((await rig.order(order.id)).state).toBe('paid');
    expect(await rig.payment(reference)).toMatchObject({ status: 'paid', purpose: 'order' });

    await h.settle();
    const done = await rig.order(order.id);
    expect(done.state).toBe('completed');
    expect(done.delivery?.items[0]?.code).toMatch(/^DEMO-/);
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
    expect(h.notifier.orderStates(order.reference)).toEqual(['paid', 'completed']);
    const completed = rig.notices(buyer).find((n) => n.kind === 'order_status' && n.order.state === 'completed');
    expect(completed?.kind === 'order_status' && completed.order.items[0]?.code).toBe(done.delivery?.items[0]?.code);
    // Paid at Sellix, so the wallet never moves.
    expect(await rig.ledger(buyer)).toEqual([]);

    // Sellix repeating the news after delivery changes nothing.
    expect(await rig.send(uniqid, 'paid')).toEqual(['duplicate']);
    await h.settle();
    expect(await rig.order(order.id)).toMatchObject({ state: 'completed' });
    expect(h.sandbox.ordersFor(order.reference)).toBe(1);
  });

  it('refunds to the wallet, and says so, when an order paid with Sellix fails at the reseller', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'PUBG Mobile 60 UC', { player_id: '99991234' });
    expect(await rig.send(uniqid, 'paid')).toEqual(['order_paid']);
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('processing');

    h.advance(11_000);
    await h.settle();
    const done = await rig.order(order.id);
    expect(done.state).toBe('refunded');
    expect(await rig.balance(buyer)).toBe(order.price.toString());
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'order_refund', amount: order.price.toString(), reference: order.reference }]);
    expect(h.notifier.orderStates(order.reference)).toEqual(['paid', 'processing', 'failed', 'refunded']);
    const refunded = rig.notices(buyer).find((n) => n.kind === 'order_status' && n.order.state === 'refunded');
    expect(refunded?.kind === 'order_status' && refunded.refund?.to).toBe('wallet');
    expect(refunded?.kind === 'order_status' && refunded.refund?.amount.toString()).toBe(order.price.toString());
    expect(h.notifier.alerts.filter((a) => a.kind === 'order_failed' && a.orderReference === order.reference)).toHaveLength(1);
    // Sellix cannot refund by API: the payment stays paid there, the money is in the wallet.
    expect(await rig.payment(reference)).toMatchObject({ status: 'paid' });
  });

  it('expires an unpaid order after the configured time and tells the buyer', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');

    h.advance(paymentTimeoutMs - 10_000);
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('awaiting_payment');

    h.advance(11_000);
    await h.settle();
    expect(await rig.order(order.id)).toMatchObject({ state: 'expired', failureCode: 'quote_expired' });
    expect(await rig.payment(reference)).toMatchObject({ status: 'expired' });
    expect(h.notifier.orderStates(order.reference)).toEqual(['expired']);
    expect(await rig.ledger(buyer)).toEqual([]);
    // The checkout is closed at Sellix too, so the buyer cannot pay an order that is gone.
    expect(rig.fake.payments.get(uniqid)?.deleted).toBe(true);
  });

  it('credits a payment that arrives after the order expired to the wallet and tells the buyer', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    h.advance(paymentTimeoutMs + 1_000);
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('expired');

    expect(await rig.send(uniqid, 'paid')).toEqual(['late_payment_credited']);
    expect((await rig.order(order.id)).state).toBe('expired');
    expect(await rig.payment(reference)).toMatchObject({ status: 'paid' });
    expect(await rig.balance(buyer)).toBe(order.price.toString());
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'late_payment', amount: order.price.toString(), reference }]);

    await h.settle();
    const late = rig.notices(buyer).filter((n) => n.kind === 'late_payment_credited');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ reference });
    expect(late[0]?.kind === 'late_payment_credited' && late[0].amount.toString()).toBe(order.price.toString());
    expect(h.sandbox.ordersFor(order.reference)).toBe(0);

    expect(await rig.send(uniqid, 'paid')).toEqual(['duplicate']);
    expect(await rig.balance(buyer)).toBe(order.price.toString());
  });

  it('tells the buyer when a top-up link runs out, and still credits a payment made after', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '15.00');
    h.advance(paymentTimeoutMs + 1_000);
    expect(await h.shop.payments.expireTopUps()).toBeGreaterThanOrEqual(1);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'expired' });
    expect(rig.fake.payments.get(topUp.uniqid)?.deleted).toBe(true);
    await h.settle();
    expect(rig.notices(buyer)).toMatchObject([{ kind: 'payment_expired', reference: topUp.reference }]);

    expect(await rig.send(topUp.uniqid, 'paid')).toEqual(['wallet_credited']);
    expect(await rig.balance(buyer)).toBe('15.00 USD');
    await h.settle();
    expect(rig.notices(buyer).map((n) => n.kind)).toEqual(['payment_expired', 'wallet_credited']);
  });
});
