import type { Money } from '../money.js';
import type { DeliveredItem } from './reseller.js';

export type Platform = 'telegram' | 'discord';

/** Where a buyer is reached: the identity they bought with. */
export interface BuyerAddress {
  userId: string;
  platform: Platform;
  platformUserId: string;
  language: string;
}

/** What the buyer sees of an order. Items are present only in notices to the order's owner. */
export interface OrderView {
  reference: string;
  state: string;
  listingName: string;
  quantity: number;
  price: Money;
  paymentMethod: string;
  player: Record<string, string>;
  nickname: string | null;
  items: DeliveredItem[];
  /** Error code (registry) when failed/refunded/expired. */
  failureCode: string | null;
  createdAt: Date;
}

export type BuyerNotice =
  | { kind: 'order_status'; order: OrderView; /** Refund credited, when this notice announces one. */ refund?: { amount: Money; to: 'wallet' | 'original' } }
  | { kind: 'wallet_credited'; amount: Money; balance: Money; reason: string; reference: string }
  | { kind: 'wallet_debited'; amount: Money; balance: Money; reason: string; reference: string }
  | { kind: 'payment_expired'; reference: string; amount: Money }
  | { kind: 'late_payment_credited'; reference: string; amount: Money; balance: Money }
  | { kind: 'support_reply'; text: string }
  | { kind: 'broadcast'; text: string };

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface OperatorAlert {
  kind:
    | 'order_failed'
    | 'order_needs_review'
    | 'order_stuck'
    | 'reseller_balance_low'
    | 'reseller_down'
    | 'reseller_recovered'
    | 'webhook_signature_failed'
    | 'large_order'
    | 'payment_problem'
    | 'support_request';
  severity: AlertSeverity;
  /** One short line. */
  text: string;
  orderReference?: string;
  details?: Record<string, string>;
}

/**
 * Pushes messages to people on one chat platform. `context` is what the platform returned
 * for an earlier notice about the same order (e.g. a message id to edit); the notifier
 * returns the context to keep for the next one.
 */
export interface Notifier {
  readonly platform: Platform;
  notifyBuyer(address: BuyerAddress, notice: BuyerNotice, context: Record<string, string> | null): Promise<Record<string, string> | null>;
  alertOperators(alert: OperatorAlert): Promise<void>;
}
