import { z } from 'zod';

/*
 * What the XZian Store API sends, as zod schemas. The document names fields but prints few
 * shapes, so these are tolerant: ids as numbers or strings, amounts as decimal strings or JSON
 * numbers, and the product list bare or wrapped (provider-docs/README.md, "XZian").
 */

/**
 * An amount. A JSON number is accepted only when finite and turned into its shortest string
 * form at once (the document does not say which it sends), so no float arithmetic ever sees it.
 */
export const wireAmount = z.union([
  z.string().trim().regex(/^\d+(\.\d+)?$/),
  z
    .number()
    .refine((n) => Number.isFinite(n) && n >= 0, 'must be a finite, non-negative amount')
    .transform((n) => String(n)),
]);

const wireCurrency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/);

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `{"ok":false,"error":"not_found"}` — the one error shape the document prints. */
export const wireError = z.object({
  ok: z.literal(false).optional(),
  error: z.string().min(1),
  message: optionalText,
});
export type WireError = z.infer<typeof wireError>;

/** `GET /health` → `{"ok":true,"version":1}`. */
export const wireHealth = z.object({ ok: z.boolean(), version: z.number().int().nullish() });

/**
 * One row of `GET /products`. Printed: `item_id`, `price`/`currency` (BDT), `slug`, "names",
 * `description`. How the names are spelled is not printed, so `name`, `title` and a `names`
 * string or per-language record are all read. `category`, `game`, `type`, `stock` and
 * `in_stock` are not printed either: used when present, never required.
 */
export const wireProduct = z.object({
  item_id: z.union([z.number().int().nonnegative(), z.string().trim().min(1)]),
  price: wireAmount,
  currency: wireCurrency.nullish(),
  slug: optionalText,
  name: optionalText,
  title: optionalText,
  names: z.union([z.string(), z.record(z.string(), z.string().nullish())]).nullish(),
  description: z.string().nullish(),
  category: z.union([z.string(), z.object({ name: z.string() })]).nullish(),
  game: optionalText,
  type: optionalText,
  stock: z.number().int().nullish(),
  in_stock: z.boolean().nullish(),
});
export type WireProduct = z.infer<typeof wireProduct>;

/** The envelope of `GET /products` is not printed: a bare array, or one under `products`, `items` or `data`. */
export const wireProductList = z
  .union([
    z.array(wireProduct),
    z.object({ products: z.array(wireProduct) }),
    z.object({ items: z.array(wireProduct) }),
    z.object({ data: z.array(wireProduct) }),
  ])
  .transform((list) => (Array.isArray(list) ? list : 'products' in list ? list.products : 'items' in list ? list.items : list.data));

/**
 * `GET /me`. `user.balance` is the wallet in USD (the document: "internal USD string");
 * `balance_display` and `currency` are the store's display currency and are not read as money.
 */
export const wireMe = z.object({
  ok: z.literal(true).optional(),
  currency: optionalText,
  balance_display: optionalText,
  user: z.object({ balance: wireAmount, balance_display: optionalText }),
  api_key_id: z.union([z.number(), z.string()]).nullish(),
});
export const wireMeAnswer = z.union([wireMe, wireError]);

/** A delivered code; the document prints no delivery field, so a string or a code/pin/serial record is read. */
const wireCode = z.union([
  z.string().min(1),
  z.object({ code: optionalText, pin: optionalText, serial: optionalText, label: optionalText }),
]);

/**
 * `POST /orders` 200: `ok, order_id, status, amount, currency` (printed). Statuses and any
 * delivery field are not printed; `codes`, `keys` and `code` are read when present.
 */
export const wireOrder = z.object({
  ok: z.literal(true).optional(),
  order_id: z.union([z.number().int().nonnegative(), z.string().trim().min(1)]).transform(String),
  status: optionalText,
  amount: wireAmount.nullish(),
  currency: wireCurrency.nullish(),
  codes: z.array(wireCode).nullish(),
  keys: z.array(wireCode).nullish(),
  code: optionalText,
  message: optionalText,
});
export type WireOrder = z.infer<typeof wireOrder>;

/** An order, or the error envelope (402/409/400/404/503, and 200 with `ok:false` if it ever comes). */
export const wireCreateOrderAnswer = z.union([wireOrder, wireError]);
