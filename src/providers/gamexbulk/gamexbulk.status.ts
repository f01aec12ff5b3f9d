import { Money } from '../../core/money.js';
import type { PlayerCheck, RejectionCode, ResellerOrderState, ResellerOrderStatus } from '../../core/ports/reseller.js';
import type { WireError, WireOrder, WirePlayerCheck } from './gamexbulk.wire.js';

/** Every order status in the document's lifecycle table. */
export const gamexStatuses = ['PENDING', 'PROCESSING', 'COMPLETED', 'CANCELED', 'FAILED'] as const;
export type GamexStatus = (typeof gamexStatuses)[number];

function asKnownStatus(raw: string): GamexStatus | undefined {
  const upper = raw.trim().toUpperCase();
  // The British spelling is unambiguous; accepting it avoids parking a final order for review.
  const normalized = upper === 'CANCELLED' ? 'CANCELED' : upper;
  return (gamexStatuses as readonly string[]).includes(normalized) ? (normalized as GamexStatus) : undefined;
}

/**
 * The core's view of a GamexBulk order status. `CANCELED` (legacy and order views) and
 * `FAILED` (events mode) are both terminal failures. An unknown status is never treated as
 * final: it stays `processing` so the reconciler keeps asking and an operator can look.
 */
export function mapOrderStatus(raw: string): ResellerOrderStatus {
  const status = asKnownStatus(raw);
  if (status === undefined) return 'processing';
  switch (status) {
    case 'PENDING':
      return 'pending';
    case 'PROCESSING':
      return 'processing';
    case 'COMPLETED':
      return 'completed';
    case 'CANCELED':
    case 'FAILED':
      return 'failed';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/**
 * Error codes. The document prints only `VALIDATION_ERROR`; the other names are assumed
 * (the usual names for the situations the document describes), and {@link mapError} falls
 * back on the HTTP status when a code is not among them.
 */
export const gamexErrorCodes = [
  'VALIDATION_ERROR',
  'INSUFFICIENT_BALANCE',
  'OUT_OF_STOCK',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_INACTIVE',
  'PLAYER_NOT_FOUND',
  'INVALID_QTY',
  'IDEMPOTENCY_CONFLICT',
  'ORDER_NOT_FOUND',
] as const;
export type GamexErrorCode = (typeof gamexErrorCodes)[number];

/** What an error answer means to the core: a rejection before charging, or "look it up". */
export type ErrorMeaning = { kind: 'rejected'; code: RejectionCode } | { kind: 'unknown' };

const rejected = (code: RejectionCode): ErrorMeaning => ({ kind: 'rejected', code });

function byHttpStatus(httpStatus: number): ErrorMeaning {
  if (httpStatus === 402) return rejected('reseller_balance_low');
  if (httpStatus === 404) return rejected('product_not_found');
  // A conflict on order creation means an order may already exist under our key.
  if (httpStatus === 409) return { kind: 'unknown' };
  return rejected('reseller_rejected');
}

/** Maps an error answer to the core's meaning; unknown codes are rejections, never successes. */
export function mapError(error: WireError, httpStatus: number): ErrorMeaning {
  const code = error.code.trim().toUpperCase();
  if (!(gamexErrorCodes as readonly string[]).includes(code)) return byHttpStatus(httpStatus);
  const known = code as GamexErrorCode;
  switch (known) {
    case 'VALIDATION_ERROR':
      // One code covers every bad field; the only non-player field a caller controls is qty.
      return /\bqty\b|quantity/i.test(error.message ?? '') ? rejected('quantity_not_allowed') : rejected('player_fields_invalid');
    case 'INSUFFICIENT_BALANCE':
      return rejected('reseller_balance_low');
    case 'OUT_OF_STOCK':
      return rejected('out_of_stock');
    case 'PRODUCT_NOT_FOUND':
      return rejected('product_not_found');
    case 'PRODUCT_INACTIVE':
      return rejected('provider_inactive');
    case 'PLAYER_NOT_FOUND':
      return rejected('player_not_found');
    case 'INVALID_QTY':
      return rejected('quantity_not_allowed');
    case 'IDEMPOTENCY_CONFLICT':
      return { kind: 'unknown' };
    case 'ORDER_NOT_FOUND':
      return rejected('reseller_rejected');
    default: {
      const unreachable: never = known;
      return unreachable;
    }
  }
}

/** HTTP statuses whose bodies are business answers (the error envelope), not transport failures. */
export const businessErrorStatuses = [400, 402, 404, 409, 422];

/**
 * The core's state of one order view, create answer or webhook body. `delivery` codes become
 * both the items (one per code) and the stored `deliveryCode` (all codes, one per line).
 */
export function orderStateOf(order: WireOrder, accountCurrency: string | undefined): ResellerOrderState {
  const status = mapOrderStatus(order.status);
  const currency = order.currency?.toUpperCase() ?? accountCurrency;
  const codes = order.delivery;
  return {
    status,
    resellerOrderId: order.order_id,
    ...(codes.length > 0 ? { items: codes.map((code) => ({ code })), deliveryCode: codes.join('\n') } : {}),
    ...(status === 'failed' ? { failureDetail: `GamexBulk status ${order.status}${order.message ? `: ${order.message}` : ''}` } : {}),
    ...(order.price && currency && /^[A-Z]{3}$/.test(currency) ? { cost: Money.of(order.price, currency) } : {}),
  };
}

/**
 * The verdict of `/validate-player`. A product with `validation_optional` (on the answer or
 * on the product) may be sold without a verified nickname: unverified means "not verifiable",
 * not "invalid". A product-side refusal says nothing about the player: the order decides.
 */
export function playerCheckOf(
  answer: { success: true; data: WirePlayerCheck } | { success: false; error: WireError },
  httpStatus: number,
  validationOptional: boolean,
): PlayerCheck {
  if (!answer.success) {
    const meaning = mapError(answer.error, httpStatus);
    const detail = `${answer.error.code}${answer.error.message ? `: ${answer.error.message}` : ''}`;
    if (meaning.kind !== 'rejected') return { kind: 'not_verifiable' };
    if (meaning.code === 'player_not_found' && !validationOptional) return { kind: 'invalid', code: 'player_not_found', detail };
    if (meaning.code === 'player_fields_invalid') return { kind: 'invalid', code: 'player_fields_invalid', detail };
    return { kind: 'not_verifiable' };
  }
  const check = answer.data;
  if (check.nickname_verified === true || (check.nickname_verified === undefined && check.nickname)) {
    return { kind: 'valid', nickname: check.nickname ?? null };
  }
  if (check.validation_optional === true || validationOptional) return { kind: 'not_verifiable' };
  return { kind: 'invalid', code: 'player_not_found', detail: 'nickname not verified' };
}
