import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ResellerError, type PlaceOrderRequest, type PlaceOrderResult } from '../../src/core/ports/reseller.js';
import { createGamesDropReseller, type GamesDropResellerOptions } from '../../src/providers/gamesdrop/gamesdrop.adapter.js';
import { gamesdropErrorCodes, gamesdropStatuses, mapOrderStatus } from '../../src/providers/gamesdrop/gamesdrop.status.js';
import { newReference } from '../contract/reseller-contract.js';
import { GAMESDROP_TOKEN, startGamesDropFake, type GamesDropFake } from '../fakes/gamesdrop.fake.js';

let fake: GamesDropFake;
const adapters: Array<{ close(): Promise<void> }> = [];

function adapter(options: Partial<GamesDropResellerOptions> = {}) {
  const reseller = createGamesDropReseller({ baseUrl: fake.server.url, token: GAMESDROP_TOKEN, timeoutMs: 1_000, retries: 1, retryBaseDelayMs: 5, ...options });
  adapters.push(reseller);
  return reseller;
}

const player = { player_id: '123456789', server: '2001' };
const order = (sku: string, cost: Money, extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  reference: newReference(),
  sku,
  quantity: 1,
  player,
  expectedCost: cost,
  ...extra,
});
const creates = () => fake.server.calls('/api/v1/offers/create-order', 'POST');
const statusCalls = () => fake.server.requests.filter((r) => /\/(offers\/order-status|order\/find-one)$/.test(r.path));
const orderIdOf = (result: PlaceOrderResult) => (result.kind === 'accepted' ? result.state.resellerOrderId : undefined);

beforeAll(async () => {
  fake = await startGamesDropFake(0);
});
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.server.requests.length = 0;
});

describe('GamesDrop order creation', () => {
  it('sends the exact find-one price as a number, offerId as a number and our reference as transactionId', async () => {
    const reseller = adapter();
    const req = order('1001', Money.of('560.10', 'RUB'), { player: { player_id: '52357322414' } });
    await reseller.quote('1001', 1);
    const result = await reseller.placeOrder(req);
    const [sent] = creates();
    expect(sent?.headers.authorization).toBe(GAMESDROP_TOKEN);
    expect(sent?.body).toEqual({ offerId: 1001, price: 560.1, transactionId: req.reference, customer: { gameUserId: '52357322414' } });
    expect(sent?.rawBody).toContain('"price":560.1,');
    // quote() had just asked find-one: no second ask before ordering.
    expect(fake.server.calls('/api/v1/offers/find-one')).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', items: [{ code: expect.stringMatching(/^KEY-\d+$/) }] } });
    expect(result.kind === 'accepted' && result.state.cost?.toString()).toBe('560.10 RUB');
  });

  it('orders the test offer 999 at exactly 23.09 and gets its test key at once', async () => {
    const reseller = adapter();
    const result = await reseller.placeOrder(order('999', Money.of('23.09', 'KZT'), { player: { player_id: '123456789' } }));
    expect(creates()[0]?.body).toMatchObject({ offerId: 999, price: 23.09 });
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', items: [{ code: expect.stringMatching(/^TEST-/) }] } });
  });

  it('asks find-one again before ordering when the last price is older than priceMaxAgeMs', async () => {
    const reseller = adapter({ priceMaxAgeMs: 0 });
    await reseller.quote('2733', 1);
    await new Promise((r) => setTimeout(r, 5));
    await reseller.placeOrder(order('2733', Money.of('0.39', 'USD')));
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/api/v1/offers/find-one', '/api/v1/offers/find-one', '/api/v1/offers/create-order']);
  });

  it('never sends a price the core did not agree to: a moved live price is price_changed with the new cost, and no order', async () => {
    const reseller = adapter({ priceMaxAgeMs: 0 });
    fake.setPrice(2733, '0.45');
    const result = await reseller.placeOrder(order('2733', Money.of('0.39', 'USD')));
    expect(result).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    expect(result.kind === 'rejected' && result.newCost?.toString()).toBe('0.45 USD');
    expect(creates()).toHaveLength(0);
  });

  it('reads WRONG_PRICE from create-order as price_changed, with the new cost from find-one', async () => {
    const reseller = adapter();
    await reseller.quote('2733', 1);
    fake.setPrice(2733, '0.41');
    const req = order('2733', Money.of('0.39', 'USD'));
    const result = await reseller.placeOrder(req);
    expect(creates()[0]?.body).toMatchObject({ price: 0.39 });
    expect(result.kind === 'rejected' && [result.code, result.newCost?.toString()]).toEqual(['price_changed', '0.41 USD']);
    expect(fake.ordersFor(req.reference)).toBe(0);
  });

  it('refuses more than one unit and a missing server before any call', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    await reseller.quote('900', 1);
    fake.server.requests.length = 0;
    expect(await reseller.placeOrder(order('900', Money.of('1.50', 'USD'), { quantity: 3 }))).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
    expect(await reseller.placeOrder(order('900', Money.of('1.50', 'USD'), { player: { player_id: '123456789' } }))).toMatchObject({ kind: 'rejected', code: 'player_fields_invalid' });
    expect(fake.server.requests).toHaveLength(0);
  });

  it('maps every documented create-order error code, and unknown codes to a rejection', async () => {
    const expected: Record<string, string> = {
      INVALID_TOKEN: 'throws auth',
      OFFER_NOT_FOUND: 'product_not_found',
      TRANSACTION_DUPLICATE: 'unknown',
      WRONG_PRICE: 'price_changed',
      ORDER_NOT_FOUND: 'reseller_rejected',
      ORDER_NOT_PROCESSING: 'reseller_rejected',
      ORDER_NOT_COMPLETED: 'reseller_rejected',
      ORDER_ALREADY_CANCELED: 'reseller_rejected',
      ORDER_ALREADY_REFUNDED: 'reseller_rejected',
      SERVICE_UNAVAILABLE: 'unknown',
      INVALID_REQUEST_BODY: 'reseller_rejected',
      INSUFFICIENT_BALANCE: 'reseller_balance_low',
      BALANCE_UNAVAILABLE: 'provider_inactive',
      OFFER_OUT_OF_STOCK: 'out_of_stock',
      SOMETHING_NEW: 'reseller_rejected',
    };
    expect(gamesdropErrorCodes.every((code) => code in expected)).toBe(true);
    const reseller = adapter();
    await reseller.quote('2733', 1);
    for (const [code, outcome] of Object.entries(expected)) {
      fake.failNext('/offers/create-order', code);
      const attempt = reseller.placeOrder(order('2733', Money.of('0.39', 'USD')));
      if (outcome === 'throws auth') {
        await expect(attempt, code).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'auth');
        continue;
      }
      const result = await attempt;
      // A forced duplicate has no order behind it: nothing to look up, so the outcome stays unknown.
      expect(result.kind === 'rejected' ? result.code : result.kind, code).toBe(outcome);
    }
  });

  it('retries a 5xx on create-order with the same transactionId and ends unknown, never with a second order', async () => {
    const reseller = adapter();
    await reseller.quote('2733', 1);
    fake.server.fault = 'server_error';
    const req = order('2733', Money.of('0.39', 'USD'));
    const result = await reseller.placeOrder(req);
    fake.server.fault = 'none';
    expect(result.kind).toBe('unknown');
    expect(creates().map((r) => (r.body as { transactionId: string }).transactionId)).toEqual([req.reference, req.reference]);
  });
});

