import type { Context } from 'grammy';
import { describe, expect, it } from 'vitest';
import { KvSessionStorage, kvConversationStorage } from '../../../src/bots/telegram/session-storage.js';
import type { KeyValueStore } from '../../../src/core/ports/kv.js';
import { MemoryKeyValueStore } from '../../../src/infra/memory-state.js';

/** Counts writes to the store underneath. */
class CountingStore extends MemoryKeyValueStore implements KeyValueStore {
  writes = 0;
  deletes = 0;
  override async set(key: string, value: string, ttlMs?: number) {
    this.writes++;
    return super.set(key, value, ttlMs);
  }
  override async delete(key: string) {
    this.deletes++;
    return super.delete(key);
  }
}

const ctxIn = (chat: { id: number; type: string } | undefined) => ({ chat }) as unknown as Context;

describe('sessions over the key-value port', () => {
  it('stores JSON under a prefix, skips writing back an unchanged session, and never stores an empty one', async () => {
    const kv = new CountingStore();
    const storage = new KvSessionStorage<Record<string, unknown>>(kv, { prefix: 'tg:session:', ttlMs: 60_000 });
    expect(await storage.read('42')).toBeUndefined();
    await storage.write('42', {});
    expect(kv.writes).toBe(0);

    await storage.write('42', { __language_code: 'ru' });
    expect(await kv.get('tg:session:42')).toBe('{"__language_code":"ru"}');
    const session = await storage.read('42');
    await storage.write('42', session!);
    expect(kv.writes).toBe(1);

    await storage.read('42');
    await storage.write('42', { __language_code: 'id', lastQuery: 'pubg' });
    expect(kv.writes).toBe(2);
    expect(await storage.read('42')).toEqual({ __language_code: 'id', lastQuery: 'pubg' });
    await storage.write('42', {});
    expect(await kv.get('tg:session:42')).toBeUndefined();
  });

  it('reads a corrupt session as none instead of failing every update', async () => {
    const kv = new MemoryKeyValueStore();
    await kv.set('tg:session:7', '{not json');
    expect(await new KvSessionStorage(kv, { prefix: 'tg:session:' }).read('7')).toBeUndefined();
  });

  it('keeps purchase flows per private chat and nowhere else', async () => {
    const kv = new MemoryKeyValueStore();
    const storage = kvConversationStorage<Context>(kv, { prefix: 'tg:flow:', version: 1, ttlMs: 60_000 });
    if (storage.type !== 'context') throw new Error('expected a context storage');
    const state = { version: [0, 1] as [0, number], state: { purchase: [] } };
    await storage.adapter.write(ctxIn({ id: 5, type: 'private' }), state);
    expect(JSON.parse((await kv.get('tg:flow:5'))!)).toEqual(state);
    expect(await storage.adapter.read(ctxIn({ id: 5, type: 'private' }))).toEqual(state);
    await storage.adapter.write(ctxIn({ id: -100, type: 'supergroup' }), state);
    expect(await kv.get('tg:flow:-100')).toBeUndefined();
    expect(await storage.adapter.read(ctxIn(undefined))).toBeUndefined();
    await storage.adapter.delete(ctxIn({ id: 5, type: 'private' }));
    expect(await kv.get('tg:flow:5')).toBeUndefined();
  });
});
