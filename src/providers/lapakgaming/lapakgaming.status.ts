import type { RejectionCode, ResellerOrderStatus } from '../../core/ports/reseller.js';

/**
 * Every status code Lapakgaming documents, plus `TRANSACTION_EXIST`, which integrations
 * have seen on a repeated `partner_reference_id`.
 */
export const lapakgamingCodes = [
  'SUCCESS',
  'UNAUTHORIZED',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_EMPTY',
  'PROVIDER_NOT_FOUND',
  'PRICE_NOT_MATCH',
  'PROVIDER_INACTIVE',
  'TID_NOT_FOUND',
  'USER_ID_CONTAIN_SPACE',
  'STOCK_NOT_FOUND',
  'USER_ID_EMPTY',
  'INSUFFICIENT_BALANCE',
  'SYSTEM_ERROR',
  'UNKNOWN_ERROR',
  'NOT_ALLOWED',
  'TRANSACTION_EXIST',
] as const;
export type LapakgamingCode = (typeof lapakgamingCodes)[number];

const known: ReadonlySet<string> = new Set(lapakgamingCodes);

/** What a code means to the adapter, whichever endpoint answered it. */
export type CodeMeaning =
  | { kind: 'success' }
  /** Refused before anything was charged: the core may try the next offer. */
  | { kind: 'rejected'; code: RejectionCode }
  /** Our reference already has an order there: look it up, never place another. */
  | { kind: 'exists' }
  | { kind: 'not_found' }
  | { kind: 'auth' }
  /** The service failed on its side; whether it acted is unknown. */
  | { kind: 'service_error' }
  /** A code the document does not list. */
  | { kind: 'unrecognized'; code: string };

/** Maps a Lapakgaming status code; the switch is exhaustive over the documented codes. */
export function codeMeaning(code: string): CodeMeaning {
  if (!known.has(code)) return { kind: 'unrecognized', code };
  const documented = code as LapakgamingCode;
  switch (documented) {
    case 'SUCCESS':
      return { kind: 'success' };
    case 'PRICE_NOT_MATCH':
      return { kind: 'rejected', code: 'price_changed' };
    case 'PRODUCT_NOT_FOUND':
      return { kind: 'rejected', code: 'product_not_found' };
    case 'PRODUCT_EMPTY':
    case 'STOCK_NOT_FOUND':
      return { kind: 'rejected', code: 'out_of_stock' };
    // The product exists but the supplier behind it is gone or switched off: another
    // reseller may still sell it, so both are failover-able "provider" rejections.
    case 'PROVIDER_NOT_FOUND':
    case 'PROVIDER_INACTIVE':
      return { kind: 'rejected', code: 'provider_inactive' };
    case 'INSUFFICIENT_BALANCE':
      return { kind: 'rejected', code: 'reseller_balance_low' };
    case 'USER_ID_CONTAIN_SPACE':
    case 'USER_ID_EMPTY':
      return { kind: 'rejected', code: 'player_fields_invalid' };
    case 'NOT_ALLOWED':
      return { kind: 'rejected', code: 'reseller_rejected' };
    case 'TRANSACTION_EXIST':
      return { kind: 'exists' };
    case 'TID_NOT_FOUND':
      return { kind: 'not_found' };
    case 'UNAUTHORIZED':
      return { kind: 'auth' };
    case 'SYSTEM_ERROR':
    case 'UNKNOWN_ERROR':
      return { kind: 'service_error' };
    default: {
      const unreachable: never = documented;
      return { kind: 'unrecognized', code: unreachable };
    }
  }
}

/** Order statuses of Get Order Status and the order callback. */
export const lapakgamingOrderStatuses = ['SUCCESS', 'PENDING', 'REFUNDED'] as const;
export type LapakgamingOrderStatus = (typeof lapakgamingOrderStatuses)[number];
const knownStatuses: ReadonlySet<string> = new Set(lapakgamingOrderStatuses);

/**
 * The core's state for an order status. An unknown status stays `processing`, so the
 * reconciler keeps asking and an operator reviews it, rather than a guessed final state.
 */
export function orderStatus(status: string): ResellerOrderStatus {
  const upper = status.trim().toUpperCase();
  if (!knownStatuses.has(upper)) return 'processing';
  const documented = upper as LapakgamingOrderStatus;
  switch (documented) {
    case 'SUCCESS':
      return 'completed';
    case 'PENDING':
      return 'processing';
    // Lapakgaming charged the deposit and gave it back: the order failed after charging.
    case 'REFUNDED':
      return 'failed';
    default: {
      const unreachable: never = documented;
      return unreachable;
    }
  }
}
