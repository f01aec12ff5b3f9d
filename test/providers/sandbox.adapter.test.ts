import { describe, expect, it } from 'vitest';
import { parseDenomination } from '../../src/core/catalog/denomination.js';
import type { ResellerProduct } from '../../src/core/catalog/types.js';
import { Money } from '../../src/core/money.js';
import { ResellerError, type PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import { createSandboxReseller, type SandboxResellerOptions } from '../../src/providers/sandbox/sandbox.adapter.js';

const usd = (amount: string) => Money.of(amount, 'USD');
const PUBG_60 = 'sbx-pubgm-60';
const CODE = /^DEMO-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** A sandbox on a clock the test moves by hand. */
function sandboxAt(options: SandboxResellerOptions = {}) {
  let time = 1_700_000_000_000;
  const sandbox = createSandboxReseller({ now: () => time, pendingMs: 50, ...options });
  return { sandbox, tick: (ms: number) => (time += ms) };
}

let sequence = 0;
function order(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return { reference: `SB${++sequence}-TEST`, sku: PUBG_60, quantity: 1, player: { player_id: '12345678' }, expectedCost: usd('0.88'), ...overrides };
}

async function wholeCatalog(sandbox: ReturnType<typeof createSandboxReseller>): Promise<{ products: ResellerProduct[]; pages: number }> {
  const products: ResellerProduct[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await sandbox.listCatalog(cursor);
    products.push(...page.products);
    cursor = page.next;
    pages++;
  } while (cursor);
  return { products, pages };
}

describe('sandbox reseller: catalog', () => {
  it('introduces itself as the polled demo reseller', () => {
    const { sandbox } = sandboxAt();
    expect(sandbox.id).toBe('sandbox');
    expect(sandbox.displayName).toBe('Sandbox (demo)');
    expect(sandbox.capabilities).toEqual({
      webhooks: false,
      playerCheck: true,
      quantityOrders: true,
      balance: true,
      statusByReference: true,
      idempotentOrders: true,
    });
  });

  it('lists about thirty products on two pages of 20, or more pages when they are smaller', async () => {
    const { products, pages } = await wholeCatalog(sandboxAt().sandbox);
    expect(pages).toBe(2);
    expect(products).toHaveLength(31);
    expect(new Set(products.map((p) => p.sku)).size).toBe(31);
    const small = await wholeCatalog(sandboxAt({ pageSize: 10 }).sandbox);
    expect(small.pages).toBe(4);
    expect(small.products.map((p) => p.sku)).toEqual(products.map((p) => p.sku));
  });

  it('prices every product exactly in USD, with its denomination read the way the core reads names', async () => {
    const { products } = await wholeCatalog(sandboxAt().sandbox);
    for (const product of products) {
      expect(product.resellerId).toBe('sandbox');
      expect(product.cost.currency).toBe('USD');
      expect(product.cost.isPositive()).toBe(true);
      expect(product.maxQuantity).toBe(10);
      if (product.denomination) expect(parseDenomination(product.name), product.name).toEqual(product.denomination);
    }
    const bySku = new Map(products.map((p) => [p.sku, p]));
    expect(bySku.get('sbx-pubgm-60')).toMatchObject({ game: 'PUBG Mobile', name: 'PUBG Mobile 60 UC', denomination: { amount: '60', unit: 'UC' }, region: 'Global', type: 'topup' });
    expect(bySku.get('sbx-pubgm-60')?.cost.equals(usd('0.88'))).toBe(true);
    expect(bySku.get('sbx-pubgm-1800')?.cost.equals(usd('22.00'))).toBe(true);
    expect(bySku.get('sbx-mlbb-257')?.denomination).toEqual({ amount: '257', unit: 'DIAMONDS' });
    expect(bySku.get('sbx-freefire-520')?.denomination).toEqual({ amount: '520', unit: 'DIAMONDS' });
    expect(bySku.get('sbx-genshin-980')?.denomination).toEqual({ amount: '980', unit: 'GENESIS CRYSTALS' });
    for (const sku of ['sbx-steam-5usd', 'sbx-steam-10usd', 'sbx-steam-20usd', 'sbx-googleplay-10usd', 'sbx-razergold-10usd']) {
      expect(bySku.get(sku), sku).toMatchObject({ game: null, type: 'voucher', playerFields: [], denomination: { unit: 'USD' } });
    }
    expect(products.map((p) => p.name)).toEqual(expect.arrayContaining(['Out Of Stock demo', 'Price Change demo', 'Delayed Delivery demo']));
  });

  it('asks for the player fields each game needs', async () => {
    const { products } = await wholeCatalog(sandboxAt().sandbox);
    const fields = (sku: string) => products.find((p) => p.sku === sku)?.playerFields;
    expect(fields('sbx-pubgm-60')).toEqual([expect.objectContaining({ key: 'player_id', required: true, pattern: '^[0-9]+$', minLength: 5, maxLength: 12 })]);
    expect(fields('sbx-mlbb-86')).toEqual([
      expect.objectContaining({ key: 'player_id', required: true }),
      expect.objectContaining({ key: 'zone', required: true, pattern: '^[0-9]+$', minLength: 4, maxLength: 5 }),
    ]);
    expect(fields('sbx-genshin-60')?.[0]).toMatchObject({ key: 'player_id', minLength: 9, maxLength: 10 });
    expect(fields('sbx-genshin-60')?.[1]?.options?.map((o) => o.label)).toEqual(['America', 'Europe', 'Asia', 'TW, HK, MO']);
  });

  it('hands out copies, so a caller cannot change the catalog', async () => {
    const { sandbox } = sandboxAt();
    const first = await sandbox.listCatalog();
    first.products[0]!.playerFields[0]!.maxLength = 1;
    const again = await sandbox.listCatalog();
    expect(again.products[0]!.playerFields[0]!.maxLength).toBe(12);
  });

  it('refuses a cursor it never gave out with a typed error', async () => {
    const { sandbox } = sandboxAt();
    for (const cursor of ['abc', '999', '-1']) {
      await expect(sandbox.listCatalog(cursor)).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'bad_response');
    }
  });
});

