import { Money } from '../../core/money.js';
import type { RejectionCode, ResellerOrderState, ResellerOrderStatus } from '../../core/ports/reseller.js';
import type { WireError, WireOrder } from './gamesdrop.wire.js';

/** Every order status in the document's table. */
export const gamesdropStatuses = ['SUBMITTED', 'PROCESSING', 'COMPLETED', 'CANCELED', 'REFUND'] as const;
export type GamesDropStatus = (typeof gamesdropStatuses)[number];

const spellings: Record<string, GamesDropStatus> = { CANCELLED: 'CANCELED', REFUNDED: 'REFUND' };

function asKnownStatus(raw: string): GamesDropStatus | undefined {
  const upper = raw.trim().toUpperCase();
  const normalized = spellings[upper] ?? upper;
  return (gamesdropStatuses as readonly string[]).includes(normalized) ? (normalized as GamesDropStatus) : undefined;
}

/**
 * The core's view of a GamesDrop status. `CANCELED` ("canceled due to an error") and `REFUND`
 * are both terminal failures. An unknown status is never final: it stays `processing`, so the
 * reconciler keeps asking and an operator can look.
 */
export function mapOrderStatus(raw: string): ResellerOrderStatus {
  const status = asKnownStatus(raw);
  if (status === undefined) return 'processing';
  switch (status) {
    case 'SUBMITTED':
      return 'pending';
    case 'PROCESSING':
      return 'processing';
    case 'COMPLETED':
      return 'completed';
    case 'CANCELED':
    case 'REFUND':
      return 'failed';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Every error code in the document's table. */
export const gamesdropErrorCodes = [
  'INVALID_TOKEN',
  'OFFER_NOT_FOUND',
  'TRANSACTION_DUPLICATE',
  'WRONG_PRICE',
  'ORDER_NOT_FOUND',
  'ORDER_NOT_PROCESSING',
  'ORDER_NOT_COMPLETED',
  'ORDER_ALREADY_CANCELED',
  'ORDER_ALREADY_REFUNDED',
  'SERVICE_UNAVAILABLE',
  'INVALID_REQUEST_BODY',
  'INSUFFICIENT_BALANCE',
  'BALANCE_UNAVAILABLE',
] as const;
export type GamesDropErrorCode = (typeof gamesdropErrorCodes)[number];

/** What an error code means, whichever endpoint sent it; each caller turns it into its own answer. */
export type ErrorMeaning =
  | 'auth'
  | 'offer_not_found'
  | 'duplicate'
  | 'wrong_price'
  | 'order_not_found'
  | 'order_not_ready'
  | 'order_canceled'
  | 'order_refunded'
  | 'unavailable'
  | 'bad_request'
  | 'balance_low'
  | 'balance_unavailable'
  | 'out_of_stock'
  | 'unknown';

/**
 * Maps a code to its meaning. The document has no out-of-stock code; GamesDrop's predecessor
 * API answered `PRODUCT_OFFER_OUT_OF_STOCK`, so any code naming it is read as out of stock.
 */
export function errorMeaning(code: string | undefined): ErrorMeaning {
  const upper = code?.trim().toUpperCase() ?? '';
  if (/OUT_OF_STOCK/.test(upper)) return 'out_of_stock';
  if (!(gamesdropErrorCodes as readonly string[]).includes(upper)) return 'unknown';
  const known = upper as GamesDropErrorCode;
  switch (known) {
    case 'INVALID_TOKEN':
      return 'auth';
    case 'OFFER_NOT_FOUND':
      return 'offer_not_found';
    case 'TRANSACTION_DUPLICATE':
      return 'duplicate';
    case 'WRONG_PRICE':
      return 'wrong_price';
    case 'ORDER_NOT_FOUND':
      return 'order_not_found';
    case 'ORDER_NOT_PROCESSING':
    case 'ORDER_NOT_COMPLETED':
      return 'order_not_ready';
    case 'ORDER_ALREADY_CANCELED':
      return 'order_canceled';
    case 'ORDER_ALREADY_REFUNDED':
      return 'order_refunded';
    case 'SERVICE_UNAVAILABLE':
      return 'unavailable';
    case 'INVALID_REQUEST_BODY':
      return 'bad_request';
    case 'INSUFFICIENT_BALANCE':
      return 'balance_low';
    case 'BALANCE_UNAVAILABLE':
      return 'balance_unavailable';
    default: {
      const unreachable: never = known;
      return unreachable;
    }
  }
}

/** What a create-order error means to the core. */
export type CreateOutcome =
  | { kind: 'rejected'; code: RejectionCode }
  | { kind: 'duplicate' }
  | { kind: 'wrong_price' }
  | { kind: 'auth' }
  /** The service may or may not hold the order: look it up (or retry through the duplicate path). */
  | { kind: 'unknown' };

/**
 * Create-order errors. Rejections happen before GamesDrop charges; `SERVICE_UNAVAILABLE` is
 * "retry later" and says nothing certain about the order, so it is `unknown`. Unknown codes are
 * rejections (never successes), as are order-state codes that make no sense on creation.
 */
export function createOutcome(meaning: ErrorMeaning): CreateOutcome {
  const rejected = (code: RejectionCode): CreateOutcome => ({ kind: 'rejected', code });
  switch (meaning) {
    case 'auth':
      return { kind: 'auth' };
    case 'offer_not_found':
      return rejected('product_not_found');
    case 'duplicate':
      return { kind: 'duplicate' };
    case 'wrong_price':
      return { kind: 'wrong_price' };
    case 'balance_low':
      return rejected('reseller_balance_low');
    // The service cannot charge just now; another reseller's offer can still be tried.
    case 'balance_unavailable':
      return rejected('provider_inactive');
    case 'out_of_stock':
      return rejected('out_of_stock');
    case 'unavailable':
      return { kind: 'unknown' };
    // Our side builds every field but the player's; still, a malformed body may be our bug, so
    // the buyer is not told their id is wrong: the operator reads the detail.
    case 'bad_request':
    case 'order_not_found':
    case 'order_not_ready':
    case 'order_canceled':
    case 'order_refunded':
    case 'unknown':
      return rejected('reseller_rejected');
    default: {
      const unreachable: never = meaning;
      return unreachable;
    }
  }
}

/** Codes or keys delivered with an order; the document prints one `key`, a later one `keys`. */
export function keysOf(order: WireOrder): string[] {
  return [...new Set([...order.key, ...order.keys])];
}

/**
 * The core's state of an order answer. A completed order that should return data but carries
 * no key is reported by {@link needsKeys}; the adapter fetches them before calling it complete.
 */
export function orderStateOf(order: WireOrder, knownOrderId?: string): ResellerOrderState {
  const status = mapOrderStatus(order.status);
  const keys = keysOf(order);
  const orderId = order.orderId ?? knownOrderId;
  return {
    status,
    ...(orderId ? { resellerOrderId: orderId } : {}),
    ...(keys.length > 0 ? { items: keys.map((code) => ({ code })) } : {}),
    ...(status === 'failed' ? { failureDetail: `GamesDrop status ${order.status}` } : {}),
    ...(status === 'processing' && asKnownStatus(order.status) === undefined
      ? { failureDetail: `GamesDrop sent an unknown status ${order.status}: needs review` }
      : {}),
    ...(order.price && order.currency ? { cost: Money.of(order.price, order.currency) } : {}),
  };
}

/** A completed order that promises data for the customer but whose answer carried none. */
export function needsKeys(order: WireOrder): boolean {
  return mapOrderStatus(order.status) === 'completed' && order.isReturnDataForCustomer === true && keysOf(order).length === 0;
}

/** A short operator-facing description of an error answer. */
export function describeError(error: WireError, httpStatus: number): string {
  return `HTTP ${httpStatus} ${error.code ?? 'without a code'}${error.message ? `: ${error.message}` : ''}`;
}
