import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ResellerError, type IncomingWebhook } from '../../src/core/ports/reseller.js';
import { createGamexBulkReseller, type GamexBulkOptions, type GamexBulkReseller } from '../../src/providers/gamexbulk/gamexbulk.adapter.js';
import { GamexBulkFake } from '../fakes/gamexbulk.fake.js';

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
    retries: 0,
    callbackUrl: 'https://shop.example/webhooks/gamexbulk',
    ...options,
  });
  cleanups.push(async () => {
    await reseller.close();
    await fake.close();
  });
  return { fake, reseller };
}

async function pendingOrder(fake: GamexBulkFake, reseller: GamexBulkReseller, reference = 'K7F3-92QX', sku = '92'): Promise<void> {
  const cost = Money.of(fake.product(Number(sku)).price, 'USD');
  const placed = await reseller.placeOrder({ reference, sku, quantity: 1, player: sku === '55' ? {} : { player_id: '5123456789' }, expectedCost: cost });
  expect(placed.kind).toBe('accepted');
}

function signed(body: unknown, secret: string, headers: Record<string, string> = {}): IncomingWebhook {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    headers: { 'x-gamex-signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`, ...headers },
    rawBody: Buffer.from(raw),
    params: {},
    query: {},
    ip: '127.0.0.1',
  };
}

