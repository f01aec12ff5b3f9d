import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';
import { Pool } from 'undici';
import type { z } from 'zod';
import { ResellerError, type ResellerErrorKind } from '../../core/ports/reseller.js';

/** What an upstream client reports, so metrics and alerts live outside it. */
export interface UpstreamObserver {
  onCall?(call: { upstream: string; operation: string; outcome: string; seconds: number }): void;
  onError?(error: { upstream: string; kind: ResellerErrorKind }): void;
  /** Called once per change: healthy → unhealthy when the circuit opens, and back. */
  onHealthChange?(change: { upstream: string; healthy: boolean; detail: string }): void;
}

export interface ClientRateLimit {
  /** Calls allowed per window; callers wait for a slot rather than get throttled upstream. */
  points: number;
  windowMs: number;
  /** Operations it applies to; absent = every call. */
  operations?: string[];
}

export interface UpstreamClientOptions {
  upstream: string;
  baseUrl: string;
  headers?: Record<string, string>;
  /** Per call, connect to last byte. */
  timeoutMs?: number;
  connections?: number;
  /** Extra attempts for calls that are safe to repeat. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** Consecutive transport failures that open the circuit, and how long it stays open. */
  breakerThreshold?: number;
  breakerOpenMs?: number;
  rateLimits?: ClientRateLimit[];
  observer?: UpstreamObserver;
}

/** Connection settings every adapter takes and hands to its client unchanged. */
export type UpstreamTuning = Pick<
  UpstreamClientOptions,
  'timeoutMs' | 'retries' | 'retryBaseDelayMs' | 'breakerThreshold' | 'breakerOpenMs' | 'connections' | 'observer'
>;

/** The tuning part of an adapter's options, and nothing else. */
export function upstreamTuning(options: UpstreamTuning): UpstreamTuning {
  const { timeoutMs, retries, retryBaseDelayMs, breakerThreshold, breakerOpenMs, connections, observer } = options;
  return { timeoutMs, retries, retryBaseDelayMs, breakerThreshold, breakerOpenMs, connections, observer };
}

export interface UpstreamRequest<T> {
  /** Short name for metrics and errors: `getProducts`, `createOrder`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Repeating it cannot do harm (reads; writes the service de-duplicates by our key). */
  idempotent: boolean;
  /** Parses the JSON answer; should accept the service's error envelope too, for the statuses in `acceptStatus`. */
  schema: z.ZodType<T>;
  /** Non-2xx statuses whose bodies are business answers (e.g. 400 `PRICE_NOT_MATCH`), not transport failures. */
  acceptStatus?: number[];
}

export interface UpstreamResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | string[] | undefined>;
}

const transient: ReadonlySet<ResellerErrorKind> = new Set(['timeout', 'unavailable', 'rate_limited']);

/**
 * HTTP to one upstream service: a connection pool, a timeout on every call, retries with
 * backoff only for calls marked idempotent, a circuit breaker over transport failures, and
 * client-side rate limits. Every answer is parsed with zod; anything else becomes a typed
 * {@link ResellerError}, never a crash.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly breaker;
  private readonly retryPolicy;
  private readonly limiters: Array<{ queue: RateLimiterQueue; operations?: string[] }>;
  private healthy = true;

  constructor(private readonly options: UpstreamClientOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? 8,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connectTimeout: Math.min(this.timeoutMs, 10_000),
    });
    const isTransport = (error: Error) => error instanceof ResellerError && transient.has(error.kind);
    this.breaker = circuitBreaker(handleWhen(isTransport), {
      halfOpenAfter: options.breakerOpenMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    this.breaker.onStateChange((state) => {
      const healthy = state !== CircuitState.Open && state !== CircuitState.Isolated;
      if (healthy === this.healthy) return;
      this.healthy = healthy;
      options.observer?.onHealthChange?.({
        upstream: options.upstream,
        healthy,
        detail: healthy ? 'answering again' : `${options.breakerThreshold ?? 5} failures in a row`,
      });
    });
    this.retryPolicy = retry(handleWhen(isTransport), {
      maxAttempts: options.retries ?? 2,
      backoff: new ExponentialBackoff({ initialDelay: options.retryBaseDelayMs ?? 200, maxDelay: 5_000 }),
    });
    this.limiters = (options.rateLimits ?? []).map((limit) => ({
      queue: new RateLimiterQueue(new RateLimiterMemory({ points: limit.points, duration: limit.windowMs / 1000 }), {
        maxQueueSize: 10_000,
      }),
      ...(limit.operations ? { operations: limit.operations } : {}),
    }));
  }

  /** False while the circuit is open: callers skip this upstream's offers. */
  get isHealthy(): boolean {
    return this.healthy;
  }

  async request<T>(request: UpstreamRequest<T>): Promise<UpstreamResponse<T>> {
    const once = () => this.breakerGuarded(request);
    try {
      return request.idempotent ? await this.retryPolicy.execute(once) : await once();
    } catch (error) {
      if (error instanceof ResellerError) {
        this.options.observer?.onError?.({ upstream: this.options.upstream, kind: error.kind });
      }
      throw error;
    }
  }

  private async breakerGuarded<T>(request: UpstreamRequest<T>): Promise<UpstreamResponse<T>> {
    try {
      return await this.breaker.execute(() => this.send(request));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ResellerError(this.options.upstream, 'circuit_open', 'temporarily skipped after repeated failures');
      }
      throw error;
    }
  }

  private async send<T>(request: UpstreamRequest<T>): Promise<UpstreamResponse<T>> {
    for (const limiter of this.limiters) {
      if (!limiter.operations || limiter.operations.includes(request.operation)) await limiter.queue.removeTokens(1);
    }
    const started = process.hrtime.bigint();
    const observe = (outcome: string) =>
      this.options.observer?.onCall?.({
        upstream: this.options.upstream,
        operation: request.operation,
        outcome,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    const fail = (kind: ResellerErrorKind, message: string, cause?: unknown): never => {
      observe(kind);
      throw new ResellerError(this.options.upstream, kind, `${request.operation}: ${message}`, { cause });
    };

    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query.set(key, String(value));
    }
    const path = `${this.basePath}${request.path}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }

    let status: number;
    let text: string;
    let responseHeaders: Record<string, string | string[] | undefined>;
    try {
      const response = await this.pool.request({
        method: request.method,
        path,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const code = (error as { code?: string }).code ?? '';
      if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT/.test(code)) {
        return fail('timeout', `no answer within ${this.timeoutMs} ms`, error);
      }
      return fail('unavailable', `connection failed (${code || name || 'unknown'})`, error);
    }

    const accepted = (status >= 200 && status < 300) || (request.acceptStatus ?? []).includes(status);
    if (!accepted) {
      if (status === 401 || status === 403) return fail('auth', `refused our credentials (HTTP ${status})`);
      if (status === 429) return fail('rate_limited', 'rate limited (HTTP 429)');
      if (status >= 500) return fail('unavailable', `HTTP ${status}`);
      return fail('bad_response', `unexpected HTTP ${status}`);
    }

    let json: unknown;
    try {
      json = text.length === 0 ? undefined : JSON.parse(text);
    } catch (error) {
      return fail('bad_response', `HTTP ${status} with a body that is not JSON`, error);
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return fail('bad_response', `HTTP ${status} with an unexpected shape (${where})`, parsed.error);
    }
    observe('ok');
    return { status, data: parsed.data, headers: responseHeaders };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
