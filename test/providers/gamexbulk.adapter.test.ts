import { afterEach, describe, expect, it, vi } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ResellerError, type PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import { createGamexBulkReseller, type GamexBulkOptions, type GamexBulkReseller } from '../../src/providers/gamexbulk/gamexbulk.adapter.js';
import { GamexBulkFake } from '../fakes/gamexbulk.fake.js';

const CALLBACK = 'https://shop.example/webhooks/gamexbulk';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(options: Partial<GamexBulkOptions> = {}): Promise<{ fake: GamexBulkFake; reseller: GamexBulkReseller }> {
  const fake = new GamexBulkFake();
  const baseUrl = await fake.start();
  const reseller = createGamexBulkReseller({
    baseUrl,
    apiKey: fake.apiKey,
    timeoutMs: 400,
    retries: 2,
    retryBaseDelayMs: 5,
    breakerThreshold: 1_000,
    callbackUrl: CALLBACK,
    ...options,
  });
  cleanups.push(async () => {
    await reseller.close();
    await fake.close();
  });
  return { fake, reseller };
}

const order = (overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  reference: 'K7F3-92QX',
  sku: '91',
  quantity: 1,
  player: { player_id: '5123456789' },
  expectedCost: Money.of('0.88', 'USD'),
  ...overrides,
});

