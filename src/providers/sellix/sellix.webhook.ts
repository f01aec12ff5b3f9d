import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Dec, Money } from '../../core/money.js';
import type { PaymentEvent } from '../../core/ports/payment.js';
import {
  orderSchema,
  referenceFields,
  sellixOrderEvents,
  sellixOrderStatuses,
  sellixOtherEvents,
  webhookEnvelopeSchema,
  type SellixOrderEvent,
  type SellixOrderStatus,
  type WireOrder,
} from './sellix.wire.js';

export interface SellixWebhookRequest {
  /** As Node hands them over (names in any case). */
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as received: the signature is over them, not over a re-serialization. */
  rawBody: Buffer | string;
}

export type SellixWebhookRejection = 'bad_signature' | 'malformed' | 'missing_reference';

export type SellixWebhookResult =
  | { ok: true; event: PaymentEvent }
  | { ok: false; reason: SellixWebhookRejection; detail: string };

const SIGNATURE_HEADER = 'x-sellix-signature';
const EVENT_HEADER = 'x-sellix-event';

function header(headers: SellixWebhookRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** `X-Sellix-Signature` is the hex HMAC-SHA512 of the raw body; compared in constant time. */
export function verifySellixSignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (!secret || !signature || !/^[0-9a-f]{128}$/i.test(signature.trim())) return false;
  const given = Buffer.from(signature.trim(), 'hex');
  const expected = createHmac('sha512', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The hex signature Sellix would send for this body (for fakes and tests). */
export function signSellixBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha512', secret).update(rawBody).digest('hex');
}

type Mapped = { kind: 'paid' | 'partial' | 'cancelled' | 'expired' | 'disputed' | 'reversed' | 'refunded' } | { kind: 'ignored'; reason: string };

const ignored = (reason: string): Mapped => ({ kind: 'ignored', reason });

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The order status alone; `completed` says what COMPLETED means for the event at hand. */
function byStatus(status: string, completed: Mapped): Mapped {
  if (!isOneOf(sellixOrderStatuses, status)) {
    // History statuses (CUSTOMER_DISPUTE_CREATED, _UPDATED, _RESOLVED) may surface as the status too.
    if (status.startsWith('CUSTOMER_DISPUTE_')) return { kind: 'disputed' };
    return ignored(`status ${status} is not one a payment acts on`);
  }
  const known: SellixOrderStatus = status;
  switch (known) {
    case 'PENDING':
      return ignored('awaiting payment (PENDING)');
    case 'WAITING_FOR_CONFIRMATIONS':
      return ignored('payment seen, awaiting confirmations (WAITING_FOR_CONFIRMATIONS)');
    case 'COMPLETED':
      return completed;
    case 'VOIDED':
      return { kind: 'expired' };
    case 'PARTIAL':
      return { kind: 'partial' };
    case 'REFUNDED':
      return { kind: 'refunded' };
    case 'REVERSED':
      return { kind: 'reversed' };
    case 'CUSTOMER_DISPUTE_ONGOING':
      return { kind: 'disputed' };
    default:
      return known satisfies never;
  }
}

/**
 * Money arrives only with `order:paid` at COMPLETED; `order:updated` at COMPLETED is the same
 * news again and is ignored, so one payment yields one `paid` event.
 */
function classify(event: SellixOrderEvent, status: string): Mapped {
  switch (event) {
    case 'order:paid':
      return byStatus(status, { kind: 'paid' });
    case 'order:partial':
      return { kind: 'partial' };
    case 'order:cancelled':
      return { kind: 'cancelled' };
    case 'order:disputed':
    case 'order:dispute':
      return { kind: 'disputed' };
    case 'order:created':
    case 'order:updated':
      return byStatus(status, ignored(`${event} at COMPLETED: order:paid confirms the payment`));
    default:
      return event satisfies never;
  }
}

/**
 * The document calls `total` the invoice total in USD and `total_display` the total in the
 * invoice's currency, so `total_display` is read first and `total` is the fallback.
 */
function invoiceAmount(order: WireOrder): Money {
  return Money.of(order.total_display ?? order.total, order.currency);
}

/**
 * What arrived of a partial crypto payment, in the invoice's currency: its share of the crypto
 * amount due, rounded down once. Zero when Sellix does not say (never more than arrived).
 */
function partialAmount(order: WireOrder, full: Money): Money {
  if (order.crypto_amount && order.crypto_received) {
    const due = new Dec(order.crypto_amount);
    if (due.greaterThan(0)) return full.mul(Dec.min(new Dec(order.crypto_received).dividedBy(due), 1)).round('down');
  }
  return Money.zero(full.currency);
}

function disputeDetail(order: WireOrder): string {
  const dispute = order.paypal_dispute;
  const parts = [order.status, dispute?.reason, dispute?.status, dispute?.outcome].filter((p): p is string => Boolean(p));
  return parts.join(' / ');
}

/**
 * Verifies and reads one Sellix webhook delivery. Sellix sends no delivery id (the order's
 * `webhooks` list logs past deliveries, not this one), so `deliveryId` is
 * `<event>:<uniqid>:<status>`: a redelivery of the same event de-duplicates, while each new
 * event or status of the same order stays distinct. Other events get `<event>:sha256:<body hash>`.
 */
export function parseSellixWebhook(request: SellixWebhookRequest, secret: string): SellixWebhookResult {
  const raw = typeof request.rawBody === 'string' ? Buffer.from(request.rawBody, 'utf8') : request.rawBody;
  const signature = header(request.headers, SIGNATURE_HEADER);
  if (!secret) return { ok: false, reason: 'bad_signature', detail: 'no webhook secret configured' };
  if (!signature) return { ok: false, reason: 'bad_signature', detail: 'no X-Sellix-Signature header' };
  if (!verifySellixSignature(raw, signature, secret)) {
    return { ok: false, reason: 'bad_signature', detail: 'X-Sellix-Signature does not match the body' };
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'body is not JSON' };
  }
  const envelope = webhookEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'malformed', detail: 'body is not {event, data}' };
  const headerEvent = header(request.headers, EVENT_HEADER)?.trim() || undefined;
  // The body is signed and the header is not: they must agree when both are present.
  if (headerEvent && envelope.data.event && headerEvent !== envelope.data.event) {
    return { ok: false, reason: 'malformed', detail: `X-Sellix-Event ${headerEvent} differs from the body's ${envelope.data.event}` };
  }
  const sentEvent = envelope.data.event ?? headerEvent;
  if (!sentEvent) return { ok: false, reason: 'malformed', detail: 'no event name' };

  const baseEvent = sentEvent.replace(/:product$/, '');
  if (!isOneOf(sellixOrderEvents, baseEvent)) {
    const deliveryId = `${sentEvent}:sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const what = isOneOf(sellixOtherEvents, baseEvent) ? 'not about a payment' : 'not a Sellix event we know';
    return { ok: true, event: { kind: 'ignored', deliveryId, reason: `${sentEvent} is ${what}` } };
  }

  const parsed = orderSchema.safeParse(envelope.data.data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: 'malformed', detail: `${sentEvent}: unexpected order (${where})` };
  }
  const order = parsed.data;
  const deliveryId = `${sentEvent}:${order.uniqid}:${order.status}`;
  const mapped = classify(baseEvent, order.status);
  if (mapped.kind === 'ignored') return { ok: true, event: { kind: 'ignored', deliveryId, reason: mapped.reason } };

  const paymentReference = order.custom_fields[referenceFields.payment]?.trim();
  if (!paymentReference) {
    return { ok: false, reason: 'missing_reference', detail: `${sentEvent} for order ${order.uniqid} carries no ${referenceFields.payment}` };
  }
  let amount: Money;
  try {
    amount = invoiceAmount(order);
  } catch {
    return { ok: false, reason: 'malformed', detail: `${sentEvent}: amount is not money` };
  }
  const common = { method: 'sellix' as const, deliveryId, paymentReference, externalId: order.uniqid };
  switch (mapped.kind) {
    case 'paid':
      return {
        ok: true,
        event: {
          kind: 'paid',
          ...common,
          amount,
          detail: {
            sellixEvent: sentEvent,
            sellixStatus: order.status,
            totalUsd: order.total,
            ...(order.gateway ? { gateway: order.gateway } : {}),
            ...(order.custom_fields[referenceFields.order] ? { orderReference: order.custom_fields[referenceFields.order] } : {}),
          },
        },
      };
    case 'partial':
      return { ok: true, event: { kind: 'partial', ...common, amount: partialAmount(order, amount) } };
    case 'cancelled':
    case 'expired':
      return { ok: true, event: { kind: mapped.kind, ...common } };
    case 'disputed':
      return { ok: true, event: { kind: 'disputed', ...common, detail: disputeDetail(order) } };
    case 'reversed':
    case 'refunded':
      return { ok: true, event: { kind: mapped.kind, ...common, detail: order.status } };
    default:
      return mapped satisfies never;
  }
}