describe('GamesDrop duplicate orders', () => {
  it('answers TRANSACTION_DUPLICATE by looking the order up by its orderId, and returns the same order', async () => {
    const reseller = adapter();
    await reseller.quote('2733', 1);
    const req = order('2733', Money.of('0.39', 'USD'));
    const first = await reseller.placeOrder(req);
    const second = await reseller.placeOrder(req);
    expect(second).toMatchObject({ kind: 'accepted', state: { status: 'completed' } });
    expect(orderIdOf(second)).toBe(orderIdOf(first));
    expect(fake.ordersFor(req.reference)).toBe(1);
    expect(statusCalls().map((r) => r.body)).toEqual([{ orderId: Number(orderIdOf(first)) }]);
  });

  it('leaves a duplicate unknown when its orderId is not on record and lookups by transactionId are off', async () => {
    const req = order('2733', Money.of('0.39', 'USD'));
    await adapter().placeOrder(req);
    const result = await adapter().placeOrder(req);
    expect(result).toMatchObject({ kind: 'unknown', detail: expect.stringContaining('TRANSACTION_DUPLICATE') });
    expect(statusCalls()).toHaveLength(0);
    expect(fake.ordersFor(req.reference)).toBe(1);
  });

  it('looks a duplicate up by our transactionId where that is switched on', async () => {
    fake.lookupByTransactionId = true;
    const req = order('2733', Money.of('0.39', 'USD'));
    const first = await adapter().placeOrder(req);
    const second = await adapter({ lookupByTransactionId: true }).placeOrder(req);
    expect(orderIdOf(second)).toBe(orderIdOf(first));
    expect(statusCalls().map((r) => r.body)).toEqual([{ transactionId: req.reference }]);
  });

  it('retries a create-order that timed out through the duplicate path: one order, found and accepted', async () => {
    fake.lookupByTransactionId = true;
    fake.delayNextCreateMs = 600;
    const reseller = adapter({ timeoutMs: 300, lookupByTransactionId: true });
    const req = order('2733', Money.of('0.39', 'USD'));
    const result = await reseller.placeOrder(req);
    expect(creates().map((r) => (r.body as { transactionId: string }).transactionId)).toEqual([req.reference, req.reference]);
    expect(fake.ordersFor(req.reference)).toBe(1);
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: String(fake.orderOf(req.reference)!.orderId) } });
  });

  it('ends a timed-out create-order unknown when the retry meets a duplicate it cannot look up', async () => {
    fake.delayNextCreateMs = 600;
    const req = order('2733', Money.of('0.39', 'USD'));
    const result = await adapter({ timeoutMs: 300 }).placeOrder(req);
    expect(result.kind).toBe('unknown');
    expect(fake.ordersFor(req.reference)).toBe(1);
  });
});

