import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { buildServer } from '../src/http/server.js';
import { createMetrics } from '../src/http/metrics.js';
import { createRedisState } from '../src/infra/redis-state.js';

describe('HTTP server', () => {
  const deadRedis = createRedisState({ url: 'redis://127.0.0.1:1' });
  afterAll(() => deadRedis.close());

  async function app(redisCheck: () => Promise<void>) {
    return buildServer({
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      readiness: [
        { name: 'database', check: async () => {} },
        { name: 'redis', check: redisCheck },
      ],
    });
  }

  it('answers /healthz while the process is up', async () => {
    const server = await app(async () => {});
    const response = await server.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when every part answers', async () => {
    const server = await app(async () => {});
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json().checked).toEqual(['database', 'redis']);
  });

  it('answers /readyz 503 naming Redis when Redis cannot be reached', async () => {
    const server = await app(() => deadRedis.ping());
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().failing).toEqual(['redis']);
  });

  it('serves Prometheus metrics with process metrics and the request histogram', async () => {
    const server = await app(async () => {});
    await server.inject({ method: 'GET', url: '/healthz' });
    const response = await server.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('process_cpu_user_seconds_total');
    expect(response.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
  });

  it('rejects a body that is not JSON with 400, and keeps the raw bytes of one that is', async () => {
    const server = await buildServer({
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      readiness: [],
      routes: [
        async (instance) => {
          instance.post('/echo', async (request) => ({ raw: request.rawBody?.toString('utf8') }));
        },
      ],
    });
    const bad = await server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{nope' });
    expect(bad.statusCode).toBe(400);
    const good = await server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"a": 1}' });
    expect(good.json()).toEqual({ raw: '{"a": 1}' });
  });
});