describe('sandbox reseller: normal orders', () => {
  it('completes a top-up at once and charges cost × quantity to the balance', async () => {
    const { sandbox } = sandboxAt();
    const result = await sandbox.placeOrder(order({ quantity: 3 }));
    expect(result).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: 'SBX-1' } });
    if (result.kind === 'accepted') {
      expect(result.state.cost?.equals(usd('2.64'))).toBe(true);
      expect(result.state.items).toBeUndefined();
    }
    expect((await sandbox.balance()).equals(usd('997.36'))).toBe(true);
  });

  it('delivers one voucher code per unit, derived from the reference', async () => {
    const { sandbox } = sandboxAt();
    const req = order({ sku: 'sbx-steam-10usd', expectedCost: usd('10.15'), player: {}, quantity: 2 });
    const result = await sandbox.placeOrder(req);
    const items = result.kind === 'accepted' ? (result.state.items ?? []) : [];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.code).toMatch(CODE);
      expect(item.pin).toBeUndefined();
      expect(item.label).toBe('Steam Wallet 10 USD');
    }
    expect(items[0]!.code).not.toBe(items[1]!.code);
    // Another sandbox, the same reference: the same codes (demo codes are a function of the reference).
    const again = await sandboxAt().sandbox.placeOrder(req);
    expect(again.kind === 'accepted' && again.state.items).toEqual(items);
    const other = await sandboxAt().sandbox.placeOrder({ ...req, reference: `${req.reference}-X` });
    expect(other.kind === 'accepted' && other.state.items?.[0]?.code).not.toBe(items[0]!.code);
  });

  it('adds a PIN and a serial to Razer Gold codes', async () => {
    const { sandbox } = sandboxAt();
    const result = await sandbox.placeOrder(order({ sku: 'sbx-razergold-10usd', expectedCost: usd('10.05'), player: {} }));
    const item = result.kind === 'accepted' ? result.state.items?.[0] : undefined;
    expect(item?.code).toMatch(CODE);
    expect(item?.pin).toMatch(/^\d{8}$/);
    expect(item?.serial).toMatch(/^SN\d{10}$/);
  });

  it('names a valid player deterministically, and PlayerOne for 12345678', async () => {
    const { sandbox } = sandboxAt();
    expect(await sandbox.validatePlayer(PUBG_60, { player_id: '12345678' })).toEqual({ kind: 'valid', nickname: 'PlayerOne' });
    expect(await sandbox.validatePlayer(PUBG_60, { player_id: '5556789' })).toEqual({ kind: 'valid', nickname: 'Player6789' });
    expect(await sandbox.validatePlayer('sbx-mlbb-86', { player_id: '87654321', zone: '2001' })).toEqual({ kind: 'valid', nickname: 'Player4321' });
    expect(await sandbox.validatePlayer('sbx-genshin-60', { player_id: '812345678', server: 'os_euro' })).toEqual({ kind: 'valid', nickname: 'Player5678' });
    expect(await sandbox.validatePlayer('sbx-steam-5usd', {})).toEqual({ kind: 'valid', nickname: null });
  });

  it('checks the product rules for player fields before anything else', async () => {
    const { sandbox } = sandboxAt();
    const broken: Array<[string, Record<string, string>]> = [
      [PUBG_60, { player_id: '12ab5678' }],
      [PUBG_60, { player_id: '1234' }],
      [PUBG_60, { player_id: '1234567890123' }],
      [PUBG_60, {}],
      ['sbx-mlbb-86', { player_id: '87654321' }],
      ['sbx-mlbb-86', { player_id: '87654321', zone: '201' }],
      ['sbx-genshin-60', { player_id: '812345678', server: 'mars' }],
      ['sbx-genshin-60', { player_id: '81234567', server: 'os_asia' }],
    ];
    for (const [sku, player] of broken) {
      expect(await sandbox.validatePlayer(sku, player), JSON.stringify(player)).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
      const cost = sku === PUBG_60 ? usd('0.88') : sku === 'sbx-mlbb-86' ? usd('1.45') : usd('0.85');
      expect(await sandbox.placeOrder(order({ sku, player, expectedCost: cost }))).toMatchObject({ kind: 'rejected', code: 'player_fields_invalid' });
    }
    expect(sandbox.placedOrders()).toHaveLength(0);
  });

  it('rejects an unknown product on quote and order', async () => {
    const { sandbox } = sandboxAt();
    expect(await sandbox.quote('sbx-nothing', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    expect(await sandbox.placeOrder(order({ sku: 'sbx-nothing' }))).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
  });

  it('allows 1 to 10 units and refuses any other quantity', async () => {
    const { sandbox } = sandboxAt();
    for (const quantity of [0, 11, 1.5, -1]) {
      expect(await sandbox.quote(PUBG_60, quantity), String(quantity)).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
      expect(await sandbox.placeOrder(order({ quantity })), String(quantity)).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
    }
    expect(await sandbox.quote(PUBG_60, 10)).toMatchObject({ kind: 'ok' });
    expect(await sandbox.placeOrder(order({ quantity: 10 }))).toMatchObject({ kind: 'accepted' });
  });

  it('refuses an order the sandbox balance cannot pay, and charges nothing', async () => {
    const { sandbox } = sandboxAt({ startingBalance: usd('5.00') });
    expect(await sandbox.placeOrder(order({ quantity: 5 }))).toMatchObject({ kind: 'accepted' }); // 4.40
    expect(await sandbox.placeOrder(order({ quantity: 1 }))).toMatchObject({ kind: 'rejected', code: 'reseller_balance_low' });
    expect((await sandbox.balance()).equals(usd('0.60'))).toBe(true);
  });

  it('does not support webhooks', async () => {
    const { sandbox } = sandboxAt();
    expect(await sandbox.parseWebhook({ headers: {}, rawBody: Buffer.from('{}'), params: {}, query: {}, ip: '127.0.0.1' })).toEqual({ kind: 'not_supported' });
  });
});

