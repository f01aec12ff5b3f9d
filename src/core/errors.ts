/**
 * Every expected outcome a buyer or admin can meet, in one registry. Each code has a message
 * key that every language file must define (a test checks it). Users see the message; the
 * operator gets the detail.
 */
export const errorCodes = {
  // player and product
  player_not_found: { messageKey: 'error-player-not-found' },
  player_fields_invalid: { messageKey: 'error-player-fields-invalid' },
  product_not_found: { messageKey: 'error-product-not-found' },
  out_of_stock: { messageKey: 'error-out-of-stock' },
  price_changed: { messageKey: 'error-price-changed' },
  not_for_sale: { messageKey: 'error-not-for-sale' },
  stale_fx_rate: { messageKey: 'error-stale-fx-rate' },
  quantity_not_allowed: { messageKey: 'error-quantity-not-allowed' },
  // reseller side
  provider_inactive: { messageKey: 'error-provider-inactive' },
  reseller_unavailable: { messageKey: 'error-reseller-unavailable' },
  reseller_balance_low: { messageKey: 'error-reseller-balance-low' },
  reseller_rejected: { messageKey: 'error-reseller-rejected' },
  // buyer side
  quote_expired: { messageKey: 'error-quote-expired' },
  wallet_insufficient: { messageKey: 'error-wallet-insufficient' },
  coupon_invalid: { messageKey: 'error-coupon-invalid' },
  coupon_expired: { messageKey: 'error-coupon-expired' },
  coupon_used_up: { messageKey: 'error-coupon-used-up' },
  buyer_banned: { messageKey: 'error-buyer-banned' },
  blacklisted: { messageKey: 'error-blacklisted' },
  rate_limited: { messageKey: 'error-rate-limited' },
  payment_method_unavailable: { messageKey: 'error-payment-method-unavailable' },
  payment_failed: { messageKey: 'error-payment-failed' },
  order_not_found: { messageKey: 'error-order-not-found' },
  // admin
  not_allowed: { messageKey: 'error-not-allowed' },
  invalid_input: { messageKey: 'error-invalid-input' },
  internal: { messageKey: 'error-internal' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An expected failure, returned as a value. `detail` is for operators and logs only. */
export interface Failure<C extends ErrorCode = ErrorCode> {
  ok: false;
  code: C;
  detail?: string;
  /** Values the user-facing message may show (new price, retry seconds, …). */
  params?: Record<string, string>;
}

export interface Success<T> {
  ok: true;
  value: T;
}

export type Result<T, C extends ErrorCode = ErrorCode> = Success<T> | Failure<C>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = <C extends ErrorCode>(code: C, detail?: string, params?: Record<string, string>): Failure<C> => ({
  ok: false,
  code,
  ...(detail === undefined ? {} : { detail }),
  ...(params === undefined ? {} : { params }),
});

/** An unexpected failure: thrown, logged with detail, shown to the user as `internal`. */
export class UnexpectedError extends Error {
  constructor(
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnexpectedError';
  }
}
