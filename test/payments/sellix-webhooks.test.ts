import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import type { Harness } from '../support/shop-harness.js';
import { listingNamed } from '../support/shop-harness.js';
import { outcomesOf, startSellixRig, type SellixRig } from './sellix-rig.js';

/**
 * Every bad webhook the Sellix fake can send, over HTTP to the real route: afterwards the
 * ledger, the order and the payment are right, and operators have been told what happened.
 */
describe('bad Sellix webhooks (pglite)', () => {
  let rig: SellixRig;
  let h: Harness;

  beforeAll(async () => {
    rig = await startSellixRig('pglite');
    h = rig.h;
  });
  afterAll(async () => {
    await rig?.close();
  });

  async function buyWithWallet(buyer: BuyerRecord, listingName: string) {
    const quote = await h.shop.purchases.quote(buyer, { listingId: listingNamed(h.shop, listingName).id, player: {} });
    if (!quote.ok) throw new Error(`quote failed: ${quote.code}`);
    return h.shop.purchases.placeOrder(buyer, { quoteId: quote.value.id, method: 'wallet' });
  }

  it('credits a top-up once when Sellix delivers the same webhook twice', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '10.00');
    expect(await rig.send(topUp.uniqid, 'paid', { times: 2 })).toEqual(['wallet_credited', 'duplicate']);
    expect(await rig.send(topUp.uniqid, 'paid', { amountFormat: 'string' })).toEqual(['duplicate']);
    expect(await rig.balance(buyer)).toBe('10.00 USD');
    expect(await rig.ledger(buyer)).toHaveLength(1);
    await h.settle();
    expect(rig.notices(buyer).map((n) => n.kind)).toEqual(['wallet_credited']);
  });

  it('refuses webhooks whose signature is wrong, missing or over another body, counts them and alerts operators', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '10.00');
    const before = await rig.signatureFailures();
    for (const signature of ['wrong', 'missing', 'tampered'] as const) {
      expect(await rig.send(topUp.uniqid, 'paid', { signature })).toEqual(['HTTP 401']);
    }
    expect(await rig.signatureFailures()).toBe(before + 3);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'pending' });
    await h.settle();
    const refused = h.notifier.alerts.filter((a) => a.kind === 'webhook_signature_failed');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.text).toContain('sellix');

    // A refused delivery is not remembered: the genuine one still counts.
    expect(await rig.send(topUp.uniqid, 'paid')).toEqual(['wallet_credited']);
    expect(await rig.balance(buyer)).toBe('10.00 USD');
  });

  it('does not treat a partial payment as paid, tells operators, and completes when the rest arrives', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(await rig.send(uniqid, 'partial')).toEqual(['partial']);
    expect((await rig.order(order.id)).state).toBe('awaiting_payment');
    const partial = await rig.payment(reference);
    expect(partial.status).toBe('partial');
    expect(partial.paidAt).toBeNull();
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('awaiting_payment');
    expect(rig.alertsAbout(reference)).toMatchObject([{ kind: 'payment_problem', text: expect.stringContaining('Partial payment') }]);
    expect(h.sandbox.ordersFor(order.reference)).toBe(0);
    expect(await rig.ledger(buyer)).toEqual([]);

    expect(await rig.send(uniqid, 'paid')).toEqual(['order_paid']);
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('completed');
  });

  it.each(['wrong_amount', 'wrong_currency'] as const)('does not treat a payment of the %s as paid and alerts operators', async (scenario) => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '20.00');
    expect(await rig.send(topUp.uniqid, scenario)).toEqual(['amount_mismatch']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'pending', paidAt: null });

    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(await rig.send(uniqid, scenario)).toEqual(['amount_mismatch']);
    expect((await rig.order(order.id)).state).toBe('awaiting_payment');
    expect(await rig.payment(reference)).toMatchObject({ status: 'pending' });

    await h.settle();
    expect((await rig.order(order.id)).state).toBe('awaiting_payment');
    expect(await rig.ledger(buyer)).toEqual([]);
    expect(h.sandbox.ordersFor(order.reference)).toBe(0);
    for (const ref of [topUp.reference, reference]) {
      expect(rig.alertsAbout(ref)).toMatchObject([{ kind: 'payment_problem', severity: 'critical', text: expect.stringContaining('not treated as paid') }]);
    }
    expect(rig.notices(buyer).map((n) => n.kind)).toEqual([]);
  });

  it('credits the wallet when a payment arrives after Sellix cancelled the order', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(outcomesOf(await rig.fake.sendSequence(uniqid, ['cancelled', 'paid']))).toEqual(['expired', 'late_payment_credited']);
    expect(await rig.order(order.id)).toMatchObject({ state: 'expired', failureCode: 'payment_failed' });
    expect(await rig.payment(reference)).toMatchObject({ status: 'paid' });
    expect(await rig.ledger(buyer)).toEqual([{ reason: 'late_payment', amount: order.price.toString(), reference }]);
    await h.settle();
    expect(h.sandbox.ordersFor(order.reference)).toBe(0);
    expect(rig.notices(buyer).map((n) => (n.kind === 'order_status' ? `order ${n.order.state}` : n.kind))).toEqual(['order expired', 'late_payment_credited']);
  });

  it('keeps a paid order paid when an older PENDING or a VOIDED arrives after order:paid', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(outcomesOf(await rig.fake.sendSequence(uniqid, ['paid', 'pending', 'waiting_for_confirmations', 'expired']))).toEqual([
      'order_paid',
      'ignored',
      'ignored',
      'already_settled',
    ]);
    expect(await rig.payment(reference)).toMatchObject({ status: 'paid' });
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('completed');
    expect(await rig.ledger(buyer)).toEqual([]);
  });

  it('keeps a credited top-up credited when an older PENDING arrives after order:paid', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '12.00');
    expect(outcomesOf(await rig.fake.sendSequence(topUp.uniqid, ['paid', 'pending', 'expired']))).toEqual(['wallet_credited', 'ignored', 'already_settled']);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'paid' });
    expect(await rig.balance(buyer)).toBe('12.00 USD');
    await h.settle();
    expect(rig.notices(buyer).map((n) => n.kind)).toEqual(['wallet_credited']);
  });

  it('holds the money of a disputed top-up so it cannot be spent, and alerts operators', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '25.00');
    expect(await rig.send(topUp.uniqid, 'paid')).toEqual(['wallet_credited']);
    expect(await rig.send(topUp.uniqid, 'disputed')).toEqual(['disputed']);
    expect(await rig.payment(topUp.reference)).toMatchObject({ status: 'disputed' });
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    expect(await rig.ledger(buyer)).toEqual([
      { reason: 'dispute_hold', amount: '-25.00 USD', reference: topUp.reference },
      { reason: 'wallet_topup', amount: '25.00 USD', reference: topUp.reference },
    ]);
    expect(await buyWithWallet(buyer, 'Steam Wallet 5 USD')).toMatchObject({ ok: false, code: 'wallet_insufficient' });

    // The chargeback that follows neither holds twice nor goes below zero.
    expect(await rig.send(topUp.uniqid, 'reversed')).toEqual(['disputed']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    expect(await rig.ledger(buyer)).toHaveLength(2);
    await h.settle();
    const alerts = rig.alertsAbout(topUp.reference);
    expect(alerts.map((a) => [a.kind, a.severity])).toEqual([
      ['payment_problem', 'critical'],
      ['payment_problem', 'critical'],
    ]);
    expect(alerts[0]?.text).toContain('disputed');
    expect(alerts[0]?.text).toContain('Held 25.00 USD');
    expect(alerts[0]?.text).not.toContain('already spent');
    expect(alerts[1]?.text).toContain('reversed');
  });

  it('holds what is left of a disputed top-up already partly spent, never below zero, and says what was spent', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '20.00');
    expect(await rig.send(topUp.uniqid, 'paid')).toEqual(['wallet_credited']);
    const bought = await buyWithWallet(buyer, 'Steam Wallet 10 USD');
    if (!bought.ok) throw new Error(bought.code);
    const price = bought.value.order.price;
    const left = (await h.shop.wallet.balance(buyer.id)).toString();

    expect(await rig.send(topUp.uniqid, 'disputed')).toEqual(['disputed']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    const hold = (await rig.ledger(buyer))[0];
    expect(hold).toMatchObject({ reason: 'dispute_hold', reference: topUp.reference });
    expect(hold?.amount).toBe(`-${left}`);
    await h.settle();
    const [alert] = rig.alertsAbout(topUp.reference);
    expect(alert?.text).toContain(`Held ${left}`);
    expect(alert?.text).toContain(`${price.toString()} was already spent`);
  });

  it('tells operators about a dispute on a Sellix order payment without touching the wallet', async () => {
    const buyer = await h.buyer();
    const { order, reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(await rig.send(uniqid, 'paid')).toEqual(['order_paid']);
    await h.settle();
    expect(await rig.send(uniqid, 'disputed')).toEqual(['disputed']);
    expect(await rig.payment(reference)).toMatchObject({ status: 'disputed' });
    expect((await rig.order(order.id)).state).toBe('completed');
    expect(await rig.ledger(buyer)).toEqual([]);
    await h.settle();
    expect(rig.alertsAbout(reference)).toMatchObject([{ kind: 'payment_problem', severity: 'critical', text: expect.stringContaining('disputed') }]);
  });

  // Order money that reached the wallet (late payment, refund of a failed order) is held too.
  it('holds a late payment credited to the wallet when it is disputed', async () => {
    const buyer = await h.buyer();
    const { reference, uniqid } = await rig.checkout(buyer, 'Steam Wallet 5 USD');
    expect(outcomesOf(await rig.fake.sendSequence(uniqid, ['cancelled', 'paid', 'disputed']))).toEqual(['expired', 'late_payment_credited', 'disputed']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    expect((await rig.ledger(buyer))[0]).toMatchObject({ reason: 'dispute_hold', reference });
  });

  it('holds the wallet refund of a failed Sellix order when its payment is disputed', async () => {
    const buyer = await h.buyer();
    const { order, uniqid } = await rig.checkout(buyer, 'PUBG Mobile 60 UC', { player_id: '99991234' });
    expect(await rig.send(uniqid, 'paid')).toEqual(['order_paid']);
    await h.settle();
    h.advance(11_000);
    await h.settle();
    expect((await rig.order(order.id)).state).toBe('refunded');
    expect(await rig.send(uniqid, 'disputed')).toEqual(['disputed']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
  });

  it('acknowledges a genuine webhook about a payment the shop never made and tells operators', async () => {
    const buyer = await h.buyer();
    const topUp = await rig.topUp(buyer, '10.00');
    const message = rig.fake.webhook(topUp.uniqid, 'paid');
    const body = JSON.parse(message.body) as { event: string; data: { custom_fields: Record<string, string> } };
    body.data.custom_fields = { payment_reference: 'TOP-NOT-OURS' };
    expect(outcomesOf(await rig.fake.sendRaw(rig.webhookUrl, 'order:paid', body))).toEqual(['unknown_payment']);
    expect(await rig.balance(buyer)).toBe('0.00 USD');
    await h.settle();
    expect(rig.alertsAbout('TOP-NOT-OURS')).toMatchObject([{ kind: 'payment_problem' }]);
  });
});
