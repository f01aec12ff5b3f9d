import { z } from 'zod';

/*
 * What GamesDrop sends, as zod schemas. The document prints amounts as JSON numbers and is
 * loose about optional fields; public integrations show a few extra shapes (the error envelope,
 * rows carrying only `offerGroupId`, a short order-status answer, `keys` as a list). Every
 * schema here accepts the document's shape and those facts.
 */

/** Ids are JSON integers; digit strings are tolerated. Always a string here. */
export const wireId = z.union([z.number().int().nonnegative(), z.string().trim().regex(/^\d+$/)]).transform(String);

const finite = (n: number) => Number.isFinite(n);

/**
 * Amounts are JSON numbers ("price": 560.10). A number is turned into its shortest decimal
 * string at once (`String(n)` gives back exactly the digits that were sent for any amount of
 * up to 15 significant digits), so no float arithmetic ever touches money.
 */
export const wireAmount = z.union([
  z.string().trim().regex(/^\d+(\.\d+)?$/),
  z
    .number()
    .refine((n) => finite(n) && n >= 0, 'must be a finite, non-negative amount')
    .transform((n) => String(n)),
]);

/** Ledger amounts are negative for debits. */
export const wireSignedAmount = z.union([
  z.string().trim().regex(/^-?\d+(\.\d+)?$/),
  z
    .number()
    .refine(finite, 'must be a finite amount')
    .transform((n) => String(n)),
]);

/** `"USD"` in offers and orders, `{id, code}` in the balance answer. */
export const wireCurrency = z
  .union([z.string(), z.object({ code: z.string() }).transform((c) => c.code)])
  .transform((c) => c.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/));

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * The error envelope is not printed in the document; the service answers
 * `{error: {code, message}}` (seen, e.g. 401 `INVALID_TOKEN`). A framework 404 for a path the
 * service does not have looks like `{statusCode: 404, message, error: "Not Found"}`: its
 * `error` is prose, not a code, so `code` stays undefined and the caller can tell the two apart.
 */
export const errorBody = z
  .object({
    error: z.union([
      z.object({ code: z.string().optional(), message: z.string().optional(), orderId: wireId.optional() }),
      z.string(),
    ]),
    message: z.union([z.string(), z.array(z.string())]).optional(),
    orderId: wireId.optional(),
  })
  .transform((body) => {
    const inner = typeof body.error === 'string' ? { code: body.error } : body.error;
    const code = inner.code && /^[A-Z][A-Z0-9_]+$/.test(inner.code.trim()) ? inner.code.trim() : undefined;
    const message = 'message' in inner && inner.message ? inner.message : Array.isArray(body.message) ? body.message.join('; ') : body.message;
    // An order id on a duplicate answer is not documented; when present it saves a lookup.
    const orderId = ('orderId' in inner ? inner.orderId : undefined) ?? body.orderId;
    return { code, message, orderId };
  });
export type WireError = z.infer<typeof errorBody>;

export type Answer<T> = { kind: 'error'; error: WireError } | { kind: 'ok'; data: T };

/** A success shape or the error envelope; the error is tried first, since no success body has `error`. */
export function answer<T extends z.ZodType>(success: T) {
  return z.union([
    errorBody.transform((error) => ({ kind: 'error' as const, error })),
    success.transform((data: z.output<T>) => ({ kind: 'ok' as const, data })),
  ]);
}

/** One catalog row of `offers/sync`. Live rows carry `offerId` and `offerGroupId` (equal); some only the latter. */
export const offerRowSchema = z
  .object({
    offerId: wireId.nullish(),
    offerGroupId: wireId.nullish(),
    offerGroupName: optionalText,
    offerName: optionalText,
    productId: wireId.nullish(),
    productName: optionalText,
    price: wireAmount,
    currency: wireCurrency.nullish(),
    inStock: z.boolean().nullish(),
    isRequiredGameUserId: z.boolean().nullish(),
    isRequiredGameServerId: z.boolean().nullish(),
    isReturnDataForCustomer: z.boolean().nullish(),
    regionCode: optionalText,
  })
  .refine((row) => Boolean(row.offerId ?? row.offerGroupId), 'needs offerId or offerGroupId');
export type WireOfferRow = z.infer<typeof offerRowSchema>;

/** Rows are checked one by one by the adapter, so one odd row does not sink a page of a thousand. */
export const syncPageSchema = z.object({ count: z.number().int().nonnegative(), rows: z.array(z.unknown()) });

export const findOneSchema = z.object({
  offerId: wireId.optional(),
  productName: optionalText,
  offerName: optionalText,
  count: z.number().int().nullish(),
  price: wireAmount,
  currency: wireCurrency,
  isReturnDataForCustomer: z.boolean().nullish(),
  inStock: z.boolean().nullish(),
  isRequiredGameUserId: z.boolean().nullish(),
  isRequiredGameServerId: z.boolean().nullish(),
  /** An older guide lists the player fields an offer needs: `["gameUserId"]`. */
  required: z.array(z.string()).nullish(),
});
export type WireFindOne = z.infer<typeof findOneSchema>;

const keyList = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((k) => k.trim() !== ''));

/**
 * Create-order answer and order-status answer. An older guide answers order-status with only
 * `{status, isReturnDataForCustomer}`, so everything but `status` is optional here; the create
 * answer must carry `orderId` (checked by the adapter).
 */
export const orderSchema = z.object({
  orderId: wireId.optional(),
  count: z.number().int().nullish(),
  price: wireAmount.nullish(),
  currency: wireCurrency.nullish(),
  offerId: wireId.nullish(),
  productName: optionalText,
  offerName: optionalText,
  status: z.string().min(1),
  isReturnDataForCustomer: z.boolean().nullish(),
  key: keyList,
  keys: keyList,
  createdAt: optionalText,
});
export type WireOrder = z.infer<typeof orderSchema>;

/** `offers/keys`: `{key}` (GamesDrop's predecessor), or `{keys: string | string[]}`. */
export const keysSchema = z.object({ key: keyList, keys: keyList }).transform((k) => [...k.key, ...k.keys]);

/** `check-game-data` answers HTTP 200 with `VALID` (and the login) or `INVALID`. */
export const gameDataSchema = z.object({
  status: z.string().transform((s) => s.trim().toUpperCase()),
  gameUserLogin: z.string().nullish(),
  message: z.string().optional(),
});

/** The document's `{balance, draftBalance, currency: {id, code}}`; an older `{currency: "RUB", balance: null}` too. */
export const balanceSchema = z.object({
  balance: wireSignedAmount.nullable(),
  draftBalance: wireSignedAmount.nullish(),
  currency: wireCurrency,
});

export const transactionsSchema = z.object({
  transactions: z.array(
    z.object({
      id: wireId,
      amount: wireSignedAmount,
      type: z.string(),
      description: optionalText,
      balanceAfter: wireSignedAmount.nullish(),
      createdAt: z.string(),
    }),
  ),
  total: z.number().int().nonnegative(),
});
export type WireTransactions = z.infer<typeof transactionsSchema>;
