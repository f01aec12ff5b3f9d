import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingWebhook, ResellerWebhookEvent } from '../../core/ports/reseller.js';
import { idr } from './lapakgaming.catalog.js';
import { orderState, referenceOf } from './lapakgaming.order.js';
import { orderCallback, productCallback } from './lapakgaming.wire.js';

export interface CallbackGuard {
  /** The secret in our callback URL (`/webhooks/lapakgaming/:token` or `?token=`). */
  token: string | undefined;
  /** Source IPs allowed to call back; empty = any. */
  ips: readonly string[];
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so neither the length nor the content leaks by timing.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same caller. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/**
 * Whether an unsigned callback may be trusted: the token in its URL must match (compared
 * in constant time), and its source IP must be allowed when an allowlist is set. Without a
 * configured token every callback is refused, since nothing else proves where it came from.
 */
export function checkCallback(request: IncomingWebhook, guard: CallbackGuard): ResellerWebhookEvent | undefined {
  const given = request.params.token ?? request.query.token;
  if (!guard.token) return { kind: 'rejected', reason: 'bad_token', detail: 'no callback token configured' };
  if (!given || !sameSecret(given, guard.token)) return { kind: 'rejected', reason: 'bad_token' };
  if (guard.ips.length > 0) {
    const ip = normalizeIp(request.ip);
    if (!isIP(ip) || !guard.ips.some((allowed) => normalizeIp(allowed) === ip)) {
      return { kind: 'rejected', reason: 'forbidden_ip', detail: `callback from ${request.ip}` };
    }
  }
  return undefined;
}

/**
 * The newest product-callback time seen per sku. Product callbacks can arrive out of order
 * (retries, parallel deliveries); an older one must not undo a newer price. Kept in memory:
 * after a restart the next catalog refresh sets the truth anyway.
 */
export class ProductCallbackClock {
  private readonly latest = new Map<string, number>();

  /** False when a newer callback for the sku was already seen; an equal time is a repeat, let through for de-duplication. */
  accept(sku: string, unixTimestamp: number | undefined): boolean {
    if (unixTimestamp === undefined) return true;
    const seen = this.latest.get(sku);
    if (seen !== undefined && unixTimestamp < seen) return false;
    this.latest.set(sku, unixTimestamp);
    return true;
  }
}

/**
 * An order or product callback as a normalized event. Lapakgaming sends no delivery id and
 * retries with the same body, so the delivery id is a hash of the raw body.
 */
export function parseCallbackBody(rawBody: Buffer, clock: ProductCallbackClock): ResellerWebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'rejected', reason: 'malformed', detail: 'body is not JSON' };
  }
  const deliveryId = `lapakgaming:${createHash('sha256').update(rawBody).digest('hex')}`;

  const order = orderCallback.safeParse(json);
  if (order.success) {
    const state = orderState(order.data);
    const reference = referenceOf(order.data);
    return {
      kind: 'order',
      deliveryId,
      ...(reference ? { reference } : {}),
      ...(state.resellerOrderId ? { resellerOrderId: state.resellerOrderId } : {}),
      state,
    };
  }

  const product = productCallback.safeParse(json);
  if (!product.success) return { kind: 'not_supported' };
  const { data, meta } = product.data;
  let cost;
  try {
    cost = data.price === undefined || data.price === null ? undefined : idr(data.price);
  } catch {
    return { kind: 'rejected', reason: 'malformed', detail: 'product callback price is not a rupiah amount' };
  }
  const at = meta?.unix_timestamp === undefined || meta.unix_timestamp === null ? undefined : Number(meta.unix_timestamp);
  // A stale update is acknowledged and dropped: nothing in the shop should change.
  if (!clock.accept(data.code, Number.isFinite(at) ? at : undefined)) return { kind: 'not_supported' };
  // Only price and status: the catalog merges this over the product, and the name or our
  // `extra` (category, country) must not be replaced by a callback's partial view.
  return {
    kind: 'product',
    deliveryId,
    product: {
      sku: data.code,
      ...(cost ? { cost } : {}),
      ...(data.status ? { inStock: data.status.toLowerCase() === 'available' } : {}),
    },
  };
}