describe('gamexbulk catalog', () => {
  it('reads every product page with per_page 100 and normalizes top-ups and vouchers', async () => {
    const { fake, reseller } = await setup();
    const products = [];
    let cursor: string | undefined;
    do {
      const page = await reseller.listCatalog(cursor);
      products.push(...page.products);
      cursor = page.next;
    } while (cursor);
    const pages = fake.calls('/products', 'GET');
    expect(pages.map((r) => r.query)).toEqual([1, 2, 3].map((page) => ({ page: String(page), per_page: '100' })));
    expect(pages.every((r) => r.headers['x-api-key'] === fake.apiKey)).toBe(true);
    expect(products).toHaveLength(fake.products.length);

    const uc = products.find((p) => p.sku === '91')!;
    expect(uc).toMatchObject({
      resellerId: 'gamexbulk',
      game: 'PUBG Mobile',
      category: 'UC Packages',
      name: 'PUBG Mobile 60 UC (Global)',
      region: 'Global',
      type: 'topup',
      denomination: { amount: '60', unit: 'UC' },
      inStock: true,
      stock: null,
      maxQuantity: 1,
      playerFields: [{ key: 'player_id', label: 'Player ID', required: true, pattern: '^\\S+$' }],
    });
    expect(uc.cost.equals(Money.of('0.88', 'USD'))).toBe(true);

    const steam = products.find((p) => p.sku === '55')!;
    expect(steam).toMatchObject({ game: null, category: 'Gift Cards', type: 'voucher', stock: 120, inStock: true, playerFields: [], denomination: { amount: '10', unit: 'USD' } });
    expect(products.find((p) => p.sku === '56')).toMatchObject({ inStock: false, stock: 0 });
    // `fields` given as bare names: player_id and server_id.
    expect(products.find((p) => p.sku === '93')!.playerFields.map((f) => [f.key, f.required])).toEqual([
      ['player_id', true],
      ['server', false],
    ]);
    // A top-up listing no fields still needs the player id.
    expect(products.find((p) => p.sku === '94')!.playerFields.map((f) => f.key)).toEqual(['player_id']);
  });

  it('fills a missing category name from /categories, once per catalog pass', async () => {
    const { fake, reseller } = await setup();
    const page = await reseller.listCatalog();
    expect(page.products.find((p) => p.sku === '57')?.category).toBe('Gift Cards');
    await reseller.listCatalog(page.next);
    expect(fake.calls('/categories', 'GET')).toHaveLength(1);
    expect(fake.calls('/games', 'GET')).toHaveLength(1);
  });

  it('stops after one page when the answer carries no page metadata', async () => {
    const { fake, reseller } = await setup();
    fake.productMeta = false;
    const page = await reseller.listCatalog();
    expect(page.products).toHaveLength(100);
    expect(page.next).toBeUndefined();
  });

  it('quotes from the product’s category once the catalog has been read', async () => {
    const { fake, reseller } = await setup();
    await reseller.listCatalog();
    const before = fake.requests.length;
    const quote = await reseller.quote('92', 1);
    expect(quote).toMatchObject({ kind: 'ok', quote: { sku: '92', type: 'topup', inStock: true } });
    expect(fake.requests.slice(before).map((r) => [r.path, r.query])).toEqual([
      ['/api/v1/products', { category_id: '10', page: '1', per_page: '100' }],
    ]);
  });

  it('refuses quantities the document forbids and stock that is not there', async () => {
    const { reseller } = await setup();
    expect(await reseller.quote('91', 2)).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
    expect(await reseller.quote('55', 121)).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
    expect(await reseller.quote('56', 1)).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
    expect(await reseller.quote('55', 2)).toMatchObject({ kind: 'ok' });
    expect(await reseller.quote('not-a-number', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
  });
});

describe('gamexbulk player check', () => {
  it('sends product_id, player_id and server_id and returns the nickname', async () => {
    const { fake, reseller } = await setup();
    const check = await reseller.validatePlayer('93', { player_id: ' 5123456789 ', zone: '2001' });
    expect(check).toEqual({ kind: 'valid', nickname: 'PlayerOne' });
    const [sent] = fake.calls('/validate-player', 'POST');
    expect(sent?.headers['x-api-key']).toBe(fake.apiKey);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({ product_id: 93, player_id: '5123456789', server_id: '2001' });
  });

  it('reports an unknown player (PLAYER_NOT_FOUND) and a missing id as invalid', async () => {
    const { fake, reseller } = await setup();
    expect(await reseller.validatePlayer('91', { player_id: '0000000000' })).toMatchObject({ kind: 'invalid', code: 'player_not_found' });
    expect(await reseller.validatePlayer('91', { server: '1' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(fake.calls('/validate-player')).toHaveLength(1);
  });

  it('says "not verifiable" for a product with validation_optional', async () => {
    const { reseller } = await setup();
    expect(await reseller.validatePlayer('94', { player_id: '700000001' })).toEqual({ kind: 'not_verifiable' });
  });

  it('does not ask about a voucher once the catalog shows it is one', async () => {
    const { fake, reseller } = await setup();
    await reseller.listCatalog();
    expect(await reseller.validatePlayer('55', {})).toEqual({ kind: 'not_verifiable' });
    expect(fake.calls('/validate-player')).toHaveLength(0);
  });
});

describe('gamexbulk orders', () => {
  it('creates a top-up with X-Idempotency-Key = our reference, callback_url and callback_mode=events', async () => {
    const { fake, reseller } = await setup();
    const result = await reseller.placeOrder(order({ sku: '93', player: { player_id: '5123456789', server: '2001' }, expectedCost: Money.of('1.45', 'USD') }));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: '8821' } });
    const [sent] = fake.calls('/orders', 'POST');
    expect(sent?.path).toBe('/api/v1/orders');
    expect(sent?.headers['x-api-key']).toBe(fake.apiKey);
    expect(sent?.headers['x-idempotency-key']).toBe('K7F3-92QX');
    expect(sent?.body).toEqual({ product_id: 93, qty: 1, player_id: '5123456789', server_id: '2001', callback_url: CALLBACK, callback_mode: 'events' });
  });

  it('orders vouchers by qty without player fields, and sends no callback fields without a callback URL', async () => {
    const { fake, reseller } = await setup({ callbackUrl: undefined });
    const result = await reseller.placeOrder(order({ sku: '55', quantity: 2, player: {}, expectedCost: Money.of('9.99', 'USD') }));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'pending' } });
    expect(fake.calls('/orders', 'POST')[0]?.body).toEqual({ product_id: 55, qty: 2 });
  });

  it('retries a timed-out create with the same key and gets the one order back', async () => {
    const { fake, reseller } = await setup();
    fake.createDelaysMs.push(700);
    const result = await reseller.placeOrder(order());
    expect(result).toMatchObject({ kind: 'accepted', state: { resellerOrderId: '8821' } });
    const sent = fake.calls('/orders', 'POST');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent.map((r) => r.headers['x-idempotency-key']))).toEqual(new Set(['K7F3-92QX']));
    expect(new Set(sent.map((r) => r.rawBody)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.ordersFor('K7F3-92QX')).toBe(1);
  });

  it('answers "unknown" when every attempt times out', async () => {
    const { fake, reseller } = await setup({ retries: 1 });
    fake.createDelaysMs.push(600, 600);
    const result = await reseller.placeOrder(order());
    expect(result.kind).toBe('unknown');
    await new Promise((r) => setTimeout(r, 700));
    expect(fake.ordersFor('K7F3-92QX')).toBe(1);
    expect(await reseller.getOrder({ reference: 'K7F3-92QX' })).toMatchObject({ status: 'completed', resellerOrderId: '8821' });
  });

  it('treats a key reused with another payload (IDEMPOTENCY_CONFLICT) as unknown, never as a rejection', async () => {
    const { reseller } = await setup();
    await reseller.placeOrder(order());
    const again = await reseller.placeOrder(order({ player: { player_id: '5123456780' } }));
    expect(again).toMatchObject({ kind: 'unknown', detail: expect.stringContaining('IDEMPOTENCY_CONFLICT') });
  });

  it('rejects a price rise with the new cost, before sending any order', async () => {
    const { fake, reseller } = await setup();
    fake.product(91).price = '0.9900';
    const result = await reseller.placeOrder(order());
    expect(result).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    expect(result.kind === 'rejected' && result.newCost?.equals(Money.of('0.99', 'USD'))).toBe(true);
    expect(fake.calls('/orders', 'POST')).toHaveLength(0);
    // Cheaper than quoted is fine: GamexBulk charges its current price.
    fake.product(91).price = '0.8000';
    expect(await reseller.placeOrder(order())).toMatchObject({ kind: 'accepted' });
  });

  it('returns the order already placed under a reference instead of a later refusal', async () => {
    const { fake, reseller } = await setup();
    const first = await reseller.placeOrder(order());
    fake.product(91).price = '0.9900';
    const again = await reseller.placeOrder(order());
    expect(first).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: '8821' } });
    expect(again).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: '8821' } });
    expect(fake.calls('/orders', 'POST')).toHaveLength(1);
    expect(fake.calls('/orders', 'GET')[0]?.query).toEqual({ page: '1', per_page: '100' });
  });

  it('maps balance too low and sold out at order time', async () => {
    const { fake, reseller } = await setup();
    fake.balanceTooLow = true;
    expect(await reseller.placeOrder(order({ reference: 'A' }))).toMatchObject({ kind: 'rejected', code: 'reseller_balance_low', detail: expect.stringContaining('INSUFFICIENT_BALANCE') });
    fake.balanceTooLow = false;
    fake.soldOutAtOrder.add(91);
    expect(await reseller.placeOrder(order({ reference: 'B' }))).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
  });

  it('sends nothing and answers "unknown" when the live check cannot be read', async () => {
    const { fake, reseller } = await setup({ retries: 0 });
    fake.setFault('server_error');
    const result = await reseller.placeOrder(order());
    expect(result).toMatchObject({ kind: 'unknown', detail: expect.stringContaining('no order sent') });
    expect(fake.calls('/orders', 'POST')).toHaveLength(0);
  });
});