describe('sandbox reseller: orders by reference', () => {
  it('returns the first order when the same reference is placed again, and charges once', async () => {
    const { sandbox } = sandboxAt();
    const req = order();
    const first = await sandbox.placeOrder(req);
    const second = await sandbox.placeOrder(req);
    expect(second).toEqual(first);
    expect(sandbox.ordersFor(req.reference)).toBe(1);
    expect(sandbox.placedOrders()).toHaveLength(1);
    expect((await sandbox.balance()).equals(usd('999.12'))).toBe(true);
  });

  it('finds an order by our reference or by its SBX id, and says not_found otherwise', async () => {
    const { sandbox } = sandboxAt();
    const req = order();
    await sandbox.placeOrder(req);
    expect(await sandbox.getOrder({ reference: req.reference })).toMatchObject({ status: 'completed', resellerOrderId: 'SBX-1' });
    expect(await sandbox.getOrder({ reference: 'whatever', resellerOrderId: 'SBX-1' })).toMatchObject({ status: 'completed', resellerOrderId: 'SBX-1' });
    expect(await sandbox.getOrder({ reference: 'NOPE-0000' })).toEqual({ status: 'not_found' });
    expect(await sandbox.getOrder({ reference: req.reference, resellerOrderId: 'SBX-99' })).toEqual({ status: 'not_found' });
  });

  it('forgets every order and restores the balance on reset', async () => {
    const { sandbox } = sandboxAt();
    const req = order();
    await sandbox.placeOrder(req);
    sandbox.reset();
    expect(sandbox.placedOrders()).toEqual([]);
    expect(sandbox.calls).toEqual([]);
    expect((await sandbox.balance()).equals(usd('1000'))).toBe(true);
    expect(await sandbox.getOrder({ reference: req.reference })).toEqual({ status: 'not_found' });
  });
});