describe('gamexbulk webhooks', () => {
  it('verifies with the secret from /getMe, fetched once and then cached', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller);
    const processing = fake.advance('K7F3-92QX')!;
    const done = (await fake.finishOrder('K7F3-92QX', 'success'))!;
    const getMeBefore = fake.calls('/getMe').length;
    expect(await reseller.parseWebhook(processing)).toMatchObject({ kind: 'order', reference: 'K7F3-92QX', resellerOrderId: '8821', state: { status: 'processing' } });
    expect(await reseller.parseWebhook(done)).toMatchObject({ kind: 'order', state: { status: 'completed' } });
    expect(fake.calls('/getMe').length - getMeBefore).toBe(0);
  });

  it('fetches the secret on the first webhook when nothing else has', async () => {
    const { fake, reseller } = await setup();
    const hook = signed({ event: 'order.status_changed', order_id: 1, client_order_id: 'R-1', status: 'PENDING' }, fake.webhookSecret);
    expect(await reseller.parseWebhook(hook)).toMatchObject({ kind: 'order', state: { status: 'pending' } });
    expect(fake.calls('/getMe')).toHaveLength(1);
    expect(fake.calls('/getMe')[0]?.headers['x-api-key']).toBe(fake.apiKey);
  });

  it('gives legacy and events payloads of the same change the same normalized order event', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller, 'K7F3-92QX', '55');
    const events = (await fake.finishOrder('K7F3-92QX', 'success'))!;
    const legacy = fake.webhookFor(fake.orderOf('K7F3-92QX'), 'legacy');
    expect(legacy.headers['x-gamex-event']).toBeUndefined();
    const a = await reseller.parseWebhook(events);
    const b = await reseller.parseWebhook(legacy);
    expect(a.kind === 'order' && b.kind === 'order').toBe(true);
    if (a.kind !== 'order' || b.kind !== 'order') return;
    expect({ ...a, deliveryId: '' }).toEqual({ ...b, deliveryId: '' });
    expect(a.state).toMatchObject({ status: 'completed', items: [{ code: 'GXB-8821-1' }], deliveryCode: 'GXB-8821-1' });
    expect(a.state.cost?.equals(Money.of('9.99', 'USD'))).toBe(true);
  });

  it('reads the document’s legacy example as a completed order with its codes', async () => {
    const { fake, reseller } = await setup();
    const example = {
      event_id: '47c8c6ba-16a5-4089-9f62-7ae1e51d4c0f',
      order_id: 8821,
      client_order_id: '7b8f0a64-4f7e-4a2f-9a0a-7b1f0a3bfa11',
      status: 'COMPLETED',
      product_name: 'Steam Wallet 10 USD',
      qty: 2,
      player_id: null,
      price: '19.9800',
      currency: 'USD',
      delivery: ['CODE_1', 'CODE_2'],
      timestamp: '2026-01-30T13:05:10+00:00',
    };
    expect(await reseller.parseWebhook(signed(example, fake.webhookSecret))).toEqual({
      kind: 'order',
      deliveryId: 'gamexbulk:event:47c8c6ba-16a5-4089-9f62-7ae1e51d4c0f',
      reference: '7b8f0a64-4f7e-4a2f-9a0a-7b1f0a3bfa11',
      resellerOrderId: '8821',
      state: { status: 'completed', resellerOrderId: '8821', items: [{ code: 'CODE_1' }, { code: 'CODE_2' }], deliveryCode: 'CODE_1\nCODE_2', cost: Money.of('19.98', 'USD') },
    });
  });

  it('treats FAILED (events) and CANCELED (legacy) as terminal failures', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller);
    const failed = (await fake.finishOrder('K7F3-92QX', 'failed'))!;
    expect(JSON.parse(failed.rawBody.toString()).status).toBe('FAILED');
    expect(await reseller.parseWebhook(failed)).toMatchObject({ kind: 'order', state: { status: 'failed', failureDetail: expect.stringContaining('FAILED') } });
    const canceled = fake.webhookFor(fake.orderOf('K7F3-92QX'), 'legacy');
    expect(await reseller.parseWebhook(canceled)).toMatchObject({ kind: 'order', state: { status: 'failed', failureDetail: expect.stringContaining('CANCELED') } });
  });

  it('keeps the delivery id of a duplicate delivery, and gives each status change its own', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller);
    fake.advance('K7F3-92QX');
    await fake.finishOrder('K7F3-92QX', 'success');
    const [processing, completed] = fake.sentWebhooks;
    const first = await reseller.parseWebhook(processing!);
    const duplicate = await reseller.parseWebhook(processing!);
    const next = await reseller.parseWebhook(completed!);
    expect(first.kind === 'order' && first.deliveryId).toMatch(/^gamexbulk:body:[0-9a-f]{64}$/);
    expect(duplicate).toEqual(first);
    expect(next.kind === 'order' && next.deliveryId).not.toBe(first.kind === 'order' && first.deliveryId);
  });

  it('reports a late, out-of-order PROCESSING delivery as not final, leaving the order state to the core', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller);
    const processing = fake.advance('K7F3-92QX')!;
    const completed = (await fake.finishOrder('K7F3-92QX', 'success'))!;
    expect(await reseller.parseWebhook(completed)).toMatchObject({ state: { status: 'completed' } });
    expect(await reseller.parseWebhook(processing)).toMatchObject({ state: { status: 'processing' } });
  });

  it('rejects a webhook whose signature is wrong', async () => {
    const { fake, reseller } = await setup();
    await pendingOrder(fake, reseller);
    fake.signWrong = true;
    const hook = (await fake.finishOrder('K7F3-92QX', 'success'))!;
    expect(await reseller.parseWebhook(hook)).toMatchObject({ kind: 'rejected', reason: 'bad_signature' });
  });

  it('rejects a missing signature, a malformed one, and a body changed after signing', async () => {
    const { fake, reseller } = await setup();
    const body = { event: 'order.status_changed', order_id: 1, status: 'COMPLETED' };
    const good = signed(body, fake.webhookSecret);
    const variants: IncomingWebhook[] = [
      { ...good, headers: {} },
      { ...good, headers: { 'x-gamex-signature': 'sha256=abcd' } },
      { ...good, headers: { 'x-gamex-signature': String(good.headers['x-gamex-signature']).replace('sha256=', 'sha1=') } },
      { ...good, rawBody: Buffer.from(JSON.stringify({ ...body, status: 'CANCELED' })) },
    ];
    for (const variant of variants) expect(await reseller.parseWebhook(variant)).toMatchObject({ kind: 'rejected', reason: 'bad_signature' });
    expect(await reseller.parseWebhook(good)).toMatchObject({ kind: 'order' });
    // Hex case does not matter; header name case does not either.
    const upper = String(good.headers['x-gamex-signature']).replace(/[0-9a-f]+$/, (hex) => hex.toUpperCase());
    expect(await reseller.parseWebhook({ ...good, headers: { 'X-GAMEX-Signature': upper } })).toMatchObject({ kind: 'order' });
  });

  it('refetches the secret once when a signature fails against a cached one, in case it was rotated', async () => {
    const { fake, reseller } = await setup({ secretRefreshMinMs: 0 });
    await reseller.balance();
    fake.webhookSecret = 'whsec-rotated-0002';
    const before = fake.calls('/getMe').length;
    const hook = signed({ order_id: 5, client_order_id: 'R-5', status: 'COMPLETED' }, fake.webhookSecret);
    expect(await reseller.parseWebhook(hook)).toMatchObject({ kind: 'order' });
    expect(fake.calls('/getMe').length - before).toBe(1);
    // The fresh secret is cached: the next delivery needs no fetch.
    expect(await reseller.parseWebhook(hook)).toMatchObject({ kind: 'order' });
    expect(fake.calls('/getMe').length - before).toBe(1);
  });

  it('does not refetch the secret for every forged webhook', async () => {
    const { fake, reseller } = await setup();
    await reseller.balance();
    const before = fake.calls('/getMe').length;
    for (let i = 0; i < 5; i++) {
      const forged = signed({ order_id: i, status: 'COMPLETED' }, 'guessed');
      expect(await reseller.parseWebhook(forged)).toMatchObject({ kind: 'rejected', reason: 'bad_signature' });
    }
    expect(fake.calls('/getMe').length - before).toBe(0);
  });

  it('says "not supported" for another event, and "malformed" for a signed body that is not an order', async () => {
    const { fake, reseller } = await setup();
    const other = signed({ event: 'product.updated', id: 1 }, fake.webhookSecret, { 'x-gamex-event': 'product.updated' });
    expect(await reseller.parseWebhook(other)).toEqual({ kind: 'not_supported' });
    expect(await reseller.parseWebhook(signed('{"order_id": 1,', fake.webhookSecret))).toMatchObject({ kind: 'rejected', reason: 'malformed' });
    expect(await reseller.parseWebhook(signed({ hello: 'world' }, fake.webhookSecret))).toMatchObject({ kind: 'rejected', reason: 'malformed' });
  });

  it('throws a typed error when the secret cannot be fetched, so the route answers 5xx and GamexBulk retries', async () => {
    const { fake, reseller } = await setup();
    fake.setFault('server_error');
    const hook = signed({ order_id: 1, status: 'COMPLETED' }, fake.webhookSecret);
    await expect(reseller.parseWebhook(hook)).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'unavailable');
  });
});
