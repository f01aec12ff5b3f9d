import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedState } from '../src/core/ports/kv.js';
import { createMemoryState } from '../src/infra/memory-state.js';
import { createRedisState } from '../src/infra/redis-state.js';
import { TEST_REDIS_URL } from './support/databases.js';

const implementations: Array<[string, () => SharedState]> = [
  ['in-process', () => createMemoryState()],
  ['redis', () => createRedisState({ url: TEST_REDIS_URL, keyPrefix: `tk-test:${randomBytes(4).toString('hex')}:` })],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(implementations)('shared state (%s)', (_name, create) => {
  let state: SharedState;
  beforeAll(async () => {
    state = create();
    await state.ping();
  });
  afterAll(async () => {
    await state?.close();
  });

  it('stores and expires values', async () => {
    await state.kv.set('a', '1', 80);
    await state.kv.set('b', '2');
    expect(await state.kv.get('a')).toBe('1');
    await sleep(150);
    expect(await state.kv.get('a')).toBeUndefined();
    expect(await state.kv.get('b')).toBe('2');
    await state.kv.delete('b');
    expect(await state.kv.get('b')).toBeUndefined();
  });

  it('sets if absent exactly once among concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => state.kv.setIfAbsent('once', String(i), 5_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('increments atomically and starts the TTL on the first increment', async () => {
    const values = await Promise.all(Array.from({ length: 25 }, () => state.kv.increment('counter', 2, 100)));
    expect(Math.max(...values)).toBe(50);
    expect(new Set(values).size).toBe(25);
    await sleep(160);
    expect(await state.kv.increment('counter', 1, 100)).toBe(1);
  });

  it('grants a lock to one holder until it is released', async () => {
    const first = await state.locks.tryAcquire('order:1', 5_000);
    expect(first).toBeDefined();
    expect(await state.locks.tryAcquire('order:1', 5_000)).toBeUndefined();
    await first?.release();
    const again = await state.locks.tryAcquire('order:1', 5_000);
    expect(again).toBeDefined();
    await again?.release();
  });

  it('rate limits per key, flags the first refusal, and leaves other keys alone', async () => {
    const limiter = state.rateLimiter(`test-${randomBytes(3).toString('hex')}`, { points: 3, windowMs: 1_000 });
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.consume('user:1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.map((d) => d.firstRefusal)).toEqual([false, false, false, true, false]);
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(0);
    expect((await limiter.consume('user:2')).allowed).toBe(true);
  });

  it('delivers published messages to subscribers', async () => {
    const received: string[] = [];
    const unsubscribe = await state.pubsub.subscribe('events', (m) => received.push(m));
    await sleep(20);
    await state.pubsub.publish('events', 'hello');
    await state.pubsub.publish('events', 'world');
    for (let i = 0; i < 50 && received.length < 2; i++) await sleep(10);
    expect(received).toEqual(['hello', 'world']);
    await unsubscribe();
    await state.pubsub.publish('events', 'unheard');
    await sleep(50);
    expect(received).toHaveLength(2);
  });
});