describe('GamesDrop order status', () => {
  it('maps every documented status, and keeps an unknown one non-final', () => {
    expect(gamesdropStatuses.map(mapOrderStatus)).toEqual(['pending', 'processing', 'completed', 'failed', 'failed']);
    expect(mapOrderStatus('CANCELLED')).toBe('failed');
    expect(mapOrderStatus('ON_HOLD')).toBe('processing');
  });

  it('follows a SUBMITTED order by polling, to COMPLETED and to CANCELED or REFUND', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    await reseller.quote('900', 1);
    const placed = await Promise.all([1, 2, 3].map(() => reseller.placeOrder(order('900', Money.of('1.50', 'USD')))));
    expect(placed.map((p) => p.kind === 'accepted' && p.state.status)).toEqual(['pending', 'pending', 'pending']);
    const refs = creates().map((r) => (r.body as { transactionId: string }).transactionId);
    fake.finishOrder(refs[0]!, 'success');
    fake.finishOrder(refs[1]!, 'failed');
    fake.orderOf(refs[2]!)!.status = 'REFUND';
    const states = await Promise.all(placed.map((p, i) => reseller.getOrder({ reference: refs[i]!, resellerOrderId: orderIdOf(p)! })));
    expect(states.map((s) => s.status)).toEqual(['completed', 'failed', 'failed']);
    expect(states[1]?.failureDetail).toContain('CANCELED');
  });

  it('falls back to the newer order/find-one path on a 404 and keeps using it', async () => {
    fake.statusPaths = 'newer';
    const reseller = adapter();
    const placed = await reseller.placeOrder(order('2733', Money.of('0.39', 'USD')));
    const id = orderIdOf(placed)!;
    expect((await reseller.getOrder({ reference: 'x', resellerOrderId: id })).status).toBe('completed');
    expect((await reseller.getOrder({ reference: 'x', resellerOrderId: id })).status).toBe('completed');
    expect(statusCalls().map((r) => r.path)).toEqual(['/api/v1/offers/order-status', '/api/v1/order/find-one', '/api/v1/order/find-one']);
    expect(reseller.statusPath).toBe('/api/v1/order/find-one');
  });

  it('reads a documented ORDER_NOT_FOUND as not_found, not as a missing path', async () => {
    const reseller = adapter();
    expect(await reseller.getOrder({ reference: 'x', resellerOrderId: '1' })).toEqual({ status: 'not_found' });
    expect(statusCalls()).toHaveLength(1);
  });

  it('fails with a typed error when neither status path exists', async () => {
    fake.replyNext('/offers/order-status', { status: 404, body: { error: { code: 'NOT_FOUND' } } });
    fake.replyNext('/order/find-one', { status: 404, body: { statusCode: 404, message: 'Cannot POST', error: 'Not Found' } });
    await expect(adapter().getOrder({ reference: 'x', resellerOrderId: '5' })).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'bad_response');
  });

  it('accepts the short status answer and fetches the voucher keys from offers/keys', async () => {
    const reseller = adapter();
    const placed = await reseller.placeOrder(order('7', Money.of('9.52', 'USD'), { player: {} }));
    fake.orderShape = 'short';
    fake.server.requests.length = 0;
    const state = await reseller.getOrder({ reference: 'x', resellerOrderId: orderIdOf(placed)! });
    expect(state).toMatchObject({ status: 'completed', resellerOrderId: orderIdOf(placed), items: [{ code: `KEY-${orderIdOf(placed)}` }] });
    expect(fake.server.calls('/api/v1/offers/keys').map((r) => r.body)).toEqual([{ orderId: Number(orderIdOf(placed)) }]);
  });

  it('gets a completed voucher its key from offers/keys when the answer carries none, in either keys shape', async () => {
    fake.keyInOrder = false;
    fake.keysShape = 'keys';
    const result = await adapter().placeOrder(order('999', Money.of('23.09', 'KZT')));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', items: [{ code: expect.stringMatching(/^TEST-/) }] } });
  });

  it('keeps a completed voucher processing while its keys are not ready', async () => {
    fake.keyInOrder = false;
    fake.failNext('/offers/keys', 'ORDER_NOT_COMPLETED');
    const result = await adapter().placeOrder(order('999', Money.of('23.09', 'KZT')));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'processing' } });
    expect(result.kind === 'accepted' && result.state.items).toBeFalsy();
  });

  it('reads an order by reference alone without asking anything, and leaves it pending for review', async () => {
    const state = await adapter().getOrder({ reference: 'NEVER-SEEN' });
    expect(state).toMatchObject({ status: 'pending', failureDetail: expect.stringContaining('needs review') });
    expect(fake.server.requests).toHaveLength(0);
  });
});