describe('gamexbulk order status', () => {
  it('reads GET /order/{id} with the delivery codes as items and as the stored delivery code', async () => {
    const { fake, reseller } = await setup();
    await reseller.placeOrder(order({ sku: '55', quantity: 2, player: {}, expectedCost: Money.of('9.99', 'USD') }));
    await fake.finishOrder('K7F3-92QX', 'success');
    const state = await reseller.getOrder({ reference: 'K7F3-92QX', resellerOrderId: '8821' });
    expect(fake.calls('/order/8821', 'GET')).toHaveLength(1);
    expect(state).toMatchObject({ status: 'completed', resellerOrderId: '8821', items: [{ code: 'GXB-8821-1' }, { code: 'GXB-8821-2' }], deliveryCode: 'GXB-8821-1\nGXB-8821-2' });
    expect(state.cost?.equals(Money.of('19.98', 'USD'))).toBe(true);
  });

  it('finds an order by our reference in the recent list (client_order_id)', async () => {
    const { fake, reseller } = await setup();
    await reseller.placeOrder(order({ sku: '92', expectedCost: Money.of('4.40', 'USD') }));
    await reseller.placeOrder(order({ reference: 'OTHER-0001', sku: '91' }));
    expect(await reseller.getOrder({ reference: 'K7F3-92QX' })).toMatchObject({ status: 'pending', resellerOrderId: '8821' });
    expect(fake.calls('/orders', 'GET')).toHaveLength(1);
    expect(await reseller.getOrder({ reference: 'NEVER-0000' })).toEqual({ status: 'not_found' });
    expect(await reseller.getOrder({ reference: 'K7F3-92QX', resellerOrderId: '99999' })).toEqual({ status: 'not_found' });
  });

  it('shows CANCELED as a terminal failure', async () => {
    const { fake, reseller } = await setup();
    await reseller.placeOrder(order({ sku: '92', expectedCost: Money.of('4.40', 'USD') }));
    await fake.finishOrder('K7F3-92QX', 'failed');
    expect(await reseller.getOrder({ reference: 'K7F3-92QX', resellerOrderId: '8821' })).toMatchObject({ status: 'failed', failureDetail: expect.stringContaining('CANCELED') });
  });

  it('accepts the document’s order view without delivery: completed, no items', async () => {
    const { fake, reseller } = await setup();
    fake.deliveryInOrderView = false;
    await reseller.placeOrder(order({ sku: '55', player: {}, expectedCost: Money.of('9.99', 'USD') }));
    await fake.finishOrder('K7F3-92QX', 'success');
    const state = await reseller.getOrder({ reference: 'K7F3-92QX' });
    expect(state.status).toBe('completed');
    expect(state.items).toBeUndefined();
  });

  it('listOrders follows page metadata to the last page, or reads one page without it', async () => {
    const { fake, reseller } = await setup();
    for (let i = 0; i < 105; i++) {
      await reseller.placeOrder(order({ reference: `R-${i}`, sku: '2000', player: {}, expectedCost: Money.of('1', 'USD') }));
    }
    fake.recentLimit = 50;
    expect(await reseller.listOrders()).toHaveLength(50);
    fake.pagedOrderList = true;
    const before = fake.calls('/orders', 'GET').length;
    const all = await reseller.listOrders();
    expect(all).toHaveLength(105);
    expect(all[0]).toMatchObject({ reference: 'R-104', state: { status: 'completed' } });
    expect(fake.calls('/orders', 'GET').slice(before).map((r) => r.query.page)).toEqual(['1', '2']);
    expect(await reseller.getOrder({ reference: 'R-0' })).toMatchObject({ status: 'completed' });
  });
});

