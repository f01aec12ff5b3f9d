import { z } from 'zod';

/*
 * What GamexBulk.Shop sends, as zod schemas. Tolerant where the document is silent or loose:
 * ids may come as numbers or digit strings, amounts as decimal strings (documented) or JSON
 * numbers, and optional fields may be missing or null.
 */

/** Ids are JSON integers in the document; digit strings are accepted too. Always a string here. */
export const wireId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/**
 * Amounts are decimal strings in the document ("9.9900"). A JSON number is accepted only when
 * finite and turned into its shortest string form at once, so no float arithmetic ever sees it.
 */
export const wireAmount = z.union([
  z.string().trim().regex(/^\d+(\.\d+)?$/),
  z
    .number()
    .refine((n) => Number.isFinite(n) && n >= 0, 'must be a finite, non-negative amount')
    .transform((n) => String(n)),
]);

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

/** `{success:false, error:{code, message}}`; a bare string error is tolerated. */
export const errorEnvelope = z.object({
  success: z.literal(false),
  error: z.union([
    z.object({ code: z.string().default('UNKNOWN'), message: z.string().optional() }),
    z.string().transform((message) => ({ code: 'UNKNOWN', message })),
  ]),
});
export type WireError = z.infer<typeof errorEnvelope>['error'];

/** A success envelope around `data`, or the error envelope. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.union([z.object({ success: z.literal(true), data }), errorEnvelope]);
}

const pageMeta = z.object({
  total: z.number().int().optional(),
  per_page: z.number().int().optional(),
  current_page: z.number().int(),
  last_page: z.number().int(),
});

/** A list envelope; `meta` is printed for products only, so it is optional everywhere. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.union([z.object({ success: z.literal(true), data: z.array(item), meta: pageMeta.optional() }), errorEnvelope]);
}

export const accountSchema = z.object({
  user_id: z.union([z.number(), z.string()]).optional(),
  username: z.string().optional(),
  balance: wireAmount,
  webhook_secret: z.string().min(1),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
});
export type WireAccount = z.infer<typeof accountSchema>;

export const gameSchema = z.object({ id: wireId, name: z.string() });
export const categorySchema = z.object({ id: wireId, name: z.string(), game_id: wireId.nullish() });

/** A player field: `fields` is printed only as `[]`, so both names and objects are accepted. */
const fieldSchema = z.union([
  z.string().transform((name) => ({ name, label: undefined, required: undefined, options: undefined })),
  z.object({
    name: z.string().optional(),
    key: z.string().optional(),
    label: optionalText,
    required: z.boolean().optional(),
    options: z
      .array(
        z.union([
          z.string().transform((v) => ({ value: v, label: v })),
          z.object({ value: z.union([z.string(), z.number()]).transform(String), label: z.string().optional(), name: z.string().optional() }),
        ]),
      )
      .optional(),
  }),
]);
export type WireField = z.infer<typeof fieldSchema>;

export const productSchema = z.object({
  id: wireId,
  name: z.string(),
  game_id: wireId.nullish(),
  game: optionalText,
  category_id: wireId.nullish(),
  category: optionalText,
  /** `VOUCHER` / `TOPUP` in answers, lower case in the query filter. */
  type: z.string().transform((t) => t.trim().toLowerCase()),
  price: wireAmount,
  stock_status: optionalText,
  stock_count: z.number().int().nullish(),
  fields: z.array(fieldSchema).nullish(),
  validation_optional: z.boolean().optional(),
});
export type WireProduct = z.infer<typeof productSchema>;

export const playerCheckSchema = z.object({
  nickname: z.string().nullish(),
  nickname_verified: z.boolean().optional(),
  validation_optional: z.boolean().optional(),
});
export type WirePlayerCheck = z.infer<typeof playerCheckSchema>;

/** `delivery` is an array of codes in the legacy payload; a single string is tolerated. */
const deliverySchema = z
  .union([z.array(z.union([z.string(), z.number().transform(String)])), z.string()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((c) => c.trim() !== ''));

/** Order create answer, order view and list row share these fields. */
export const orderSchema = z.object({
  order_id: wireId,
  client_order_id: optionalText,
  status: z.string(),
  price: wireAmount.nullish(),
  currency: optionalText,
  delivery: deliverySchema,
  message: optionalText,
  created_at: optionalText,
});
export type WireOrder = z.infer<typeof orderSchema>;

/** Legacy (final only) and events-mode webhook bodies: one schema, the events fields optional. */
export const webhookSchema = orderSchema.extend({
  event: optionalText,
  event_id: optionalText,
  callback_mode: optionalText,
  product_id: wireId.nullish(),
  product_name: optionalText,
  timestamp: optionalText,
});
export type WireWebhook = z.infer<typeof webhookSchema>;
