import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export interface ReadinessCheck {
  /** Named in a 503 answer when it fails: `database`, `redis`, … */
  name: string;
  check(): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Feature routes (webhooks, bot webhook), each a Fastify plugin. */
  routes?: FastifyPluginAsync[];
  /** Largest body accepted, bytes. */
  bodyLimit?: number;
  /**
   * Which proxies may set the client address (X-Forwarded-For). Off by default: otherwise
   * anyone could claim an allowlisted address to a webhook route.
   */
  trustProxy?: boolean | number | string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for signature checks. */
    rawBody?: Buffer;
  }
}

/** Builds the HTTP app without listening, so tests can `inject()` requests. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    // Request lines are noise here; the histogram in /metrics counts them instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    // A hop count trusts that many proxies in front of us (the function form Fastify types accept).
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
  });

  // Keep the raw bytes of every JSON body: webhook signatures are over them, not over a re-serialization.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/*+json'], { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(raw.toString('utf8')));
    } catch {
      const error = new Error('body is not valid JSON') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'text/plain'],
    { parseAs: 'buffer' },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      done(null, raw.toString('utf8'));
    },
  );

  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.httpRequests
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
    void reply.status(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const failing: Record<string, string> = {};
    await Promise.all(
      deps.readiness.map(async (part) => {
        try {
          await withTimeout(part.check(), 2_000, `${part.name} did not answer in 2 s`);
        } catch (error) {
          failing[part.name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    const names = Object.keys(failing);
    if (names.length > 0) {
      return reply.status(503).send({ status: 'unavailable', failing: names, detail: failing });
    }
    return { status: 'ready', checked: deps.readiness.map((p) => p.name) };
  });

  app.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });

  for (const plugin of deps.routes ?? []) await app.register(plugin);
  return app;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
