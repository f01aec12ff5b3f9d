import type { Money } from '../money.js';
import type { OrderState } from '../orders/order-state-machine.js';
import type { PaymentMethodId, PaymentPurpose, PaymentStatus } from './payment.js';
import type { DeliveredItem } from './reseller.js';

/**
 * The SQL ledger as the core sees it: records in domain types, repositories per table, and a
 * unit of work. Orders, payments and the wallet ledger live here, never only in Redis.
 */

export interface BuyerRecord {
  id: string;
  platform: 'telegram' | 'discord';
  platformUserId: string;
  username: string | null;
  displayName: string | null;
  language: string;
  banned: boolean;
  createdAt: Date;
}

/** An offer an order may be placed with, in the order they are tried. */
export interface OrderOffer {
  resellerId: string;
  sku: string;
  cost: Money;
  /** What the adapter asked to get back when ordering (category code, group, country). */
  extra?: Record<string, string>;
}

export interface OrderRecord {
  id: string;
  reference: string;
  userId: string;
  idempotencyKey: string;
  listingId: string;
  listingName: string;
  game: string | null;
  productType: 'topup' | 'voucher';
  quantity: number;
  player: Record<string, string>;
  nickname: string | null;
  price: Money;
  discount: Money;
  couponCode: string | null;
  offers: OrderOffer[];
  resellerId: string | null;
  resellerSku: string | null;
  cost: Money | null;
  resellerOrderId: string | null;
  paymentMethod: PaymentMethodId;
  paymentId: string | null;
  state: OrderState;
  failureCode: string | null;
  failureDetail: string | null;
  delivery: { items: DeliveredItem[] } | null;
  resellerDeliveryCode: string | null;
  chatContext: Record<string, string> | null;
  attempts: number;
  nextCheckAt: Date | null;
  expiresAt: Date | null;
  paidAt: Date | null;
  refundedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export type NewOrder = Pick<
  OrderRecord,
  | 'reference'
  | 'userId'
  | 'idempotencyKey'
  | 'listingId'
  | 'listingName'
  | 'game'
  | 'productType'
  | 'quantity'
  | 'player'
  | 'nickname'
  | 'price'
  | 'discount'
  | 'couponCode'
  | 'offers'
  | 'paymentMethod'
  | 'state'
  | 'expiresAt'
  | 'chatContext'
>;

/** Columns a transition or a worker may change. */
export type OrderPatch = Partial<
  Pick<
    OrderRecord,
    | 'state'
    | 'resellerId'
    | 'resellerSku'
    | 'cost'
    | 'resellerOrderId'
    | 'paymentId'
    | 'failureCode'
    | 'failureDetail'
    | 'delivery'
    | 'resellerDeliveryCode'
    | 'chatContext'
    | 'attempts'
    | 'nextCheckAt'
    | 'paidAt'
    | 'refundedAt'
    | 'completedAt'
    | 'nickname'
  >
>;

export interface OrderEventRecord {
  id: number;
  orderId: string;
  fromState: OrderState | null;
  toState: OrderState;
  reason: string;
  actor: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface LedgerEntry {
  id: number;
  userId: string;
  amount: Money;
  reason: LedgerReason;
  reference: string;
  idempotencyKey: string;
  note: string | null;
  actor: string;
  createdAt: Date;
}

export type LedgerReason =
  | 'wallet_topup'
  | 'order_debit'
  | 'order_refund'
  | 'late_payment'
  | 'admin_credit'
  | 'admin_debit'
  | 'dispute_hold'
  | 'dispute_release';

export interface PaymentRecord {
  id: string;
  reference: string;
  method: PaymentMethodId;
  purpose: PaymentPurpose;
  userId: string;
  orderId: string | null;
  amount: Money;
  status: PaymentStatus;
  externalId: string | null;
  checkoutUrl: string | null;
  detail: Record<string, unknown>;
  expiresAt: Date | null;
  paidAt: Date | null;
  createdAt: Date;
}

export interface OutboxMessage {
  id: number;
  dedupeKey: string;
  audience: 'buyer' | 'operator';
  userId: string | null;
  orderId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'dedupeKey' | 'audience' | 'userId' | 'orderId' | 'kind' | 'payload'>;

export interface CatalogRule {
  scope: 'reseller' | 'game' | 'category' | 'listing' | 'offer';
  target: string;
  enabled: boolean | null;
  displayName: string | null;
  featured: boolean | null;
}

export interface Coupon {
  code: string;
  percentOff: string;
  maxUses: number | null;
  used: number;
  listingId: string | null;
  expiresAt: Date | null;
  active: boolean;
}

export interface UserRepository {
  /** Finds the identity or creates it; refreshes the username. Language is kept once chosen. */
  upsertIdentity(identity: {
    platform: 'telegram' | 'discord';
    platformUserId: string;
    username: string | null;
    displayName: string | null;
    language: string;
  }): Promise<BuyerRecord>;
  findById(id: string): Promise<BuyerRecord | undefined>;
  findByIdentity(platform: 'telegram' | 'discord', platformUserId: string): Promise<BuyerRecord | undefined>;
  /** By `@username` or platform id, for admin commands. */
  findByHandle(platform: 'telegram' | 'discord', handle: string): Promise<BuyerRecord | undefined>;
  setLanguage(id: string, language: string): Promise<void>;
  setBanned(id: string, banned: boolean): Promise<void>;
  /** Row lock held until the transaction ends: serializes wallet changes per buyer. */
  lock(id: string): Promise<void>;
  /** Buyers of a platform in id order, for broadcasts. */
  page(platform: 'telegram' | 'discord', afterId: string | null, limit: number): Promise<BuyerRecord[]>;
}

export interface OrderRepository {
  /** Undefined when an order with this idempotency key already exists. */
  insert(order: NewOrder): Promise<OrderRecord | undefined>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<OrderRecord | undefined>;
  findByReference(reference: string, options?: { forUpdate?: boolean }): Promise<OrderRecord | undefined>;
  findByIdempotencyKey(key: string): Promise<OrderRecord | undefined>;
  findByResellerOrderId(resellerId: string, resellerOrderId: string): Promise<OrderRecord | undefined>;
  update(id: string, patch: OrderPatch): Promise<OrderRecord>;
  listForUser(userId: string, page: { limit: number; offset: number }): Promise<{ orders: OrderRecord[]; total: number }>;
  /**
   * Claims up to `limit` orders in `states` whose `nextCheckAt` has come (null = nothing to do), leasing them to `worker` for
   * `leaseMs` so no other instance works on them meanwhile (`FOR UPDATE SKIP LOCKED`).
   */
  claimDue(states: OrderState[], now: Date, limit: number, leaseMs: number, worker: string): Promise<OrderRecord[]>;
  /** Ends a lease early and sets when the order is next due. */
  release(id: string, nextCheckAt: Date | null): Promise<void>;
  /** Non-final orders created before `before`. */
  listOlderThan(states: OrderState[], before: Date, limit: number): Promise<OrderRecord[]>;
  stats(since: Date): Promise<Array<{ state: OrderState; resellerId: string | null; count: number; revenue: Money[]; cost: Money[] }>>;
}

export interface OrderEventRepository {
  append(event: Omit<OrderEventRecord, 'id' | 'createdAt'>): Promise<void>;
  listForOrder(orderId: string): Promise<OrderEventRecord[]>;
}

export interface LedgerRepository {
  /** Undefined when an entry with this idempotency key exists (the change was already made). */
  append(entry: Omit<LedgerEntry, 'id' | 'createdAt'>): Promise<LedgerEntry | undefined>;
  findByIdempotencyKey(key: string): Promise<LedgerEntry | undefined>;
  balance(userId: string, currency: string): Promise<Money>;
  history(userId: string, page: { limit: number; offset: number }): Promise<{ entries: LedgerEntry[]; total: number }>;
}

export interface PaymentRepository {
  insert(payment: Omit<PaymentRecord, 'id' | 'createdAt' | 'paidAt' | 'externalId' | 'checkoutUrl'> & Partial<Pick<PaymentRecord, 'externalId' | 'checkoutUrl'>>): Promise<PaymentRecord>;
  findByReference(reference: string, options?: { forUpdate?: boolean }): Promise<PaymentRecord | undefined>;
  findById(id: string): Promise<PaymentRecord | undefined>;
  update(id: string, patch: Partial<Pick<PaymentRecord, 'status' | 'externalId' | 'checkoutUrl' | 'detail' | 'paidAt'>>): Promise<PaymentRecord>;
  /** Pending payments whose time is up. */
  listExpired(now: Date, limit: number): Promise<PaymentRecord[]>;
  /** A buyer's settled payments (receipts), newest first. */
  listPaidForUser(userId: string, page: { limit: number; offset: number }): Promise<PaymentRecord[]>;
}

export interface OutboxRepository {
  /** Does nothing when a message with this dedupe key exists: each is announced once. */
  enqueue(message: NewOutboxMessage): Promise<void>;
  /** Claims due messages, pushing their next attempt past the lease so others skip them. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  markDelivered(id: number): Promise<void>;
  markFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void>;
  pendingCount(): Promise<number>;
}

export interface WebhookDeliveryRepository {
  /** True the first time a delivery is seen; false for a repeat. */
  record(source: string, deliveryId: string): Promise<boolean>;
}

export interface SettingsRepository {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface CatalogRuleRepository {
  list(): Promise<CatalogRule[]>;
  upsert(rule: CatalogRule): Promise<void>;
  remove(scope: CatalogRule['scope'], target: string): Promise<void>;
}

export interface CouponRepository {
  find(code: string): Promise<Coupon | undefined>;
  upsert(coupon: Omit<Coupon, 'used'>): Promise<void>;
  /** Counts one use if the coupon has uses left; false otherwise. */
  redeem(code: string): Promise<boolean>;
}

export interface BlacklistRepository {
  has(kind: 'user' | 'player_id', value: string): Promise<boolean>;
  add(kind: 'user' | 'player_id', value: string, reason: string | null): Promise<void>;
  remove(kind: 'user' | 'player_id', value: string): Promise<void>;
}

export interface SavedPlayerRepository {
  get(userId: string, game: string): Promise<{ player: Record<string, string>; nickname: string | null } | undefined>;
  save(userId: string, game: string, player: Record<string, string>, nickname: string | null): Promise<void>;
}

export interface Repositories {
  users: UserRepository;
  orders: OrderRepository;
  events: OrderEventRepository;
  ledger: LedgerRepository;
  payments: PaymentRepository;
  outbox: OutboxRepository;
  webhooks: WebhookDeliveryRepository;
  settings: SettingsRepository;
  catalogRules: CatalogRuleRepository;
  coupons: CouponRepository;
  blacklist: BlacklistRepository;
  savedPlayers: SavedPlayerRepository;
}

/** Repositories on the pool, plus a unit of work whose repositories share one transaction. */
export interface Storage extends Repositories {
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