describe('sandbox reseller: scripted behaviours', () => {
  it('keeps a 1111… player processing until pendingMs after placing, then completes it', async () => {
    const { sandbox, tick } = sandboxAt({ pendingMs: 3_000 });
    const req = order({ player: { player_id: '11112222' } });
    const placed = await sandbox.placeOrder(req);
    expect(placed).toMatchObject({ kind: 'accepted', state: { status: 'processing' } });
    tick(2_999);
    expect(await sandbox.getOrder({ reference: req.reference })).toMatchObject({ status: 'processing' });
    tick(1);
    expect(await sandbox.getOrder({ reference: req.reference })).toMatchObject({ status: 'completed' });
    expect(await sandbox.getOrder({ reference: req.reference, resellerOrderId: 'SBX-1' })).toMatchObject({ status: 'completed' });
  });

  it('delivers the Delayed Delivery demo codes only once it completes', async () => {
    const { sandbox, tick } = sandboxAt();
    const req = order({ sku: 'sbx-demo-delayed', expectedCost: usd('3.00'), player: {} });
    expect(await sandbox.placeOrder(req)).toMatchObject({ kind: 'accepted', state: { status: 'processing' } });
    expect((await sandbox.getOrder({ reference: req.reference })).items).toBeUndefined();
    tick(50);
    const done = await sandbox.getOrder({ reference: req.reference });
    expect(done.status).toBe('completed');
    expect(done.items?.[0]?.code).toMatch(CODE);
  });

  it('says player_not_found for a 404… player, on validation and on order', async () => {
    const { sandbox } = sandboxAt();
    expect(await sandbox.validatePlayer(PUBG_60, { player_id: '40412345' })).toMatchObject({ kind: 'invalid', code: 'player_not_found' });
    expect(await sandbox.placeOrder(order({ player: { player_id: '40412345' } }))).toMatchObject({ kind: 'rejected', code: 'player_not_found' });
    expect(sandbox.placedOrders()).toHaveLength(0);
    expect((await sandbox.balance()).equals(usd('1000'))).toBe(true);
  });

  it('quotes the Out Of Stock demo as out of stock and refuses to sell it', async () => {
    const { sandbox } = sandboxAt();
    const quote = await sandbox.quote('sbx-demo-out-of-stock', 1);
    expect(quote).toMatchObject({ kind: 'ok', quote: { inStock: false, stock: 0 } });
    expect(await sandbox.placeOrder(order({ sku: 'sbx-demo-out-of-stock', expectedCost: usd('1.00'), player: {} }))).toMatchObject({
      kind: 'rejected',
      code: 'out_of_stock',
    });
    expect(await sandbox.quote(PUBG_60, 1)).toMatchObject({ kind: 'ok', quote: { inStock: true } });
  });

  it('refuses a 5000… player as out of stock', async () => {
    const { sandbox } = sandboxAt();
    expect(await sandbox.placeOrder(order({ player: { player_id: '50001234' } }))).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
  });

  it('raises the price by 10 % for a 7777… player: the old cost is refused with the new one, the new one is accepted', async () => {
    const { sandbox } = sandboxAt();
    const req = order({ player: { player_id: '77771234' } });
    const refused = await sandbox.placeOrder(req);
    expect(refused).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    const newCost = refused.kind === 'rejected' ? refused.newCost : undefined;
    expect(newCost?.equals(usd('0.97'))).toBe(true); // 0.88 × 1.1 = 0.968, rounded half up
    expect(await sandbox.placeOrder({ ...req, expectedCost: newCost! })).toMatchObject({ kind: 'accepted', state: { status: 'completed' } });
    expect((await sandbox.balance()).equals(usd('999.03'))).toBe(true);
  });

  it('quotes the Price Change demo 10 % above its catalog cost', async () => {
    const { sandbox } = sandboxAt();
    const listed = (await wholeCatalog(sandbox)).products.find((p) => p.sku === 'sbx-demo-price-change');
    expect(listed?.cost.equals(usd('2.00'))).toBe(true);
    const quote = await sandbox.quote('sbx-demo-price-change', 1);
    expect(quote.kind === 'ok' && quote.quote.cost.equals(usd('2.20'))).toBe(true);
    const req = order({ sku: 'sbx-demo-price-change', expectedCost: usd('2.00'), player: {} });
    const refused = await sandbox.placeOrder(req);
    expect(refused.kind === 'rejected' && refused.code === 'price_changed' && refused.newCost?.equals(usd('2.20'))).toBe(true);
    expect(await sandbox.placeOrder({ ...req, expectedCost: usd('2.20') })).toMatchObject({ kind: 'accepted' });
  });

  it('accepts and charges a 9999… order, then reports it failed and refunds the sandbox balance', async () => {
    const { sandbox } = sandboxAt();
    const req = order({ player: { player_id: '99991234' }, quantity: 2 });
    expect(await sandbox.placeOrder(req)).toMatchObject({ kind: 'accepted', state: { status: 'processing' } });
    expect((await sandbox.balance()).equals(usd('998.24'))).toBe(true);
    const failed = await sandbox.getOrder({ reference: req.reference });
    expect(failed.status).toBe('failed');
    expect(failed.failureDetail).toMatch(/refused/);
    expect(failed.rejectedBeforeCharge).toBeUndefined();
    expect((await sandbox.balance()).equals(usd('1000'))).toBe(true);
    expect(await sandbox.getOrder({ reference: req.reference })).toMatchObject({ status: 'failed' });
    expect((await sandbox.balance()).equals(usd('1000'))).toBe(true);
  });

  it('answers unknown for a 3333… player although it placed the order, which a lookup then finds completed', async () => {
    const { sandbox } = sandboxAt();
    const req = order({ player: { player_id: '33331234' } });
    expect(await sandbox.placeOrder(req)).toMatchObject({ kind: 'unknown' });
    expect(sandbox.ordersFor(req.reference)).toBe(1);
    expect(await sandbox.getOrder({ reference: req.reference })).toMatchObject({ status: 'completed', resellerOrderId: 'SBX-1' });
    // Retrying with the same reference finds the order instead of placing another.
    expect(await sandbox.placeOrder(req)).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: 'SBX-1' } });
    expect(sandbox.ordersFor(req.reference)).toBe(1);
    expect((await sandbox.balance()).equals(usd('999.12'))).toBe(true);
  });
});

