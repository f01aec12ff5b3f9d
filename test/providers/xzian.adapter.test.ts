import { Decimal } from 'decimal.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ResellerError, type PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import type { UpstreamObserver } from '../../src/providers/shared/upstream-client.js';
import { createXzianReseller, type XzianReseller, type XzianResellerOptions } from '../../src/providers/xzian/xzian.adapter.js';
import { XzianFake, type ProductsShape } from '../fakes/xzian.fake.js';

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

describe('xzian catalog', () => {
  for (const shape of ['array', 'products', 'items', 'data'] as ProductsShape[]) {
    it(`reads the product list when it comes as ${shape === 'array' ? 'a bare array' : `an object holding "${shape}"`}`, async () => {
      fake.productsShape = shape;
      const { products, next } = await adapter().listCatalog();
      expect(next).toBeUndefined();
      expect(products.map((p) => p.sku)).toEqual(['101', '102', '201', '301', '401']);
    });
  }

  it('normalizes a row: BDT cost from a string or a JSON number, type, player fields, denomination, stock', async () => {
    const { products } = await adapter().listCatalog();
    const bySku = new Map(products.map((p) => [p.sku, p]));
    const diamonds = bySku.get('101')!;
    expect(diamonds).toMatchObject({ resellerId: 'xzian', name: 'Free Fire 100 Diamonds', type: 'topup', region: null, inStock: true, maxQuantity: 1 });
    expect(diamonds.cost.equals(Money.of('95.00', 'BDT'))).toBe(true);
    expect(diamonds.denomination).toEqual({ amount: '100', unit: 'DIAMONDS' });
    expect(diamonds.playerFields).toEqual([expect.objectContaining({ key: 'player_id', required: true, pattern: '^\\S+$' })]);
    expect(bySku.get('102')!.cost.toString()).toBe('115.50 BDT');
    expect(bySku.get('201')).toMatchObject({ type: 'voucher', playerFields: [] });
    expect(bySku.get('401')).toMatchObject({ inStock: false, stock: 0 });
  });

  it('reads names and a category from the spellings the document leaves open', async () => {
    fake.replyOnce('GET', '/products', {
      status: 200,
      body: [
        { item_id: '7', price: '10', names: { en: 'Netflix Gift Card', bn: 'নেটফ্লিক্স' }, category: { name: 'Streaming' } },
        { item_id: 8, price: 12, title: 'Genshin 60 Genesis Crystals', game: 'Genshin Impact', currency: 'bdt' },
      ],
    });
    const { products } = await adapter().listCatalog();
    expect(products[0]).toMatchObject({ sku: '7', name: 'Netflix Gift Card', category: 'Streaming', game: 'Streaming', type: 'voucher' });
    expect(products[1]).toMatchObject({ sku: '8', game: 'Genshin Impact', category: 'Genshin Impact', type: 'topup' });
    expect(products[1]!.cost.toString()).toBe('12.00 BDT');
  });

  it('turns a row with an unreadable price into a typed error, not a wrong cost', async () => {
    fake.replyOnce('GET', '/products', { status: 200, body: [{ item_id: 1, price: '1,200.00', name: 'x' }] });
    await expect(adapter().listCatalog()).rejects.toMatchObject({ name: 'ResellerError', kind: 'bad_response' });
  });

  it('sends the key as a Bearer token on every call and never as X-API-Key', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    await reseller.balance();
    await reseller.placeOrder(order());
    await reseller.health();
    expect(fake.server.requests).toHaveLength(4);
    for (const r of fake.server.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(r.headers['x-api-key']).toBeUndefined();
    }
  });
});

describe('xzian account and health', () => {
  it('reports user.balance as USD, not the display balance', async () => {
    fake.balanceUsd = new Decimal('12.3456');
    const balance = await adapter().balance();
    expect(balance.toString()).toBe('12.35 USD');
    expect(fake.server.calls('/me', 'GET')).toHaveLength(1);
  });

  it('accepts a numeric user.balance through its string form', async () => {
    fake.replyOnce('GET', '/me', { status: 200, body: { ok: true, currency: 'BDT', balance_display: '৳ 3,690.00', user: { balance: 30.75 }, api_key_id: 1 } });
    expect((await adapter().balance()).amount.toFixed()).toBe('30.75');
  });

  it('turns 401 and 404 user_not_found on /me into auth errors', async () => {
    await expect(adapter({ apiKey: 'sk_wrong' }).balance()).rejects.toMatchObject({ kind: 'auth' });
    fake.replyOnce('GET', '/me', { status: 404, body: { ok: false, error: 'user_not_found' } });
    await expect(adapter().balance()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('probes GET /health without throwing', async () => {
    const reseller = adapter();
    expect(await reseller.health()).toEqual({ healthy: true, version: 1 });
    fake.server.fault = 'server_error';
    expect(await reseller.health()).toMatchObject({ healthy: false, detail: expect.stringContaining('HTTP 503') });
    expect(fake.server.calls('/health')).toHaveLength(3);
  });

  it('opens the circuit after repeated failures and tells the observer once, then recovers', async () => {
    const changes: Array<{ healthy: boolean }> = [];
    const observer: UpstreamObserver = { onHealthChange: (c) => changes.push({ healthy: c.healthy }) };
    const reseller = adapter({ retries: 0, breakerThreshold: 3, breakerOpenMs: 100, observer });
    fake.server.fault = 'server_error';
    for (let i = 0; i < 6; i++) await expect(reseller.listCatalog()).rejects.toBeInstanceOf(ResellerError);
    await expect(reseller.quote('101', 1)).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(fake.server.calls('/products')).toHaveLength(3);
    expect(reseller.isHealthy).toBe(false);
    expect(changes).toEqual([{ healthy: false }]);
    fake.server.fault = 'none';
    await new Promise((r) => setTimeout(r, 120));
    expect((await reseller.listCatalog()).products.length).toBeGreaterThan(0);
    expect(changes).toEqual([{ healthy: false }, { healthy: true }]);
  });

  it('has no webhooks', async () => {
    const event = await adapter().parseWebhook();
    expect(event).toEqual({ kind: 'not_supported' });
  });
});
