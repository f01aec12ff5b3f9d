import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus registry. Everything that wants a counter takes it from here, so
 * `/metrics` shows one consistent set and tests can build a fresh registry per app.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = {
    registry,
    httpRequests: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests served, by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    ordersByState: new Counter({
      name: 'orders_transitions_total',
      help: 'Order transitions, by the state entered',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    upstreamLatency: new Histogram({
      name: 'upstream_request_duration_seconds',
      help: 'Calls to resellers and payment services',
      labelNames: ['upstream', 'operation', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'upstream_errors_total',
      help: 'Failed calls to resellers and payment services, by kind',
      labelNames: ['upstream', 'kind'] as const,
      registers: [registry],
    }),
    webhookSignatureFailures: new Counter({
      name: 'webhook_signature_failures_total',
      help: 'Webhook deliveries refused for a bad signature or token',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    rateLimitHits: new Counter({
      name: 'rate_limit_hits_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['limiter'] as const,
      registers: [registry],
    }),
    resellerHealthy: new Gauge({
      name: 'reseller_healthy',
      help: '1 when the reseller is taking calls, 0 while its circuit is open',
      labelNames: ['reseller'] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
