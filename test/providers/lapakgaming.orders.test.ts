import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import { ML_PLAYER, startLapakgaming } from '../fakes/lapakgaming.fake.js';

type Started = Awaited<ReturnType<typeof startLapakgaming>>;
let running: Started | undefined;
async function start(options: Parameters<typeof startLapakgaming>[0] = {}): Promise<Started> {
  running = await startLapakgaming(options);
  await running.reseller.listCatalog();
  running.fake.requests.length = 0;
  return running;
}
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const idr = (amount: string) => Money.of(amount, 'IDR');
let sequence = 0;
const order = (extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  reference: `K7F3-${(++sequence).toString().padStart(4, '0')}`,
  sku: 'ML78_8-S2',
  quantity: 1,
  player: ML_PLAYER,
  expectedCost: idr('20500'),
  ...extra,
});

describe('lapakgaming orders', () => {
  it('creates an order with our reference, the exact price and the callback URL', async () => {
    const { fake, reseller, callbackToken } = await start();
    const req = order();
    const result = await reseller.placeOrder(req);
    const sent = fake.server.calls('/api/order', 'POST');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent[0]?.headers['content-type']).toBe('application/json');
    expect(sent[0]?.body).toEqual({
      product_code: 'ML78_8-S2',
      count_order: 1,
      price: 20500,
      partner_reference_id: req.reference,
      user_id: '12345678',
      additional_id: '1234',
      override_callback_url: `https://shop.example/webhooks/lapakgaming/${callbackToken}`,
    });
    const tid = fake.order(req.reference)?.tid;
    expect(result).toEqual({ kind: 'accepted', state: { status: 'processing', resellerOrderId: tid, cost: idr('20500') } });
  });

  it('orders several units with count_order and reports the total price', async () => {
    const { fake, reseller } = await start();
    const result = await reseller.placeOrder(order({ quantity: 3, callbackUrl: 'https://other.example/cb?token=x' }));
    expect(fake.server.calls('/api/order')[0]?.body).toMatchObject({ count_order: 3, price: 20500, override_callback_url: 'https://other.example/cb?token=x' });
    expect(result.kind === 'accepted' && result.state.cost?.toString()).toBe('61500 IDR');
  });

  it('sends the buyer IP for a Hoyoverse game, and only there', async () => {
    const { fake, reseller } = await start();
    const genshin = order({ sku: 'GI60-S1', player: { player_id: '800123456', server: 'os_asia' }, expectedCost: idr('14000'), endUserIp: '203.0.113.7' });
    expect(await reseller.placeOrder(genshin)).toMatchObject({ kind: 'accepted' });
    expect(fake.server.calls('/api/order')[0]?.body).toMatchObject({ product_code: 'GI60-S1', user_id: '800123456', additional_id: 'os_asia', end_user_ip_address: '203.0.113.7' });
    await reseller.placeOrder(order({ endUserIp: '203.0.113.7' }));
    expect(fake.server.calls('/api/order')[1]?.body).not.toHaveProperty('end_user_ip_address');
  });

  it('sends the player values cleaned by the local rules: trimmed, and a server picked by its label', async () => {
    const { fake, reseller } = await start();
    const genshin = order({ sku: 'GI60-S1', player: { player_id: ' 800123456 ', server: 'Asia' }, expectedCost: idr('14000'), endUserIp: '203.0.113.7' });
    expect(await reseller.placeOrder(genshin)).toMatchObject({ kind: 'accepted' });
    expect(fake.server.calls('/api/order')[0]?.body).toMatchObject({ user_id: '800123456', additional_id: 'os_asia' });
  });

  it('refuses a Hoyoverse order without the buyer IP before sending it', async () => {
    const { fake, reseller } = await start();
    const result = await reseller.placeOrder(order({ sku: 'GI60-S1', player: { player_id: '800123456', server: 'os_asia' }, expectedCost: idr('14000') }));
    expect(result).toMatchObject({ kind: 'rejected', code: 'reseller_rejected', detail: expect.stringContaining('end_user_ip_address') });
    expect(fake.server.calls('/api/order')).toHaveLength(0);
  });

  it('adds categories that need the buyer IP from its options', async () => {
    const { fake, reseller } = await start({ endUserIpCategories: ['FF'] });
    const freeFire = { sku: 'FF70-S3', player: { player_id: '123456789' }, expectedCost: idr('9500') };
    expect(await reseller.placeOrder(order(freeFire))).toMatchObject({ kind: 'rejected', code: 'reseller_rejected' });
    expect(await reseller.placeOrder(order({ ...freeFire, endUserIp: '198.51.100.4' }))).toMatchObject({ kind: 'accepted' });
    expect(fake.server.calls('/api/order')[0]?.body).toMatchObject({ end_user_ip_address: '198.51.100.4' });
  });

  it('orders a group product by group_product and country_code for best-product routing', async () => {
    const { fake, reseller } = await start();
    const result = await reseller.placeOrder(order({ sku: 'ML_86', extra: { groupProduct: 'ML_86', categoryCode: 'ML' } }));
    expect(result).toMatchObject({ kind: 'accepted' });
    const body = fake.server.calls('/api/order')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ group_product: 'ML_86', country_code: 'id', price: 20500, count_order: 1 });
    expect(body).not.toHaveProperty('product_code');
  });

  it('refuses an expected cost that is not whole rupiah without sending it', async () => {
    const { fake, reseller } = await start();
    expect(await reseller.placeOrder(order({ expectedCost: Money.of('1.25', 'USD') }))).toMatchObject({ kind: 'rejected', code: 'reseller_rejected' });
    expect(await reseller.placeOrder(order({ expectedCost: idr('20500.5') }))).toMatchObject({ kind: 'rejected', code: 'reseller_rejected' });
    expect(fake.server.calls('/api/order')).toHaveLength(0);
  });

  it('answers a changed price with the new cost', async () => {
    const { fake, reseller } = await start();
    fake.products.find((p) => p.code === 'ML78_8-S2')!.price = 21000;
    const result = await reseller.placeOrder(order());
    expect(result).toMatchObject({ kind: 'rejected', code: 'price_changed' });
    expect(result.kind === 'rejected' && result.newCost?.toString()).toBe('21000 IDR');
  });

  it('looks an order up instead of placing another when Lapakgaming says TRANSACTION_EXIST', async () => {
    const { fake, reseller } = await start();
    const req = order();
    const first = await reseller.placeOrder(req);
    const again = await reseller.placeOrder(req);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/order', 'POST /api/order', 'GET /api/order_status']);
    expect(fake.requests[2]?.query).toEqual({ partner_reference_id: req.reference });
    expect(fake.ordersFor(req.reference)).toBe(1);
    expect(again).toMatchObject({ kind: 'accepted', state: { status: 'completed', resellerOrderId: first.kind === 'accepted' ? first.state.resellerOrderId : 'x' } });
  });

  it.each(['slow', 'server_error', 'malformed_json'] as const)('sends the order once and reports unknown on %s', async (fault) => {
    const { fake, reseller } = await start();
    const req = order();
    fake.setFault(fault);
    const result = await reseller.placeOrder(req);
    fake.setFault('none');
    expect(result.kind).toBe('unknown');
    expect(fake.server.calls('/api/order')).toHaveLength(1);
    if (fault === 'slow') await new Promise((r) => setTimeout(r, 700));
    // The order may exist after all: the lookup by reference is what settles it.
    const state = await reseller.getOrder({ reference: req.reference });
    // Only the slow answer reached the fake's order logic; the other faults answer before it.
    expect(state.status).toBe(fault === 'slow' ? 'completed' : 'not_found');
  });

  it('throws an auth error when the order is refused our credentials', async () => {
    const { fake, reseller } = await start();
    fake.apiKey = 'rotated';
    await expect(reseller.placeOrder(order())).rejects.toMatchObject({ name: 'ResellerError', kind: 'auth' });
  });
});