describe('sandbox reseller: test handles', () => {
  it('records every call with its operation, arguments and the x-sandbox marker', async () => {
    const { sandbox } = sandboxAt();
    const req = order();
    await sandbox.quote(PUBG_60, 1);
    await sandbox.placeOrder(req);
    expect(sandbox.calls.map((c) => [c.method, c.path])).toEqual([
      ['read', 'quote'],
      ['write', 'placeOrder'],
    ]);
    expect(sandbox.calls.every((c) => c.headers['x-sandbox'] === 'demo')).toBe(true);
    expect(sandbox.calls[1]?.body).toMatchObject({ reference: req.reference, sku: PUBG_60, expectedCost: { amount: '0.88', currency: 'USD' } });
  });

  it('retries reads a bounded number of times under a fault, then throws the matching error', async () => {
    const { sandbox } = sandboxAt({ readAttempts: 4 });
    sandbox.setFault('server_error');
    await expect(sandbox.balance()).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'unavailable');
    expect(sandbox.calls).toHaveLength(4);
    sandbox.setFault('slow');
    await expect(sandbox.getOrder({ reference: 'X' })).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'timeout');
    sandbox.setFault('malformed_json');
    const before = sandbox.calls.length;
    await expect(sandbox.listCatalog()).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'bad_response');
    expect(sandbox.calls.length - before).toBe(1);
    sandbox.setFault('none');
    expect(await sandbox.quote(PUBG_60, 1)).toMatchObject({ kind: 'ok' });
  });

  it('answers unknown to an order under a fault: nothing placed on a 5xx, placed but unanswered on a timeout', async () => {
    const { sandbox } = sandboxAt();
    sandbox.setFault('server_error');
    const lost = order();
    expect(await sandbox.placeOrder(lost)).toMatchObject({ kind: 'unknown' });
    sandbox.setFault('slow');
    const slow = order();
    expect(await sandbox.placeOrder(slow)).toMatchObject({ kind: 'unknown' });
    sandbox.setFault('none');
    expect(await sandbox.getOrder({ reference: lost.reference })).toEqual({ status: 'not_found' });
    expect(await sandbox.getOrder({ reference: slow.reference })).toMatchObject({ status: 'completed' });
  });

  it('settles a processing order when a test says so', async () => {
    const { sandbox } = sandboxAt({ pendingMs: 60_000 });
    const ok = order({ player: { player_id: '11110001' } });
    const ko = order({ player: { player_id: '11110002' } });
    await sandbox.placeOrder(ok);
    await sandbox.placeOrder(ko);
    sandbox.settle(ok.reference, 'completed');
    sandbox.settle(ko.reference, 'failed');
    expect(await sandbox.getOrder({ reference: ok.reference })).toMatchObject({ status: 'completed' });
    expect(await sandbox.getOrder({ reference: ko.reference })).toMatchObject({ status: 'failed' });
    expect((await sandbox.balance()).equals(usd('999.12'))).toBe(true);
  });

  it('refuses options that make no sense', () => {
    expect(() => createSandboxReseller({ pageSize: 0 })).toThrow(RangeError);
    expect(() => createSandboxReseller({ readAttempts: 0 })).toThrow(RangeError);
    expect(() => createSandboxReseller({ pendingMs: -1 })).toThrow(RangeError);
    expect(() => createSandboxReseller({ startingBalance: Money.of('10', 'EUR') })).toThrow(RangeError);
  });
});
