import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingWebhook, ResellerWebhookEvent } from '../../core/ports/reseller.js';
import { orderStateOf } from './gamexbulk.status.js';
import { webhookSchema } from './gamexbulk.wire.js';

export const SIGNATURE_HEADER = 'x-gamex-signature';
export const EVENT_HEADER = 'x-gamex-event';
/** The only event the document names; events-mode deliveries carry it in a header and the body. */
export const ORDER_EVENT = 'order.status_changed';

/** A header by name, whatever its case; the first value when repeated. */
export function headerValue(headers: IncomingWebhook['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` for a secret: what GamexBulk sends. */
export function signBody(rawBody: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * Whether `header` is GamexBulk's signature of `rawBody` under `secret`. The digests are
 * compared as bytes in constant time, after a length check (timingSafeEqual throws on unequal
 * lengths); hex case does not matter.
 */
export function signatureMatches(rawBody: Buffer, header: string, secret: string): boolean {
  const hex = /^sha256=([0-9a-f]+)$/i.exec(header.trim())?.[1];
  if (!hex || hex.length % 2 !== 0) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The normalized event of a webhook whose signature has already been checked. Legacy (final
 * only) and events-mode bodies share their order fields, so both give the same event. The
 * delivery id is the body's `event_id` when present (legacy), else a hash of the raw body:
 * a repeated delivery is byte-identical, so it gets the same id.
 */
export function normalizeWebhook(request: IncomingWebhook, accountCurrency: string | undefined): ResellerWebhookEvent {
  const eventName = headerValue(request.headers, EVENT_HEADER);
  if (eventName !== undefined && eventName.trim() !== ORDER_EVENT) return { kind: 'not_supported' };
  let json: unknown;
  try {
    json = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { kind: 'rejected', reason: 'malformed', detail: 'body is not JSON' };
  }
  const parsed = webhookSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    return { kind: 'rejected', reason: 'malformed', detail: `unexpected shape at ${where}` };
  }
  const body = parsed.data;
  if (body.event !== undefined && body.event !== ORDER_EVENT) return { kind: 'not_supported' };
  const deliveryId = body.event_id
    ? `gamexbulk:event:${body.event_id}`
    : `gamexbulk:body:${createHash('sha256').update(request.rawBody).digest('hex')}`;
  return {
    kind: 'order',
    deliveryId,
    ...(body.client_order_id ? { reference: body.client_order_id } : {}),
    resellerOrderId: body.order_id,
    state: orderStateOf(body, accountCurrency),
  };
}