describe('gamexbulk account and health', () => {
  it('reads the balance fresh from /getMe as money in the account currency', async () => {
    const { fake, reseller } = await setup();
    expect((await reseller.balance()).equals(Money.of('1250.5', 'USD'))).toBe(true);
    fake.balance = fake.balance.minus('0.5');
    expect((await reseller.balance()).toString()).toBe('1250.00 USD');
    expect(fake.calls('/getMe', 'GET')).toHaveLength(2);
  });

  it('refuses a wrong API key as an auth error without echoing the key', async () => {
    const { fake } = await setup();
    const wrong = createGamexBulkReseller({ baseUrl: `${fake.server.url}/api/v1`, apiKey: 'wrong-key-123', retries: 0 });
    cleanups.push(() => wrong.close());
    const error = await wrong.balance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResellerError);
    expect((error as ResellerError).kind).toBe('auth');
    expect((error as ResellerError).message).not.toContain('wrong-key-123');
  });

  it('opens the circuit after repeated failures and tells the observer once', async () => {
    const onHealthChange = vi.fn();
    const { fake, reseller } = await setup({ retries: 0, breakerThreshold: 3, breakerOpenMs: 60_000, observer: { onHealthChange } });
    await reseller.balance();
    fake.setFault('server_error');
    const kinds: string[] = [];
    for (let i = 0; i < 6; i++) kinds.push(await reseller.quote('91', 1).then(() => 'ok', (e: ResellerError) => e.kind));
    expect(kinds).toEqual(['unavailable', 'unavailable', 'unavailable', 'circuit_open', 'circuit_open', 'circuit_open']);
    expect(fake.calls('/products')).toHaveLength(3);
    expect(onHealthChange).toHaveBeenCalledTimes(1);
    expect(onHealthChange).toHaveBeenCalledWith(expect.objectContaining({ upstream: 'gamexbulk', healthy: false }));
    expect(reseller.isHealthy).toBe(false);
  });
});
