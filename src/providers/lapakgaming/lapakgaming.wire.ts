import { z } from 'zod';

/*
 * What Lapakgaming sends, as zod schemas. The public document is an overview; the shapes
 * come from the "facts gathered" notes (mostly seen in third-party integrations), so the
 * schemas are tolerant: amounts as JSON numbers or strings, optional fields nullable, and
 * lists either bare or wrapped in an object.
 */

/** An amount as Lapakgaming sends it: a JSON number (IDR has no minor unit) or a string. */
export const wireAmount = z.union([z.number(), z.string()]);
export type WireAmount = z.infer<typeof wireAmount>;

const text = z.string().nullish();
const idLike = z.union([z.string(), z.number()]).transform(String);

/**
 * The `{code, data}` envelope. `SUCCESS` must carry the endpoint's data; any other code is a
 * business answer (`PRICE_NOT_MATCH`, `TID_NOT_FOUND`, …) whose data is ignored. The result
 * is discriminated on `ok` so callers cannot read data from a failure.
 */
export function envelope<T extends z.ZodType>(data: T) {
  return z.union([
    z.object({ code: z.literal('SUCCESS'), data }).transform((v) => ({ ok: true as const, data: (v as { data: unknown }).data as z.output<T> })),
    z
      .object({
        code: z.string().refine((code) => code !== 'SUCCESS', 'SUCCESS without the expected data'),
        message: z.unknown().optional(),
      })
      .transform((v) => ({
        ok: false as const,
        code: v.code,
        message: typeof v.message === 'string' ? v.message : undefined,
      })),
  ]);
}
export type Enveloped<T> = { ok: true; data: T } | { ok: false; code: string; message: string | undefined };

/** Accepts a bare list or an object holding it under one of `keys`. */
function listOf<T extends z.ZodType>(item: T, ...keys: string[]) {
  return z.union([
    z.array(item),
    z.record(z.string(), z.unknown()).transform((obj, ctx) => {
      for (const key of keys) {
        const parsed = z.array(item).safeParse(obj[key]);
        if (parsed.success) return parsed.data;
      }
      ctx.addIssue({ code: 'custom', message: `expected a list under ${keys.join(' or ')}` });
      return z.NEVER;
    }),
  ]);
}

const formOption = z.union([
  z.string().transform((value) => ({ value, name: value })),
  z.object({ value: idLike, name: text, label: text }).transform((o) => ({ value: o.value, name: o.name ?? o.label ?? o.value })),
]);

export const wireForm = z.object({
  name: z.string(),
  type: text,
  label: text,
  required: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  options: z.array(formOption).nullish(),
});
export type WireForm = z.infer<typeof wireForm>;

export const wireCategory = z.object({
  code: z.string(),
  name: z.string(),
  variant: text,
  /** Whether `uid-check` works for it; seen as a boolean, 0/1 and "1". */
  check_id: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  country_code: text,
  /** Not in the facts; read when present so a publisher flag can mark Hoyoverse games. */
  publisher: text,
  forms: z.array(wireForm).nullish(),
  servers: z.array(z.object({ value: idLike, name: text })).nullish(),
});
export type WireCategory = z.infer<typeof wireCategory>;

export const categoriesData = listOf(wireCategory, 'categories');

export const wireProduct = z.object({
  code: z.string(),
  name: z.string(),
  provider_code: text,
  price: wireAmount,
  process_time: z.union([z.string(), z.number()]).nullish(),
  country_code: text,
  /** `available` or `empty`. */
  status: text,
  /** Only on Get All Products since v1.4. */
  category_code: text,
});
export type WireProduct = z.infer<typeof wireProduct>;

export const productsData = listOf(wireProduct, 'products');

export const balanceData = z.object({ balance: wireAmount });

export const createOrderData = z.object({ tid: idLike, total_price: wireAmount.nullish() });

export const wireTransaction = z.object({
  id: idLike.nullish(),
  product_name: text,
  note: text,
  status: text,
  voucher_code: text,
});
export type WireTransaction = z.infer<typeof wireTransaction>;

export const orderStatusData = z.object({
  status: z.string(),
  tid: idLike.nullish(),
  /** Our `partner_reference_id`, as the facts name it. */
  reference_id: text,
  partner_reference_id: text,
  transactions: z.array(wireTransaction).nullish(),
});
export type WireOrderStatus = z.infer<typeof orderStatusData>;

export const uidCheckData = z.object({ name: text }).nullish();

export const wireGroupProduct = z.object({
  code: z.string(),
  country_code: text,
  name: z.string(),
  price: wireAmount,
  process_time: z.union([z.string(), z.number()]).nullish(),
});
export type WireGroupProduct = z.infer<typeof wireGroupProduct>;

export const groupProductsData = listOf(wireGroupProduct, 'products', 'best_products');

/** The real-time best product: an object, or wrapped, or a one-item list. */
export const bestProductData = z.union([
  wireGroupProduct,
  z.object({ product: wireGroupProduct }).transform((v) => v.product),
  z.array(wireGroupProduct).transform((v, ctx) => {
    if (v[0]) return v[0];
    ctx.addIssue({ code: 'custom', message: 'empty best-product list' });
    return z.NEVER;
  }),
]);

export const fxRateData = z.object({
  from_currency: z.string(),
  to_currency: z.string(),
  buy_rate: wireAmount,
  sell_rate: wireAmount,
  created_date: z.string(),
});

/** An order names its tid or transactions; a product callback's `data` has neither. */
const orderCallbackData = orderStatusData.refine((d) => Boolean(d.tid) || Array.isArray(d.transactions), 'not an order');

/** Order callback: the order-status body, with or without its envelope. */
export const orderCallback = z.union([
  z.object({ code: z.string().optional(), data: orderCallbackData }).transform((v) => v.data),
  orderCallbackData,
]);

export const productCallback = z.object({
  data: z.object({
    code: z.string(),
    name: text,
    provider_code: text,
    price: wireAmount.nullish(),
    status: text,
  }),
  meta: z.object({ level: z.unknown().optional(), unix_timestamp: z.union([z.number(), z.string()]).nullish() }).nullish(),
});
export type WireProductCallback = z.infer<typeof productCallback>;
