import type { Money } from '../money.js';

export type PaymentMethodId = 'wallet' | 'sellix' | 'stars';
export type PaymentPurpose = 'order' | 'wallet_topup';

/** Lifecycle of a payment we asked for. */
export type PaymentStatus =
  | 'pending'
  | 'paid'
  | 'expired'
  | 'cancelled'
  | 'partial'
  | 'disputed'
  | 'reversed'
  | 'refunded';

export interface StartPaymentRequest {
  /** Our payment reference: the idempotency key of this payment everywhere. */
  paymentReference: string;
  purpose: PaymentPurpose;
  amount: Money;
  /** Shown on the checkout page. */
  title: string;
  /** The order this pays for, when it pays for one. */
  orderReference?: string;
  buyer: { userId: string; platform: 'telegram' | 'discord'; platformUserId: string; email?: string };
  /** Where the checkout page sends the buyer back to (the bot's chat link). */
  returnUrl?: string;
}

export type PaymentStart =
  /** Hosted checkout: show the URL as a button. */
  | { kind: 'redirect'; url: string; externalId: string; expiresAt?: Date }
  /** The chat platform collects the payment itself (Telegram Stars invoice). */
  | { kind: 'invoice'; payload: string; amount: Money; title: string }
  | { kind: 'unavailable'; detail: string };

export type RefundOutcome =
  | { kind: 'refunded'; externalRefundId?: string }
  /** The method cannot refund by API (the operator refunds outside, or we credit the wallet). */
  | { kind: 'not_supported' }
  | { kind: 'failed'; detail: string };

/**
 * A way the buyer pays us, other than the wallet (which is the ledger itself). Confirmation
 * comes from a verified event — a webhook, or the chat platform's payment message — handed
 * to the core's payment service, never from the buyer's word.
 */
export interface PaymentMethod {
  readonly id: Exclude<PaymentMethodId, 'wallet'>;
  start(request: StartPaymentRequest): Promise<PaymentStart>;
  refund(payment: { paymentReference: string; externalId: string | null; amount: Money; detail: Record<string, unknown> }): Promise<RefundOutcome>;
  /**
   * Closes a checkout whose time ran out, so the buyer cannot pay it any more (best effort: a
   * payment that still arrives is credited to the wallet).
   */
  cancel?(payment: { paymentReference: string; externalId: string }): Promise<void>;
}

/** A verified event about a payment, normalized by its method's adapter. */
export type PaymentEvent =
  | {
      kind: 'paid';
      method: PaymentMethodId;
      /** Unique per delivery, for de-duplication. */
      deliveryId: string;
      paymentReference: string;
      externalId: string;
      /** What actually arrived: compared with what we asked for. */
      amount: Money;
      detail?: Record<string, unknown>;
    }
  | { kind: 'partial'; method: PaymentMethodId; deliveryId: string; paymentReference: string; externalId: string; amount: Money }
  | { kind: 'cancelled' | 'expired'; method: PaymentMethodId; deliveryId: string; paymentReference: string; externalId: string }
  | {
      kind: 'disputed' | 'reversed' | 'refunded';
      method: PaymentMethodId;
      deliveryId: string;
      paymentReference: string;
      externalId: string;
      detail?: string;
    }
  | { kind: 'ignored'; deliveryId: string; reason: string };
