import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ResellerError } from '../../src/core/ports/reseller.js';
import { createGamesDropReseller, type GamesDropResellerOptions } from '../../src/providers/gamesdrop/gamesdrop.adapter.js';
import { wirePrice } from '../../src/providers/gamesdrop/gamesdrop.catalog.js';
import { errorBody } from '../../src/providers/gamesdrop/gamesdrop.wire.js';
import { GAMESDROP_TOKEN, startGamesDropFake, type GamesDropFake } from '../fakes/gamesdrop.fake.js';

let fake: GamesDropFake;
const adapters: Array<{ close(): Promise<void> }> = [];

function adapter(options: Partial<GamesDropResellerOptions> = {}) {
  const reseller = createGamesDropReseller({ baseUrl: fake.server.url, token: GAMESDROP_TOKEN, timeoutMs: 1_000, retries: 1, retryBaseDelayMs: 5, ...options });
  adapters.push(reseller);
  return reseller;
}

const isError = (kind: string) => (e: unknown) => e instanceof ResellerError && e.kind === kind;

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

describe('GamesDrop credentials', () => {
  it('sends the bare token as Authorization on every call, never as Bearer', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    await reseller.quote('2733', 1);
    await reseller.balance();
    await reseller.transactions();
    expect(fake.server.requests.length).toBe(4);
    for (const r of fake.server.requests) expect(r.headers.authorization).toBe(GAMESDROP_TOKEN);
  });

  it('turns a refused token (401 INVALID_TOKEN) into an auth error that does not carry the token', async () => {
    const reseller = adapter({ token: 'Bearer wrong-token-123' });
    await expect(reseller.quote('2733', 1)).rejects.toSatisfy(isError('auth'));
    await expect(reseller.balance()).rejects.toSatisfy(isError('auth'));
    const error = await reseller.listCatalog().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/refused our credentials/);
    expect(error?.message).not.toContain('wrong-token-123');
  });
});

describe('GamesDrop balance and history', () => {
  it('reads the balance as exact money in its currency, and sees a purchase taken from it', async () => {
    const reseller = adapter();
    expect((await reseller.balance()).toString()).toBe('500.00 USD');
    await reseller.placeOrder({ reference: 'BAL-0001', sku: '2733', quantity: 1, player: { player_id: '123456789' }, expectedCost: Money.of('0.39', 'USD') });
    expect((await reseller.balance()).equals(Money.of('499.61', 'USD'))).toBe(true);
    expect(fake.server.calls('/api/v1/balance').map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('reports BALANCE_UNAVAILABLE or a null balance as unavailable, never as zero', async () => {
    fake.balanceUnavailable = true;
    await expect(adapter().balance()).rejects.toSatisfy(isError('unavailable'));
    fake.balanceUnavailable = false;
    fake.replyNext('/api/v1/balance', { status: 200, body: { currency: 'RUB', balance: null } });
    await expect(adapter().balance()).rejects.toSatisfy(isError('unavailable'));
  });

  it('accepts the older balance answer with a plain currency code', async () => {
    fake.replyNext('/api/v1/balance', { status: 200, body: { currency: 'RUB', balance: 689240.32 } });
    expect((await adapter().balance()).toString()).toBe('689240.32 RUB');
  });

  it('pages the transaction history with page and limit, amounts as signed money', async () => {
    const reseller = adapter();
    for (const reference of ['TX-0001', 'TX-0002', 'TX-0003']) {
      await reseller.placeOrder({ reference, sku: '2733', quantity: 1, player: { player_id: '123456789' }, expectedCost: Money.of('0.39', 'USD') });
    }
    const first = await reseller.transactions(1, 2);
    const call = fake.server.calls('/api/v1/balance/transactions', 'GET')[0];
    expect(call?.query).toEqual({ page: '1', limit: '2' });
    expect(first.total).toBeGreaterThanOrEqual(3);
    expect(first.next).toBe(2);
    expect(first.transactions[0]).toMatchObject({ type: 'PURCHASE', description: 'API Purchase - Blood Strike' });
    expect(first.transactions[0]?.amount.toString()).toBe('-0.39 USD');
    expect(first.transactions[0]?.balanceAfter?.isPositive()).toBe(true);
  });
});

describe('GamesDrop without webhooks', () => {
  it('declares what it can do: no webhooks, a player check, one unit per order, idempotent creation', () => {
    expect(adapter().capabilities).toEqual({
      webhooks: false,
      playerCheck: true,
      quantityOrders: false,
      balance: true,
      statusByReference: false,
      idempotentOrders: true,
    });
    expect(adapter({ lookupByTransactionId: true }).capabilities.statusByReference).toBe(true);
  });

  it('answers any webhook with not_supported', async () => {
    const event = await adapter().parseWebhook();
    expect(event).toEqual({ kind: 'not_supported' });
  });
});

describe('GamesDrop health', () => {
  it('opens the circuit after repeated failures, alerts once, and stops calling while open', async () => {
    const changes: Array<{ healthy: boolean }> = [];
    const reseller = adapter({ retries: 0, breakerThreshold: 3, breakerOpenMs: 60_000, observer: { onHealthChange: (c) => changes.push(c) } });
    fake.server.fault = 'server_error';
    const kinds: string[] = [];
    for (let i = 0; i < 6; i++) {
      kinds.push(await reseller.quote('2733', 1).then(() => 'ok', (e: ResellerError) => e.kind));
    }
    expect(kinds).toEqual(['unavailable', 'unavailable', 'unavailable', 'circuit_open', 'circuit_open', 'circuit_open']);
    expect(fake.server.requests).toHaveLength(3);
    expect(changes).toEqual([{ upstream: 'gamesdrop', healthy: false, detail: expect.any(String) }]);
    expect(reseller.isHealthy).toBe(false);
  });
});

describe('GamesDrop wire details', () => {
  it('tells a documented error code from a framework 404 for a missing path', () => {
    expect(errorBody.parse({ error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } }).code).toBe('ORDER_NOT_FOUND');
    expect(errorBody.parse({ statusCode: 404, message: 'Cannot POST /x', error: 'Not Found' }).code).toBeUndefined();
  });

  it('sends prices as exact JSON numbers and refuses one a number cannot carry', () => {
    expect(JSON.stringify({ price: wirePrice(Money.of('560.10', 'RUB')) })).toBe('{"price":560.1}');
    expect(JSON.stringify({ price: wirePrice(Money.of('23.09', 'KZT')) })).toBe('{"price":23.09}');
    expect(() => wirePrice(Money.of('12345678901234567.89', 'USD'))).toThrow(RangeError);
  });
});