describe('lapakgaming order codes', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['PRICE_NOT_MATCH', { kind: 'rejected', code: 'price_changed' }],
    ['PRODUCT_NOT_FOUND', { kind: 'rejected', code: 'product_not_found' }],
    ['PRODUCT_EMPTY', { kind: 'rejected', code: 'out_of_stock' }],
    ['STOCK_NOT_FOUND', { kind: 'rejected', code: 'out_of_stock' }],
    ['PROVIDER_NOT_FOUND', { kind: 'rejected', code: 'provider_inactive' }],
    ['PROVIDER_INACTIVE', { kind: 'rejected', code: 'provider_inactive' }],
    ['INSUFFICIENT_BALANCE', { kind: 'rejected', code: 'reseller_balance_low' }],
    ['USER_ID_CONTAIN_SPACE', { kind: 'rejected', code: 'player_fields_invalid' }],
    ['USER_ID_EMPTY', { kind: 'rejected', code: 'player_fields_invalid' }],
    ['NOT_ALLOWED', { kind: 'rejected', code: 'reseller_rejected' }],
    ['TID_NOT_FOUND', { kind: 'unknown' }],
    ['SYSTEM_ERROR', { kind: 'unknown' }],
    ['UNKNOWN_ERROR', { kind: 'unknown' }],
    ['SOMETHING_NEW', { kind: 'unknown' }],
    // A repeat of a reference Lapakgaming cannot then find: only a lookup can settle it.
    ['TRANSACTION_EXIST', { kind: 'unknown', detail: expect.stringContaining('no order') }],
  ];
  for (const status of [200, 400] as const) {
    it(`maps every documented order code answered with HTTP ${status}`, async () => {
      const { fake, reseller } = await start();
      fake.errorStatus = status;
      for (const [code, expected] of cases) {
        fake.nextOrderCode = code;
        expect(await reseller.placeOrder(order()), code).toMatchObject(expected);
      }
      fake.nextOrderCode = 'UNAUTHORIZED';
      await expect(reseller.placeOrder(order())).rejects.toMatchObject({ kind: 'auth' });
    });
  }
});

