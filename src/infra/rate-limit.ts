import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiter } from '../core/ports/kv.js';

/**
 * Wraps a rate-limiter-flexible limiter (memory or Redis) in the core's port. The first
 * refusal of a window is flagged so the caller can tell a flooding user once, not per message.
 */
export function rateLimiterFrom(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
        return { allowed: true, retryAfterMs: 0, firstRefusal: false };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const over = rejection.consumedPoints - limiter.points;
          return { allowed: false, retryAfterMs: rejection.msBeforeNext, firstRefusal: over <= points };
        }
        throw rejection;
      }
    },
  };
}
