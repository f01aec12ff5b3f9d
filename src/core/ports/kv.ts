/**
 * Fast shared state: sessions, quotes, rate limits, locks and fan-out between instances.
 * Real Redis in production; an in-process implementation when `REDIS_URL` is unset.
 * Nothing here is the record of money or orders — that lives in SQL.
 */

export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` absent: keeps the value until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds `by` and returns the new value; the first increment starts the TTL. */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Milliseconds until the next call would be allowed (0 when allowed). */
  retryAfterMs: number;
  /** True on the first refusal of a window, so a flooding user is told once. */
  firstRefusal: boolean;
}

export interface RateLimiter {
  consume(key: string, points?: number): Promise<RateLimitDecision>;
}

export interface RateLimitPolicy {
  /** Calls allowed per window. */
  points: number;
  windowMs: number;
}

export interface Lock {
  release(): Promise<void>;
}

export interface LockManager {
  /** Undefined when someone else holds the lock. */
  tryAcquire(name: string, ttlMs: number): Promise<Lock | undefined>;
}

export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
}

export interface SharedState {
  kind: 'redis' | 'memory';
  kv: KeyValueStore;
  locks: LockManager;
  pubsub: PubSub;
  rateLimiter(name: string, policy: RateLimitPolicy): RateLimiter;
  ping(): Promise<void>;
  close(): Promise<void>;
}