describe('lapakgaming order status', () => {
  it('reads an order by tid or by our reference', async () => {
    const { fake, reseller } = await start();
    const req = order();
    const placed = await reseller.placeOrder(req);
    const tid = placed.kind === 'accepted' ? placed.state.resellerOrderId : undefined;
    expect(await reseller.getOrder({ reference: req.reference, resellerOrderId: tid! })).toEqual({ status: 'completed', resellerOrderId: tid });
    expect(await reseller.getOrder({ reference: req.reference })).toEqual({ status: 'completed', resellerOrderId: tid });
    expect(fake.server.calls('/api/order_status').map((r) => r.query)).toEqual([{ tid }, { partner_reference_id: req.reference }]);
  });

  it('delivers voucher PINs and serials, one item per unit', async () => {
    const { fake, reseller } = await start();
    const req = order({ sku: 'VCGS330-S22', player: {}, expectedCost: idr('75000'), quantity: 2 });
    await reseller.placeOrder(req);
    const state = await reseller.getOrder({ reference: req.reference });
    const tid = fake.order(req.reference)!.tid;
    expect(state).toEqual({
      status: 'completed',
      resellerOrderId: tid,
      items: [
        { pin: `${tid.slice(-4)}077`, serial: `SN${tid}0`, label: 'Garena Shells 330' },
        { pin: `${tid.slice(-4)}177`, serial: `SN${tid}1`, label: 'Garena Shells 330' },
      ],
    });
  });

  it('follows a pending order to a refund as a failure after charging', async () => {
    const { fake, reseller } = await start();
    const req = order({ sku: 'ML4649_883-S42', expectedCost: idr('1200000') });
    await reseller.placeOrder(req);
    expect((await reseller.getOrder({ reference: req.reference })).status).toBe('processing');
    fake.finishOrder(req.reference, 'failed');
    expect(await reseller.getOrder({ reference: req.reference })).toMatchObject({
      status: 'failed',
      rejectedBeforeCharge: false,
      failureDetail: expect.stringContaining('refunded'),
    });
  });

  it('says not_found for a reference Lapakgaming does not know', async () => {
    const { reseller } = await start();
    expect(await reseller.getOrder({ reference: 'NOPE-0000' })).toEqual({ status: 'not_found' });
  });
});
