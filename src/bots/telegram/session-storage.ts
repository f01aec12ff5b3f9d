import type { ConversationData, ConversationStorage, VersionedState } from '@grammyjs/conversations';
import type { Context, StorageAdapter } from 'grammy';
import type { KeyValueStore } from '../../core/ports/kv.js';

/** Values last read per key, so an unchanged session is not written back on every update. */
class ReadCache {
  private readonly values = new Map<string, string>();
  constructor(private readonly max = 10_000) {}
  remember(key: string, raw: string | undefined): void {
    this.values.delete(key);
    if (raw === undefined) return;
    if (this.values.size >= this.max) {
      const oldest = this.values.keys().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
    this.values.set(key, raw);
  }
  /** Takes the remembered value out: one write-back per read. */
  take(key: string): string | undefined {
    const raw = this.values.get(key);
    this.values.delete(key);
    return raw;
  }
}

const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/**
 * grammY sessions over the core's key-value port: Redis when `REDIS_URL` is set, in process
 * otherwise. Values are JSON; an empty session is not stored, and a session read and written
 * back unchanged costs no write.
 */
export class KvSessionStorage<T> implements StorageAdapter<T> {
  private readonly cache = new ReadCache();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: { prefix: string; ttlMs?: number },
  ) {}

  private key(key: string): string {
    return `${this.options.prefix}${key}`;
  }

  async read(key: string): Promise<T | undefined> {
    const raw = await this.kv.get(this.key(key));
    this.cache.remember(key, raw);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      // A value we cannot read is no session: start afresh rather than fail every update.
      return undefined;
    }
  }

  async write(key: string, value: T): Promise<void> {
    const previous = this.cache.take(key);
    if (isEmptyObject(value)) {
      if (previous !== undefined) await this.kv.delete(this.key(key));
      return;
    }
    const raw = JSON.stringify(value);
    if (raw === previous) return;
    await this.kv.set(this.key(key), raw, this.options.ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.cache.take(key);
    await this.kv.delete(this.key(key));
  }
}

/** Where a chat's purchase flow lives: private chats only (flows never run in groups). */
export function conversationKey(ctx: Context): string | undefined {
  const chat = ctx.chat;
  return chat?.type === 'private' ? String(chat.id) : undefined;
}

/**
 * The conversations plugin's state in the same key-value store as sessions, so a purchase flow
 * survives a restart and continues on any instance. `version` is bumped when the flow's code
 * changes in a way an old replay log would not fit.
 */
export function kvConversationStorage<C extends Context>(
  kv: KeyValueStore,
  options: { prefix: string; version: number; ttlMs: number },
): ConversationStorage<C, ConversationData> {
  const keyOf = (ctx: C) => {
    const key = conversationKey(ctx);
    return key === undefined ? undefined : `${options.prefix}${key}`;
  };
  return {
    type: 'context',
    version: options.version,
    adapter: {
      async read(ctx) {
        const key = keyOf(ctx);
        const raw = key === undefined ? undefined : await kv.get(key);
        if (raw === undefined) return undefined;
        try {
          return JSON.parse(raw) as VersionedState<ConversationData>;
        } catch {
          return undefined;
        }
      },
      async write(ctx, state) {
        const key = keyOf(ctx);
        if (key !== undefined) await kv.set(key, JSON.stringify(state), options.ttlMs);
      },
      async delete(ctx) {
        const key = keyOf(ctx);
        if (key !== undefined) await kv.delete(key);
      },
    },
  };
}
