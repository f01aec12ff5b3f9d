import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRODUCT_OPERATIONS, LAPAKGAMING_RATE_LIMITS } from '../../src/providers/lapakgaming/lapakgaming.api.js';
import { startLapakgaming } from '../fakes/lapakgaming.fake.js';

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

describe('lapakgaming transport failures', () => {
  it('retries a read on 5xx and then reports the service unavailable', async () => {
    const { fake, reseller } = await start();
    fake.setFault('server_error');
    await expect(reseller.balance()).rejects.toMatchObject({ name: 'ResellerError', kind: 'unavailable' });
    expect(fake.server.calls('/api/balance')).toHaveLength(3);
  });

  it('turns malformed JSON and an unreadable amount into bad_response', async () => {
    const { fake, reseller } = await start();
    fake.setFault('malformed_json');
    await expect(reseller.balance()).rejects.toMatchObject({ kind: 'bad_response' });
    fake.setFault('none');
    fake.server.requests.length = 0;
    const original = fake.balance;
    (fake as { balance: unknown }).balance = 'lots';
    await expect(reseller.balance()).rejects.toMatchObject({ kind: 'bad_response' });
    fake.balance = original;
  });

  it('reports a wrong API key as an auth error without echoing the key', async () => {
    const { fake, reseller } = await start({ apiKey: 'wrong-key-123' });
    const error = await reseller.balance().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResellerError', kind: 'auth' });
    expect(String((error as Error).message)).not.toContain('wrong-key-123');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer wrong-key-123');
  });

  it('reads SYSTEM_ERROR on a read as unavailable, UNAUTHORIZED as auth and an unknown code as a bad response', async () => {
    const { fake, reseller } = await start();
    fake.codeFor.set('/api/order_status', 'SYSTEM_ERROR');
    await expect(reseller.getOrder({ reference: 'X-1' })).rejects.toMatchObject({ kind: 'unavailable' });
    fake.codeFor.set('/api/balance', 'UNAUTHORIZED');
    await expect(reseller.balance()).rejects.toMatchObject({ kind: 'auth' });
    fake.codeFor.set('/api/balance', 'NEW_CODE');
    await expect(reseller.balance()).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('opens the circuit after repeated failures, alerts once, and closes it when the service answers again', async () => {
    const onHealthChange = vi.fn();
    const { fake, reseller } = await start({ breakerThreshold: 3, breakerOpenMs: 150, retries: 0, observer: { onHealthChange } });
    fake.setFault('server_error');
    for (let i = 0; i < 3; i++) await expect(reseller.balance()).rejects.toMatchObject({ kind: 'unavailable' });
    for (let i = 0; i < 3; i++) await expect(reseller.balance()).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(fake.server.calls('/api/balance')).toHaveLength(3);
    expect(reseller.isHealthy).toBe(false);
    expect(onHealthChange).toHaveBeenCalledTimes(1);
    expect(onHealthChange).toHaveBeenCalledWith(expect.objectContaining({ upstream: 'lapakgaming', healthy: false }));
    fake.setFault('none');
    await new Promise((r) => setTimeout(r, 200));
    expect((await reseller.balance()).toString()).toBe('993229432 IDR');
    expect(reseller.isHealthy).toBe(true);
    expect(onHealthChange).toHaveBeenCalledTimes(2);
  });
});

describe('lapakgaming rate limits', () => {
  it('keeps to the documented limits by default: 500 / 10 s overall, 50 / 10 s on product listing', () => {
    expect(LAPAKGAMING_RATE_LIMITS).toEqual([
      { points: 500, windowMs: 10_000 },
      { points: 50, windowMs: 10_000, operations: ['getProducts', 'getAllProducts'] },
    ]);
  });

  it('paces a burst of quotes so Lapakgaming never throttles them', async () => {
    const { fake, reseller } = await start({ rateLimits: [{ points: 4, windowMs: 400, operations: PRODUCT_OPERATIONS }] });
    // The fake allows twice the client's window, so a burst across a window edge still passes.
    fake.limits = { windowMs: 400, overall: 500, products: 8 };
    await reseller.listCatalog();
    const started = Date.now();
    const quotes = await Promise.all(Array.from({ length: 10 }, () => reseller.quote('ML78_8-S2', 1)));
    expect(quotes.every((q) => q.kind === 'ok')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('meets HTTP 429 without the client-side limit, as a typed rate_limited error', async () => {
    const { fake, reseller } = await start({ rateLimits: [], retries: 0 });
    fake.limits = { windowMs: 10_000, overall: 500, products: 3 };
    await reseller.listCatalog();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => reseller.quote('ML78_8-S2', 1)));
    const reasons = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { kind: string });
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.kind === 'rate_limited')).toBe(true);
  });
});
