import type { ProductType } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import type {
  DeliveredItem,
  RejectionCode,
  ResellerErrorKind,
  ResellerOrderState,
  ResellerOrderStatus,
} from '../../core/ports/reseller.js';
import type { WireError, WireOrder } from './xzian.wire.js';

/** Shown to operators on every XZian order that is not final yet. */
export const NEEDS_REVIEW =
  'XZian has no order status endpoint and no webhooks: confirm this order in the XZian dashboard and settle it by hand';

/**
 * Order statuses. The document prints none (only that the 200 answer has a `status`); these
 * are the words a store like this uses. Anything else is never taken as final.
 */
export const xzianStatuses = [
  'completed',
  'complete',
  'success',
  'delivered',
  'pending',
  'processing',
  'paid',
  'failed',
  'cancelled',
  'canceled',
  'refunded',
] as const;
export type XzianStatus = (typeof xzianStatuses)[number];

function asKnownStatus(raw: string | undefined): XzianStatus | undefined {
  const lower = (raw ?? '').trim().toLowerCase();
  return (xzianStatuses as readonly string[]).includes(lower) ? (lower as XzianStatus) : undefined;
}

/** The core's view of an XZian status; unknown or missing stays `processing` (operator review). */
export function mapOrderStatus(raw: string | undefined): ResellerOrderStatus {
  const status = asKnownStatus(raw);
  if (status === undefined) return 'processing';
  switch (status) {
    case 'completed':
    case 'complete':
    case 'success':
    case 'delivered':
      return 'completed';
    case 'pending':
      return 'pending';
    // `paid`: the wallet was charged, the delivery has not happened yet.
    case 'processing':
    case 'paid':
      return 'processing';
    case 'failed':
    case 'cancelled':
    case 'canceled':
    case 'refunded':
      return 'failed';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Every error code the document prints, on any route. */
export const xzianErrorCodes = [
  'insufficient_balance',
  'out_of_stock',
  'validation',
  'item_not_found',
  'wallet_disabled',
  'unauthorized',
  'user_not_found',
  'not_found',
] as const;
export type XzianErrorCode = (typeof xzianErrorCodes)[number];

/**
 * What an error answer to `POST /orders` means: a rejection before any order exists, a fault on
 * our side that created nothing (thrown as a typed error), or "may exist" (`unknown`).
 */
export type CreateErrorMeaning =
  | { kind: 'rejected'; code: RejectionCode }
  | { kind: 'error'; errorKind: ResellerErrorKind; message: string }
  | { kind: 'unknown' };

const rejected = (code: RejectionCode): CreateErrorMeaning => ({ kind: 'rejected', code });

function byHttpStatus(httpStatus: number): CreateErrorMeaning {
  if (httpStatus === 402) return rejected('reseller_balance_low');
  // No idempotency key exists, so a conflict cannot mean "duplicate": the document gives 409 to stock.
  if (httpStatus === 409) return rejected('out_of_stock');
  if (httpStatus === 404) return rejected('product_not_found');
  // A 5xx may come after the order was written.
  if (httpStatus >= 500) return { kind: 'unknown' };
  return rejected('reseller_rejected');
}

function asKnownCode(raw: string): XzianErrorCode | undefined {
  const lower = raw.trim().toLowerCase();
  // `validation_error` / `validation_failed` are read as the printed `validation`.
  const normalized = lower.startsWith('validation') ? 'validation' : lower;
  return (xzianErrorCodes as readonly string[]).includes(normalized) ? (normalized as XzianErrorCode) : undefined;
}

/** Maps an error answer of `POST /orders`; unknown codes fall back on the HTTP status, never on success. */
export function mapCreateError(error: WireError, httpStatus: number): CreateErrorMeaning {
  const code = asKnownCode(error.error);
  if (code === undefined) return byHttpStatus(httpStatus);
  switch (code) {
    case 'insufficient_balance':
      return rejected('reseller_balance_low');
    case 'out_of_stock':
      return rejected('out_of_stock');
    // `item_id` comes from the catalog, so the fields a validation error can be about are the player's.
    case 'validation':
      return rejected('player_fields_invalid');
    case 'item_not_found':
      return rejected('product_not_found');
    // Wallet checkout is switched off at XZian: nothing was charged; another offer may serve the buyer.
    case 'wallet_disabled':
      return rejected('provider_inactive');
    case 'unauthorized':
    case 'user_not_found':
      return { kind: 'error', errorKind: 'auth', message: `createOrder: the API key was refused (${code})` };
    // The route itself is unknown: a wrong base URL, and no order can exist.
    case 'not_found':
      return { kind: 'error', errorKind: 'bad_response', message: 'createOrder: unknown path (404 not_found): check the base URL' };
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** HTTP statuses of `POST /orders` whose bodies are business answers, not transport failures. */
export const createOrderAnswerStatuses = [400, 402, 404, 409, 503];

function itemsOf(order: WireOrder): DeliveredItem[] {
  const raw = [...(order.codes ?? []), ...(order.keys ?? []), ...(order.code ? [order.code] : [])];
  const items: DeliveredItem[] = [];
  for (const entry of raw) {
    if (typeof entry === 'string') items.push({ code: entry });
    else if (entry.code || entry.pin || entry.serial) {
      items.push({
        ...(entry.code ? { code: entry.code } : {}),
        ...(entry.pin ? { pin: entry.pin } : {}),
        ...(entry.serial ? { serial: entry.serial } : {}),
        ...(entry.label ? { label: entry.label } : {}),
      });
    }
  }
  return items;
}

/**
 * The core's state of a `POST /orders` answer, the only order view XZian gives. A voucher
 * reported complete without a code we can read is not delivered: it stays `processing` for an
 * operator. A `failed` answer is final but not known to be before charging, so no failover.
 */
export function orderStateOf(order: WireOrder, type: ProductType): ResellerOrderState {
  const items = itemsOf(order);
  let status = mapOrderStatus(order.status);
  let failureDetail: string | undefined;
  if (status === 'completed' && type === 'voucher' && items.length === 0) {
    status = 'processing';
    failureDetail = `XZian reports the voucher ${order.status ?? ''} but sent no code we can read. ${NEEDS_REVIEW}`;
  } else if (status === 'failed') {
    failureDetail = `XZian answered status ${order.status ?? ''}${order.message ? `: ${order.message}` : ''}`;
  } else if (status !== 'completed') {
    const known = asKnownStatus(order.status) !== undefined;
    failureDetail = `${known ? '' : `XZian status "${order.status ?? '(none)'}" is not understood. `}${NEEDS_REVIEW}`;
  }
  const cost = order.amount && order.currency ? Money.of(order.amount, order.currency) : undefined;
  return {
    status,
    resellerOrderId: order.order_id,
    ...(status === 'completed' && items.length > 0 ? { items } : {}),
    ...(failureDetail ? { failureDetail } : {}),
    ...(status === 'failed' ? { rejectedBeforeCharge: false } : {}),
    // Nothing will ever tell us more: hand it to an operator at once.
    ...(status === 'processing' || status === 'pending' ? { needsReview: true } : {}),
    ...(cost ? { cost } : {}),
  };
}
