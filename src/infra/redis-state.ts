import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { KeyValueStore, LockManager, PubSub, RateLimitPolicy, SharedState } from '../core/ports/kv.js';
import { rateLimiterFrom } from './rate-limit.js';

const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const incrementScript = `local v = redis.call("incrby", KEYS[1], ARGV[1]) if v == tonumber(ARGV[1]) then redis.call("pexpire", KEYS[1], ARGV[2]) end return v`;

class RedisKeyValueStore implements KeyValueStore {
  constructor(private readonly redis: Redis) {}
  async get(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }
  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }
  async delete(key: string) {
    await this.redis.del(key);
  }
  async increment(key: string, by: number, ttlMs: number) {
    return Number(await this.redis.eval(incrementScript, 1, key, by, Math.max(1, Math.round(ttlMs))));
  }
}

class RedisLockManager implements LockManager {
  constructor(private readonly redis: Redis) {}
  async tryAcquire(name: string, ttlMs: number) {
    const token = randomUUID();
    const key = `lock:${name}`;
    const ok = await this.redis.set(key, token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX');
    if (ok !== 'OK') return undefined;
    return {
      release: async () => {
        await this.redis.eval(releaseScript, 1, key, token);
      },
    };
  }
}

class RedisPubSub implements PubSub {
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  constructor(private readonly redis: Redis) {}

  private async connection(): Promise<Redis> {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', (channel: string, message: string) => {
        for (const handler of this.handlers.get(channel) ?? []) handler(message);
      });
    }
    return this.subscriber;
  }

  async publish(channel: string, message: string) {
    await this.redis.publish(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void) {
    const sub = await this.connection();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await sub.subscribe(channel);
    }
    set.add(handler);
    return async () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(channel);
        await sub.unsubscribe(channel);
      }
    };
  }

  async close() {
    this.subscriber?.disconnect();
  }
}

export interface RedisStateOptions {
  url: string;
  /** Prefix for every key, so tests and several shops can share one server. */
  keyPrefix?: string;
}

export function createRedisState(options: RedisStateOptions): SharedState {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    maxRetriesPerRequest: 2,
    connectTimeout: 5_000,
    // Fail fast while disconnected instead of queueing work for minutes.
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  redis.on('error', () => {
    /* reported through ping() and /readyz; ioredis keeps reconnecting */
  });
  const pubsub = new RedisPubSub(redis);
  return {
    kind: 'redis',
    kv: new RedisKeyValueStore(redis),
    locks: new RedisLockManager(redis),
    pubsub,
    rateLimiter(name: string, policy: RateLimitPolicy) {
      const limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${options.keyPrefix ?? ''}rl:${name}`,
        points: policy.points,
        duration: policy.windowMs / 1000,
      });
      return rateLimiterFrom(limiter);
    },
    async ping() {
      const answer = await Promise.race([
        redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis ping timed out')), 1_000).unref()),
      ]);
      if (answer !== 'PONG') throw new Error(`redis answered ${String(answer)}`);
    },
    async close() {
      await pubsub.close();
      redis.disconnect();
    },
  };
}
