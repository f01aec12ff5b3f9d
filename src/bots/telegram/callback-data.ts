import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Typed inline-button data. Every button's `callback_data` is `<prefix>:<arg>:…`, checked with
 * zod on the way back in, and never longer than Telegram's 64 bytes. Data that does not decode
 * (an old button from a previous release, a forged press) is "expired": answered, nothing done.
 * Admin buttons have their own codec (features/admin/callbacks.ts) and prefixes.
 */

const page = z.coerce.number().int().min(1).max(10_000);
const listingId = z.string().regex(/^[A-Za-z0-9_-]{4,32}$/);
const key8 = z.string().regex(/^[A-Za-z0-9_-]{1,12}$/);
const quoteId = z.string().regex(/^[0-9a-f-]{8,40}$/i);
const flowId = z.string().regex(/^[A-Za-z0-9]{1,8}$/);
const reference = z.string().regex(/^[A-Za-z0-9-]{4,24}$/);
const amount = z.string().regex(/^\d{1,7}(\.\d{1,2})?$/);

const schemas = {
  /** Main menu. */
  m: z.tuple([z.enum(['home', 'shop', 'search', 'orders', 'wallet', 'help', 'lang'])]),
  /** Language choice. */
  lang: z.tuple([z.enum(['en', 'ru', 'id'])]),
  /** Browse: games list page. */
  bg: z.tuple([page]),
  /** Browse: categories of a game (`-` = vouchers without a game). */
  bc: z.tuple([key8]),
  /** Browse: listings of game/category, paged. */
  bl: z.tuple([key8, key8, page]),
  /** Buy a listing: starts the purchase flow. */
  pb: z.tuple([listingId]),
  /** Search results page (the query is in the session). */
  sr: z.tuple([page]),
  /** A button inside one purchase flow: flow id, action, optional argument. */
  f: z.union([z.tuple([flowId, z.enum(['u', 'c', 'p', 'x', 'b'])]), z.tuple([flowId, z.literal('o'), z.coerce.number().int().min(0).max(99)])]),
  /** Pay a quote: from the wallet, with Sellix, with Stars. Idempotent per quote. */
  pw: z.tuple([quoteId]),
  ps: z.tuple([quoteId]),
  pt: z.tuple([quoteId]),
  /** My orders page, and one order's details. */
  op: z.tuple([page]),
  od: z.tuple([reference]),
  /** Wallet: home, history page, top-up amounts, amount chosen, method chosen. */
  wb: z.tuple([]),
  wh: z.tuple([page]),
  wt: z.tuple([]),
  wa: z.tuple([amount]),
  wm: z.tuple([z.enum(['sellix', 'stars']), amount]),
} as const;

export type CallbackKind = keyof typeof schemas;
export type CallbackArgs<K extends CallbackKind> = z.output<(typeof schemas)[K]>;
export type CallbackData = { [K in CallbackKind]: { kind: K; args: CallbackArgs<K> } }[CallbackKind];

export const MAX_CALLBACK_BYTES = 64;

/** Builds a button's data; throws on arguments that would not decode or do not fit. */
export function encode<K extends CallbackKind>(kind: K, ...args: z.input<(typeof schemas)[K]>): string {
  const parsed = schemas[kind].safeParse(args);
  if (!parsed.success) throw new TypeError(`callback data ${kind}: bad arguments ${JSON.stringify(args)}`);
  const data = [kind, ...(args as unknown[]).map(String)].join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) throw new RangeError(`callback data ${kind} is longer than 64 bytes`);
  return data;
}

/** Reads a button's data; undefined for anything that is not ours or not valid. */
export function decode(data: string | undefined): CallbackData | undefined {
  if (!data || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return undefined;
  const [kind, ...args] = data.split(':');
  if (!kind || !Object.hasOwn(schemas, kind)) return undefined;
  const parsed = schemas[kind as CallbackKind].safeParse(args);
  return parsed.success ? ({ kind, args: parsed.data } as CallbackData) : undefined;
}

/** Narrows decoded data to one kind. */
export function decodeAs<K extends CallbackKind>(kind: K, data: string | undefined): CallbackArgs<K> | undefined {
  const decoded = decode(data);
  return decoded?.kind === kind ? (decoded.args as CallbackArgs<K>) : undefined;
}

/** A grammY `callbackQuery` trigger matching one kind (for `bot.callbackQuery(triggerFor('pb'), …)`). */
export function triggerFor(kind: CallbackKind): RegExp {
  return new RegExp(`^${kind}(?::|$)`);
}

/** A short, stable key for a game or category name that may be too long for button data. */
export function nameKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 8);
}
