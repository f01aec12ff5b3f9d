import { Decimal } from 'decimal.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import { createXzianReseller, type XzianReseller, type XzianResellerOptions } from '../../src/providers/xzian/xzian.adapter.js';
import { NEEDS_REVIEW } from '../../src/providers/xzian/xzian.status.js';
import { XzianFake } from '../fakes/xzian.fake.js';

let fake: XzianFake;
let baseUrl: string;
const open: XzianReseller[] = [];
let seq = 0;

function adapter(options: Partial<XzianResellerOptions> = {}): XzianReseller {
  const reseller = createXzianReseller({ baseUrl, apiKey: fake.apiKey, timeoutMs: 800, retries: 1, retryBaseDelayMs: 5, breakerThreshold: 1_000, ...options });
  open.push(reseller);
  return reseller;
}

function order(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return { reference: `XZ-${++seq}`, sku: '101', quantity: 1, player: { player_id: '5123456789' }, expectedCost: Money.of('95.00', 'BDT'), ...overrides };
}

const posts = () => fake.server.calls('/orders', 'POST');

beforeAll(async () => {
  fake = new XzianFake();
  baseUrl = await fake.start();
  fake.server.slowMs = 2_000;
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.server.requests.length = 0;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe('xzian orders', () => {
  it('sends item_id and player_id, with our reference as an Idempotency-Key header, and settles a final answer', async () => {
    const req = order();
    const result = await adapter().placeOrder(req);
    const sent = posts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe('/api/v1/orders');
    expect(sent[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': req.reference });
    expect(sent[0]!.body).toEqual({ item_id: 101, player_id: '5123456789' });
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: expect.stringMatching(/^\d+$/) } });
    if (result.kind === 'accepted') expect(result.state.cost?.toString()).toBe('95.00 BDT');
  });

  it('puts every other player field into checkout', async () => {
    await adapter().placeOrder(order({ player: { player_id: 'me@example.com', cf_server: 'Asia', smm_link: 'https://x.example/p', blank: ' ' } }));
    expect(posts()[0]!.body).toEqual({ item_id: 101, player_id: 'me@example.com', checkout: { cf_server: 'Asia', smm_link: 'https://x.example/p' } });
  });

  it('delivers the codes of a voucher', async () => {
    const result = await adapter().placeOrder(order({ sku: '201', player: {}, expectedCost: Money.of('520', 'BDT') }));
    expect(posts()[0]!.body).toEqual({ item_id: 201 });
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', items: [{ code: expect.stringMatching(/^GPLAY-\d+-7Q2K-99XB$/) }] } });
  });

  it('keeps a voucher reported complete without a readable code for an operator', async () => {
    fake.replyOnce('POST', '/orders', { status: 200, body: { ok: true, order_id: 9, status: 'completed', amount: '520.00', currency: 'BDT' } });
    const result = await adapter().placeOrder(order({ sku: '201', expectedCost: Money.of('520', 'BDT') }));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'processing', resellerOrderId: '9' } });
    if (result.kind === 'accepted') expect(result.state.failureDetail).toContain('no code');
  });

  it('leaves a non-final or unknown status to an operator, and takes a failed answer as final without failover', async () => {
    const reseller = adapter();
    const manual = await reseller.placeOrder(order({ sku: '301', expectedCost: Money.of('140', 'BDT') }));
    expect(manual).toMatchObject({ kind: 'accepted', state: { status: 'processing', failureDetail: NEEDS_REVIEW } });
    fake.replyOnce('POST', '/orders', { status: 200, body: { ok: true, order_id: '77', status: 'on_hold' } });
    const odd = await reseller.placeOrder(order());
    expect(odd).toMatchObject({ kind: 'accepted', state: { status: 'processing' } });
    if (odd.kind === 'accepted') expect(odd.state.failureDetail).toContain('"on_hold" is not understood');
    fake.replyOnce('POST', '/orders', { status: 200, body: { ok: true, order_id: 78, status: 'failed', message: 'provider error' } });
    const failed = await reseller.placeOrder(order());
    expect(failed).toMatchObject({ kind: 'accepted', state: { status: 'failed', rejectedBeforeCharge: false, failureDetail: 'XZian answered status failed: provider error' } });
  });

  const errors: Array<[string, number, string, string]> = [
    ['402 insufficient_balance', 402, 'insufficient_balance', 'reseller_balance_low'],
    ['409 out_of_stock', 409, 'out_of_stock', 'out_of_stock'],
    ['400 validation', 400, 'validation', 'player_fields_invalid'],
    ['400 with another code', 400, 'bad_item_config', 'reseller_rejected'],
    ['404 item_not_found', 404, 'item_not_found', 'product_not_found'],
    ['503 wallet_disabled', 503, 'wallet_disabled', 'provider_inactive'],
    ['402 with an unprinted code', 402, 'low_funds', 'reseller_balance_low'],
    ['409 with an unprinted code', 409, 'conflict', 'out_of_stock'],
  ];
  for (const [name, status, code, expected] of errors) {
    it(`maps ${name} to ${expected}`, async () => {
      fake.replyOnce('POST', '/orders', { status, body: { ok: false, error: code } });
      const result = await adapter().placeOrder(order());
      expect(result).toMatchObject({ kind: 'rejected', code: expected });
      expect(posts()).toHaveLength(1);
    });
  }

  it('maps a real 400 for a missing player id and a 402 for an empty wallet from the fake', async () => {
    const reseller = adapter();
    expect(await reseller.placeOrder(order({ player: {} }))).toMatchObject({ kind: 'rejected', code: 'player_fields_invalid' });
    fake.balanceUsd = new Decimal('0.5');
    expect(await reseller.placeOrder(order())).toMatchObject({ kind: 'rejected', code: 'reseller_balance_low' });
  });

  it('treats another 503 answer as unknown: the order may exist', async () => {
    fake.replyOnce('POST', '/orders', { status: 503, body: { ok: false, error: 'maintenance' } });
    const result = await adapter().placeOrder(order());
    expect(result).toMatchObject({ kind: 'unknown' });
    fake.replyOnce('POST', '/orders', { status: 502, raw: '<html>bad gateway</html>' });
    expect(await adapter().placeOrder(order())).toMatchObject({ kind: 'unknown' });
  });

  it('throws a typed error when the key is refused or the route is unknown, since no order can exist', async () => {
    await expect(adapter({ apiKey: 'sk_wrong' }).placeOrder(order())).rejects.toMatchObject({ kind: 'auth' });
    fake.replyOnce('POST', '/orders', { status: 404, body: { ok: false, error: 'not_found' } });
    await expect(adapter().placeOrder(order())).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('refuses before ordering when the price rose, the item left the list, it is sold out or more than one unit is asked', async () => {
    const reseller = adapter();
    fake.setPrice(101, '99.00');
    const pricier = await reseller.placeOrder(order());
    expect(pricier).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    if (pricier.kind === 'rejected') expect(pricier.newCost?.toString()).toBe('99.00 BDT');
    expect(await reseller.placeOrder(order({ sku: '424242' }))).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    expect(await reseller.placeOrder(order({ sku: '401' }))).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
    expect(await reseller.placeOrder(order({ quantity: 3 }))).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
    expect(await reseller.placeOrder(order({ expectedCost: Money.of('1', 'USD') }))).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    expect(posts()).toHaveLength(0);
  });

  it('orders at a price that fell since the quote', async () => {
    fake.setPrice(101, '90.00');
    expect(await adapter().placeOrder(order())).toMatchObject({ kind: 'accepted' });
  });

  it('reads the price again when the last read is older than priceMaxAgeMs', async () => {
    const reseller = adapter({ priceMaxAgeMs: 0 });
    await reseller.quote('101', 1);
    fake.setPrice(101, '96.00');
    expect(await reseller.placeOrder(order())).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    expect(fake.server.calls('/products')).toHaveLength(2);
  });

  it('sends an order once when XZian is slow, and answers unknown', async () => {
    const reseller = adapter();
    await reseller.quote('101', 1);
    fake.server.fault = 'slow';
    const req = order();
    const result = await reseller.placeOrder(req);
    expect(result).toMatchObject({ kind: 'unknown' });
    if (result.kind === 'unknown') expect(result.detail).toContain('may have created');
    expect(posts()).toHaveLength(1);
    fake.server.fault = 'none';
    // The same reference again is not sent: without a key XZian would charge twice.
    expect(await reseller.placeOrder(req)).toMatchObject({ kind: 'unknown' });
    expect(posts()).toHaveLength(1);
  });

  it('answers a repeated or concurrent reference from the first answer instead of ordering twice', async () => {
    const reseller = adapter();
    const req = order();
    const [a, b] = await Promise.all([reseller.placeOrder(req), reseller.placeOrder(req)]);
    const c = await reseller.placeOrder(req);
    expect(posts()).toHaveLength(1);
    expect(fake.ordersFor(req.reference)).toBe(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('lets a rejected reference be placed again, since nothing was created', async () => {
    const reseller = adapter();
    const req = order();
    fake.outOfStockOnOrder.add(101);
    expect(await reseller.placeOrder(req)).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
    fake.outOfStockOnOrder.clear();
    expect(await reseller.placeOrder(req)).toMatchObject({ kind: 'accepted' });
    expect(posts()).toHaveLength(2);
  });

  it('throws, and forgets the reference, when XZian cannot be reached at all', async () => {
    const gone = new XzianFake();
    const reseller = adapter({ baseUrl: await gone.start(), priceMaxAgeMs: 60_000 });
    await reseller.quote('101', 1);
    await gone.close();
    const req = order();
    // Refused at connect time: the order cannot exist, so it is a thrown error, not "unknown".
    await expect(reseller.placeOrder(req)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(gone.orders).toHaveLength(0);
  });

  it('has no status to look up: getOrder reports processing for an operator and sends nothing', async () => {
    const state = await adapter().getOrder({ reference: 'K7F3-92QX', resellerOrderId: '5000' });
    expect(state).toEqual({ status: 'processing', resellerOrderId: '5000', failureDetail: NEEDS_REVIEW, needsReview: true });
    expect(fake.server.requests).toHaveLength(0);
  });
});
