import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { IncomingWebhook } from '../../src/core/ports/reseller.js';
import { ML_PLAYER, startLapakgaming } from '../fakes/lapakgaming.fake.js';

type Started = Awaited<ReturnType<typeof startLapakgaming>>;
let running: Started | undefined;
async function start(options: Parameters<typeof startLapakgaming>[0] = {}): Promise<Started> {
  running = await startLapakgaming(options);
  return running;
}
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const idr = (amount: string) => Money.of(amount, 'IDR');
const raw = (body: unknown, token = 'cb-secret-token'): IncomingWebhook => ({
  headers: { 'content-type': 'application/json' },
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  params: { token },
  query: {},
  ip: '103.28.12.10',
});

async function placed(s: Started, sku: string, cost: string, player: Record<string, string> = ML_PLAYER) {
  const reference = `WH${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const result = await s.reseller.placeOrder({ reference, sku, quantity: 1, player, expectedCost: idr(cost) });
  expect(result.kind).toBe('accepted');
  return reference;
}

describe('lapakgaming order callbacks', () => {
  it('turns an order callback into an order event with our reference and the delivered codes', async () => {
    const s = await start();
    const reference = await placed(s, 'VCGS330-S22', '75000', {});
    const callback = s.fake.callbacks.at(-1)!;
    expect(callback.params).toEqual({ token: s.callbackToken });
    const event = await s.reseller.parseWebhook(callback);
    const tid = s.fake.order(reference)!.tid;
    expect(event).toEqual({
      kind: 'order',
      deliveryId: expect.stringMatching(/^lapakgaming:[0-9a-f]{64}$/),
      reference,
      resellerOrderId: tid,
      state: { status: 'completed', resellerOrderId: tid, items: [{ pin: `${tid.slice(-4)}077`, serial: `SN${tid}0`, label: 'Garena Shells 330' }] },
    });
  });

  it('gives a repeated delivery the same delivery id and a different callback another', async () => {
    const s = await start();
    const reference = await placed(s, 'ML4649_883-S42', '1200000');
    const success = s.fake.finishOrder(reference, 'success');
    const repeat = s.fake.finishOrder(reference, 'success');
    const first = await s.reseller.parseWebhook(success);
    const second = await s.reseller.parseWebhook(repeat);
    expect(first.kind === 'order' && second.kind === 'order' && first.deliveryId === second.deliveryId).toBe(true);
    const other = await s.reseller.parseWebhook(s.fake.finishOrder(await placed(s, 'ML4649_883-S42', '1200000'), 'failed'));
    expect(other).toMatchObject({ kind: 'order', state: { status: 'failed' } });
    expect(other.kind === 'order' && first.kind === 'order' && other.deliveryId !== first.deliveryId).toBe(true);
  });

  it('accepts the token in the query string as well as in the path', async () => {
    const s = await start({ callbackUrl: 'https://shop.example/webhooks/lapakgaming?token=cb-secret-token' });
    const reference = await placed(s, 'ML78_8-S2', '20500');
    const callback = s.fake.callbacks.at(-1)!;
    expect(callback.query).toEqual({ token: 'cb-secret-token' });
    expect(await s.reseller.parseWebhook(callback)).toMatchObject({ kind: 'order', reference, state: { status: 'completed' } });
  });

  it('accepts an order callback without the envelope and with partner_reference_id', async () => {
    const s = await start();
    const event = await s.reseller.parseWebhook(raw({ status: 'REFUNDED', tid: 'R1', partner_reference_id: 'ABCD-1234', transactions: [{ id: 1, note: 'out of stock', status: 'REFUNDED', voucher_code: null }] }));
    expect(event).toMatchObject({ kind: 'order', reference: 'ABCD-1234', resellerOrderId: 'R1', state: { status: 'failed', failureDetail: 'refunded: out of stock' } });
  });

  it('keeps an unknown status processing for review rather than guessing', async () => {
    const s = await start();
    const event = await s.reseller.parseWebhook(raw({ code: 'SUCCESS', data: { status: 'PARTIAL', tid: 'R2', reference_id: 'ABCD-9' } }));
    expect(event).toMatchObject({ kind: 'order', state: { status: 'processing', failureDetail: expect.stringContaining('PARTIAL') } });
  });
});

describe('lapakgaming callback guard', () => {
  it('rejects a callback whose token is wrong or missing', async () => {
    const s = await start();
    await placed(s, 'ML78_8-S2', '20500');
    const good = s.fake.callbacks.at(-1)!;
    expect(await s.reseller.parseWebhook(s.fake.forged(good))).toEqual({ kind: 'rejected', reason: 'bad_token' });
    expect(await s.reseller.parseWebhook({ ...good, params: {} })).toEqual({ kind: 'rejected', reason: 'bad_token' });
  });

  it('refuses every callback when no token is configured', async () => {
    const s = await start({ callbackToken: '' });
    expect(await s.reseller.parseWebhook(raw({ data: { code: 'X', price: 1 } }, ''))).toMatchObject({ kind: 'rejected', reason: 'bad_token' });
  });

  it('rejects a callback from outside the IP allowlist and accepts a mapped IPv4 address inside it', async () => {
    const s = await start({ callbackIps: ['103.28.12.10'] });
    const body = { data: { code: 'ML78_8-S2', price: 20000, status: 'available' }, meta: { level: 'product', unix_timestamp: 1 } };
    expect(await s.reseller.parseWebhook({ ...raw(body), ip: '198.51.100.9' })).toMatchObject({ kind: 'rejected', reason: 'forbidden_ip' });
    expect(await s.reseller.parseWebhook({ ...raw(body), ip: '::ffff:103.28.12.10' })).toMatchObject({ kind: 'product' });
  });

  it('calls a body that is not JSON malformed and an unknown one not supported', async () => {
    const s = await start();
    expect(await s.reseller.parseWebhook(raw('{"data": nope'))).toMatchObject({ kind: 'rejected', reason: 'malformed' });
    expect(await s.reseller.parseWebhook(raw({ hello: 'world' }))).toEqual({ kind: 'not_supported' });
  });
});

describe('lapakgaming product callbacks', () => {
  it('turns a price or status change into a product event the catalog applies at once', async () => {
    const s = await start();
    const event = await s.reseller.parseWebhook(s.fake.productCallback('ML78_8-S2', { price: 19900 }, 1_775_000_100));
    expect(event).toEqual({ kind: 'product', deliveryId: expect.stringMatching(/^lapakgaming:/), product: { sku: 'ML78_8-S2', cost: idr('19900'), inStock: true } });
    const empty = await s.reseller.parseWebhook(s.fake.productCallback('ML78_8-S2', { status: 'empty' }, 1_775_000_200));
    expect(empty).toMatchObject({ kind: 'product', product: { sku: 'ML78_8-S2', inStock: false } });
  });

  it('drops a product callback older than one already seen, and lets a repeat through for de-duplication', async () => {
    const s = await start();
    const newer = s.fake.productCallback('FF70-S3', { price: 9900 }, 1_775_000_300);
    const older = s.fake.productCallback('FF70-S3', { price: 9700 }, 1_775_000_250);
    expect(await s.reseller.parseWebhook(newer)).toMatchObject({ kind: 'product', product: { cost: idr('9900') } });
    expect(await s.reseller.parseWebhook(older)).toEqual({ kind: 'not_supported' });
    const repeat = await s.reseller.parseWebhook(newer);
    const first = await s.reseller.parseWebhook(newer);
    expect(repeat.kind === 'product' && first.kind === 'product' && repeat.deliveryId === first.deliveryId).toBe(true);
    expect(await s.reseller.parseWebhook(s.fake.productCallback('ML78_8-S2', { price: 20000 }, 1_775_000_100))).toMatchObject({ kind: 'product' });
  });

  it('refuses a product callback whose price is not a rupiah amount', async () => {
    const s = await start();
    expect(await s.reseller.parseWebhook(raw({ data: { code: 'ML78_8-S2', price: 12.5 } }))).toMatchObject({ kind: 'rejected', reason: 'malformed' });
  });
});
