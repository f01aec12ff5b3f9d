import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { IncomingWebhook, Reseller } from '../core/ports/reseller.js';
import { ResellerError } from '../core/ports/reseller.js';
import type { Shop } from '../core/shop.js';
import { operatorAlertMessage } from '../core/outbox/operator-alert.js';
import type { Logger } from '../logger.js';
import type { SellixWebhookResult } from '../providers/sellix/sellix.webhook.js';
import type { Metrics } from './metrics.js';

export interface WebhookRouteDeps {
  shop: Shop;
  resellers: readonly Reseller[];
  metrics: Metrics;
  logger: Logger;
  /** Verifies and parses a Sellix delivery; absent when Sellix is off. */
  sellix?: (request: { headers: IncomingWebhook['headers']; rawBody: Buffer }) => SellixWebhookResult;
  clock?: () => Date;
}

function incoming(request: FastifyRequest): IncomingWebhook {
  return {
    headers: request.headers,
    rawBody: request.rawBody ?? Buffer.alloc(0),
    params: (request.params ?? {}) as Record<string, string>,
    query: (request.query ?? {}) as Record<string, string>,
    ip: request.ip,
  };
}

/**
 * Upstream webhooks: each delivery is verified by its adapter, refused with 401 (counted and
 * shown to operators) when it is not genuine, de-duplicated, applied, and answered 2xx.
 */
export function webhookRoutes(deps: WebhookRouteDeps): FastifyPluginAsync {
  const clock = deps.clock ?? (() => new Date());
  // One operator alert per source per ten minutes, however many forged deliveries arrive.
  const alertRefused = async (source: string, reason: string) => {
    deps.metrics.webhookSignatureFailures.labels(source).inc();
    const window = Math.floor(clock().getTime() / 600_000);
    await deps.shop.storage.outbox.enqueue(
      operatorAlertMessage(`alert:webhook:${source}:${window}`, {
        kind: 'webhook_signature_failed',
        severity: 'warning',
        text: `Refused a ${source} webhook (${reason}). Check the secret, or someone is probing the endpoint.`,
      }),
    );
  };

  return async (app) => {
    for (const reseller of deps.resellers) {
      if (!reseller.capabilities.webhooks) continue;
      const handler = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
        let event;
        try {
          event = await reseller.parseWebhook(incoming(request));
        } catch (error) {
          // We could not verify it now (e.g. the secret lookup failed): ask the sender to retry.
          deps.logger.warn({ reseller: reseller.id, err: error instanceof ResellerError ? error.message : String(error) }, 'webhook could not be verified');
          return reply.status(503).send({ error: 'try again later' });
        }
        if (event.kind === 'rejected') {
          await alertRefused(reseller.id, event.reason);
          return reply.status(event.reason === 'malformed' ? 400 : 401).send({ error: 'refused' });
        }
        const outcome = await deps.shop.resellerEvents.handle(reseller.id, event);
        return reply.status(200).send({ ok: true, outcome });
      };
      app.post(`/webhooks/${reseller.id}`, handler);
      app.post(`/webhooks/${reseller.id}/:token`, handler);
    }

    const sellix = deps.sellix;
    if (sellix) {
      app.post('/webhooks/sellix', async (request, reply) => {
        const parsed = sellix({ headers: request.headers, rawBody: request.rawBody ?? Buffer.alloc(0) });
        if (!parsed.ok) {
          if (parsed.reason === 'bad_signature') {
            await alertRefused('sellix', parsed.reason);
            return reply.status(401).send({ error: 'refused' });
          }
          // Genuine but unusable: a retry from Sellix would not fix it, so acknowledge and tell operators.
          await deps.shop.storage.outbox.enqueue(
            operatorAlertMessage(`alert:sellix:${parsed.reason}:${Math.floor(clock().getTime() / 600_000)}`, {
              kind: 'payment_problem',
              severity: 'warning',
              text: `A Sellix webhook could not be used (${parsed.reason}).`,
            }),
          );
          return reply.status(200).send({ ok: false, reason: parsed.reason });
        }
        const outcome = await deps.shop.payments.handleEvent(parsed.event);
        return reply.status(200).send({ ok: true, outcome });
      });
    }
  };
}
