import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Row shapes of the ledger database. Money columns are `numeric` and come back as strings;
 * they always sit beside a currency column.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedNumeric = ColumnType<string, string | undefined, string>;
type Numeric = ColumnType<string, string, string>;
type Json<T extends object | null> = JSONColumnType<T, T, T>;

export interface UsersTable {
  id: Generated<string>;
  platform: 'telegram' | 'discord';
  platform_user_id: string;
  username: string | null;
  display_name: string | null;
  language: string;
  banned: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OrdersTable {
  id: Generated<string>;
  reference: string;
  user_id: string;
  /** One per button press: the same key twice yields the same order. */
  idempotency_key: string;
  listing_id: string;
  listing_name: string;
  game: string | null;
  product_type: 'topup' | 'voucher';
  quantity: number;
  player: Json<Record<string, string>>;
  nickname: string | null;
  price_amount: Numeric;
  price_currency: string;
  discount_amount: GeneratedNumeric;
  coupon_code: string | null;
  /** Offers in the order they may be tried; the reseller currently holding the order. */
  offers: Json<Array<{ resellerId: string; sku: string; costAmount: string; costCurrency: string; extra?: Record<string, string> }>>;
  reseller_id: string | null;
  reseller_sku: string | null;
  cost_amount: Numeric | null;
  cost_currency: string | null;
  reseller_order_id: string | null;
  payment_method: string;
  payment_id: string | null;
  state: string;
  failure_code: string | null;
  failure_detail: string | null;
  delivery: Json<DeliveryRecord | null>;
  reseller_delivery_code: string | null;
  chat_context: Json<Record<string, string> | null>;
  attempts: Generated<number>;
  next_check_at: Timestamp | null;
  claimed_until: Timestamp | null;
  claimed_by: string | null;
  expires_at: Timestamp | null;
  paid_at: Timestamp | null;
  refunded_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  completed_at: Timestamp | null;
}

export interface DeliveryRecord {
  codes: Array<{ code: string; pin?: string; serial?: string; label?: string }>;
  message?: string;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: string;
  from_state: string | null;
  to_state: string;
  reason: string;
  actor: string;
  data: Json<Record<string, unknown>>;
  created_at: GeneratedTimestamp;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  user_id: string;
  amount: Numeric;
  currency: string;
  reason: string;
  reference: string;
  idempotency_key: string;
  note: string | null;
  actor: string;
  created_at: GeneratedTimestamp;
}

export interface PaymentsTable {
  id: Generated<string>;
  reference: string;
  method: string;
  purpose: 'order' | 'wallet_topup';
  user_id: string;
  order_id: string | null;
  amount: Numeric;
  currency: string;
  status: string;
  external_id: string | null;
  checkout_url: string | null;
  detail: Json<Record<string, unknown>>;
  expires_at: Timestamp | null;
  paid_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface WebhookDeliveriesTable {
  source: string;
  delivery_id: string;
  received_at: GeneratedTimestamp;
}

export interface SettingsTable {
  key: string;
  value: Json<Record<string, unknown> | unknown[]>;
  updated_at: GeneratedTimestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  /** Unique: an order in one state is announced once. */
  dedupe_key: string;
  audience: 'buyer' | 'operator';
  user_id: string | null;
  order_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  next_attempt_at: GeneratedTimestamp;
  delivered_at: Timestamp | null;
  last_error: string | null;
  created_at: GeneratedTimestamp;
}

export interface CatalogRulesTable {
  id: Generated<number>;
  scope: 'reseller' | 'game' | 'category' | 'listing' | 'offer';
  target: string;
  enabled: boolean | null;
  display_name: string | null;
  featured: boolean | null;
  updated_at: GeneratedTimestamp;
}

export interface MarkupRulesTable {
  id: Generated<number>;
  scope: 'global' | 'reseller' | 'game' | 'listing';
  target: string;
  percent: Numeric;
  updated_at: GeneratedTimestamp;
}

export interface FxRatesTable {
  base: string;
  quote: string;
  rate: Numeric;
  source: string;
  taken_at: Timestamp;
}

export interface CouponsTable {
  code: string;
  percent_off: Numeric;
  max_uses: number | null;
  used: Generated<number>;
  listing_id: string | null;
  expires_at: Timestamp | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface BlacklistTable {
  kind: 'user' | 'player_id';
  value: string;
  reason: string | null;
  created_at: GeneratedTimestamp;
}

export interface SavedPlayersTable {
  user_id: string;
  game: string;
  player: Json<Record<string, string>>;
  nickname: string | null;
  updated_at: GeneratedTimestamp;
}

export interface Database {
  users: UsersTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  ledger_entries: LedgerEntriesTable;
  payments: PaymentsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  settings: SettingsTable;
  outbox: OutboxTable;
  catalog_rules: CatalogRulesTable;
  markup_rules: MarkupRulesTable;
  fx_rates: FxRatesTable;
  coupons: CouponsTable;
  blacklist: BlacklistTable;
  saved_players: SavedPlayersTable;
}
