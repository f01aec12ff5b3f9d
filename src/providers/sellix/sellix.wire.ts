import { z } from 'zod';

/*
 * What Sellix sends, as zod schemas (../shared/provider-docs/sellix.txt). Tolerant where the
 * document is loose: amounts are "float" in the document but may arrive as decimal strings,
 * `custom_fields` is an object in the examples but "array of objects" in the argument list
 * (and PHP encodes an empty map as `[]`), and most order fields may be missing or null.
 */

/** The order statuses the document lists for `status`. */
export const sellixOrderStatuses = [
  'PENDING',
  'COMPLETED',
  'VOIDED',
  'WAITING_FOR_CONFIRMATIONS',
  'PARTIAL',
  'REFUNDED',
  'REVERSED',
  'CUSTOMER_DISPUTE_ONGOING',
] as const;
export type SellixOrderStatus = (typeof sellixOrderStatuses)[number];

/**
 * The order events of the document's event list (`:product` variants are the same events for
 * product payments) plus `order:dispute`, the spelling its dispute section uses.
 */
export const sellixOrderEvents = [
  'order:created',
  'order:updated',
  'order:partial',
  'order:paid',
  'order:cancelled',
  'order:disputed',
  'order:dispute',
] as const;
export type SellixOrderEvent = (typeof sellixOrderEvents)[number];

/** Events that are not about an order: acknowledged and ignored. */
export const sellixOtherEvents = [
  'product:created',
  'product:stock',
  'product:edited',
  'product:dynamic',
  'query:created',
  'query:replied',
  'feedback:received',
] as const;

/**
 * An amount as a decimal string. JSON numbers are turned into their shortest string form at
 * once (exact for any amount Sellix prints), so no float arithmetic ever sees them.
 */
export const wireAmount = z.union([
  z.string().trim().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal'),
  z
    .number()
    .refine((n) => Number.isFinite(n) && n >= 0, 'must be a finite, non-negative amount')
    .transform((n) => String(n)),
]);

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

/** Our own fields travel here; only string values are kept. */
export const customFieldsSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .nullish()
  .transform((fields) => {
    const out: Record<string, string> = {};
    if (!fields || Array.isArray(fields)) return out;
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number') out[key] = String(value);
    }
    return out;
  });

/** The part of the order object a payment webhook needs; the rest is ignored. */
export const orderSchema = z.object({
  uniqid: z.string().min(1),
  status: z.string().min(1),
  /** "Total of the invoice in USD" per the document. */
  total: wireAmount,
  /** "Total of the invoice in the product's currency" per the document. */
  total_display: wireAmount.nullish(),
  currency: z
    .string()
    .trim()
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/)),
  custom_fields: customFieldsSchema,
  gateway: optionalText,
  crypto_amount: wireAmount.nullish().catch(undefined),
  crypto_received: wireAmount.nullish().catch(undefined),
  paypal_dispute: z
    .object({ reason: optionalText, status: optionalText, outcome: optionalText })
    .nullish()
    .catch(undefined),
});
export type WireOrder = z.infer<typeof orderSchema>;

/** `{event, data}`; `data` is checked against the order schema only for order events. */
export const webhookEnvelopeSchema = z.object({
  event: optionalText,
  data: z.unknown(),
});

/** Every answer's envelope; errors carry `error` (and `log`, which may echo the API key: never keep it). */
export const errorEnvelopeSchema = z.object({
  status: z.number().int().optional(),
  error: z.string().nullish(),
  message: z.string().nullish(),
});

/**
 * `POST /payments`: integrated checkout answers `data.url` (and `data.uniqid`), white-label
 * answers `data.invoice`; errors answer `data: null` with `error`.
 */
export const createPaymentAnswerSchema = errorEnvelopeSchema.extend({
  data: z
    .object({
      url: optionalText,
      uniqid: optionalText,
      invoice: z.object({ uniqid: z.string().min(1), url: optionalText }).nullish(),
    })
    .nullish(),
});
export type WireCreatePaymentAnswer = z.infer<typeof createPaymentAnswerSchema>;

export const deletePaymentAnswerSchema = errorEnvelopeSchema;

/** The `custom_fields` keys our references travel under, from payment creation to webhook. */
export const referenceFields = {
  payment: 'payment_reference',
  order: 'order_reference',
} as const;
