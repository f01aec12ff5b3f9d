import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { KeyValueStore, LockManager, PubSub, RateLimiter, RateLimitPolicy, SharedState } from '../core/ports/kv.js';
import { rateLimiterFrom } from './rate-limit.js';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** The single-instance stand-in for Redis: same interfaces, nothing to install. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweep = setInterval(() => this.removeExpired(), 60_000);
    this.sweep.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private removeExpired(): void {
    for (const key of this.entries.keys()) this.live(key);
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + by;
    this.entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    return next;
  }

  close(): void {
    clearInterval(this.sweep);
  }
}

export class MemoryLockManager implements LockManager {
  constructor(private readonly kv: KeyValueStore) {}
  async tryAcquire(name: string, ttlMs: number) {
    const token = randomUUID();
    const key = `lock:${name}`;
    if (!(await this.kv.setIfAbsent(key, token, ttlMs))) return undefined;
    return {
      release: async () => {
        if ((await this.kv.get(key)) === token) await this.kv.delete(key);
      },
    };
  }
}

export class MemoryPubSub implements PubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(channel: string, message: string): Promise<void> {
    // Asynchronous like Redis: a publisher never runs its subscribers inline.
    setImmediate(() => this.emitter.emit(channel, message));
  }
  async subscribe(channel: string, handler: (message: string) => void) {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }
}

export function createMemoryState(): SharedState {
  const kv = new MemoryKeyValueStore();
  return {
    kind: 'memory',
    kv,
    locks: new MemoryLockManager(kv),
    pubsub: new MemoryPubSub(),
    rateLimiter(name: string, policy: RateLimitPolicy): RateLimiter {
      const limiter = new RateLimiterMemory({ keyPrefix: name, points: policy.points, duration: policy.windowMs / 1000 });
      return rateLimiterFrom(limiter);
    },
    async ping() {},
    async close() {
      kv.close();
    },
  };
}

