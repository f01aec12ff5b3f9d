import type { ProductType, PlayerFieldSpec, ResellerProduct } from '../catalog/types.js';
import type { Money } from '../money.js';

/** What a reseller can do, so the core knows when it must poll or cannot check a player. */
export interface ResellerCapabilities {
  webhooks: boolean;
  playerCheck: boolean;
  quantityOrders: boolean;
  balance: boolean;
  /** Status can be looked up by our reference (needed to recover after a crash). */
  statusByReference: boolean;
  /** Repeating an order with the same reference is safe (the reseller de-duplicates it). */
  idempotentOrders: boolean;
}

export interface CatalogPage {
  products: ResellerProduct[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
}

/** Live terms for one product right before selling it. */
export interface ResellerQuote {
  sku: string;
  cost: Money;
  inStock: boolean;
  stock?: number | null;
  playerFields: PlayerFieldSpec[];
  type: ProductType;
}

/** Rejections that happen before the reseller takes money; the core may try the next offer. */
export type RejectionCode =
  | 'out_of_stock'
  | 'price_changed'
  | 'product_not_found'
  | 'provider_inactive'
  | 'player_not_found'
  | 'player_fields_invalid'
  | 'reseller_balance_low'
  | 'quantity_not_allowed'
  | 'reseller_rejected';

export type QuoteResult =
  | { kind: 'ok'; quote: ResellerQuote }
  | { kind: 'rejected'; code: RejectionCode; detail?: string; newCost?: Money };

export type PlayerCheck =
  | { kind: 'valid'; nickname: string | null }
  | { kind: 'invalid'; code: 'player_not_found' | 'player_fields_invalid'; detail?: string }
  /** The reseller cannot check this product; the flow says so honestly. */
  | { kind: 'not_verifiable' };

export interface PlaceOrderRequest {
  /** Our order reference; the reseller's idempotency key. */
  reference: string;
  sku: string;
  quantity: number;
  player: Record<string, string>;
  /** The cost per unit we quoted; resellers that check exact prices get it as sent. */
  expectedCost: Money;
  endUserIp?: string;
  /** Where the reseller should call back for this order, when it supports that. */
  callbackUrl?: string;
  extra?: Record<string, string>;
}

/** One unit of what was delivered. Codes are secrets: never logged. */
export interface DeliveredItem {
  code?: string;
  pin?: string;
  serial?: string;
  label?: string;
}

/** The core's view of a reseller order's state. */
export type ResellerOrderStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'not_found';

export interface ResellerOrderState {
  status: ResellerOrderStatus;
  resellerOrderId?: string;
  items?: DeliveredItem[];
  /** Reseller-side delivery code (GamexBulk `delivery`), stored with the order. */
  deliveryCode?: string;
  /** Why it failed, for the operator; the buyer sees a plain message. */
  failureDetail?: string;
  /** Failure that happened before the reseller charged us (failover allowed). */
  rejectedBeforeCharge?: boolean;
  /**
   * The reseller has no way to tell us more (no status lookup, no webhooks): an operator must
   * settle the order. `status` is then `processing`.
   */
  needsReview?: boolean;
  cost?: Money;
}

export type PlaceOrderResult =
  | { kind: 'accepted'; state: ResellerOrderState }
  | { kind: 'rejected'; code: RejectionCode; detail?: string; newCost?: Money }
  /** The call may or may not have created an order (timeout, 5xx): look it up before anything else. */
  | { kind: 'unknown'; detail: string };

export interface IncomingWebhook {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  params: Record<string, string>;
  query: Record<string, string>;
  ip: string;
}

export type ResellerWebhookEvent =
  | {
      kind: 'order';
      /** Unique per delivery (for de-duplication); derived from the body when the service sends none. */
      deliveryId: string;
      reference?: string;
      resellerOrderId?: string;
      state: ResellerOrderState;
    }
  | { kind: 'product'; deliveryId: string; product: Partial<ResellerProduct> & { sku: string } }
  | { kind: 'rejected'; reason: 'bad_signature' | 'bad_token' | 'forbidden_ip' | 'malformed'; detail?: string }
  | { kind: 'not_supported' };

/**
 * A wholesale service the shop buys from. Expected outcomes are values; transport failures,
 * timeouts and malformed answers throw {@link ResellerError}.
 */
export interface Reseller {
  readonly id: string;
  readonly displayName: string;
  readonly capabilities: ResellerCapabilities;
  /** One page of the catalog; call again with `next` until it is absent. */
  listCatalog(cursor?: string): Promise<CatalogPage>;
  quote(sku: string, quantity: number): Promise<QuoteResult>;
  validatePlayer(sku: string, player: Record<string, string>): Promise<PlayerCheck>;
  placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult>;
  /** By the reseller's id when known, else by our reference. */
  getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState>;
  /** Undefined when the reseller does not report a balance. */
  balance(): Promise<Money | undefined>;
  parseWebhook(request: IncomingWebhook): Promise<ResellerWebhookEvent>;
}

export type ResellerErrorKind = 'timeout' | 'unavailable' | 'bad_response' | 'auth' | 'rate_limited' | 'circuit_open';

export class ResellerError extends Error {
  constructor(
    readonly resellerId: string,
    readonly kind: ResellerErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${resellerId}: ${message}`, options);
    this.name = 'ResellerError';
  }
}
