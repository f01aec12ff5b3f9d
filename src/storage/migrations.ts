import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Runs a script one statement at a time: PGlite's extended protocol takes one per query. */
async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

/**
 * Versioned migrations, in code so they ship with the build. Never edit a migration that has
 * run anywhere: add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_ledger': {
    async up(db: Kysely<unknown>) {
      await runStatements(db, `
        create table users (
          id uuid primary key default gen_random_uuid(),
          platform text not null check (platform in ('telegram', 'discord')),
          platform_user_id text not null,
          username text,
          display_name text,
          language text not null default 'en',
          banned boolean not null default false,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (platform, platform_user_id)
        );

        create table orders (
          id uuid primary key default gen_random_uuid(),
          reference text not null unique,
          user_id uuid not null references users(id),
          idempotency_key text not null unique,
          listing_id text not null,
          listing_name text not null,
          game text,
          product_type text not null check (product_type in ('topup', 'voucher')),
          quantity integer not null check (quantity > 0),
          player jsonb not null default '{}',
          nickname text,
          price_amount numeric(20, 8) not null,
          price_currency char(3) not null,
          discount_amount numeric(20, 8) not null default 0,
          coupon_code text,
          offers jsonb not null default '[]',
          reseller_id text,
          reseller_sku text,
          cost_amount numeric(24, 8),
          cost_currency char(3),
          reseller_order_id text,
          payment_method text not null,
          payment_id uuid,
          state text not null,
          failure_code text,
          failure_detail text,
          delivery jsonb,
          reseller_delivery_code text,
          chat_context jsonb,
          attempts integer not null default 0,
          next_check_at timestamptz,
          claimed_until timestamptz,
          claimed_by text,
          expires_at timestamptz,
          paid_at timestamptz,
          refunded_at timestamptz,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          completed_at timestamptz
        );
        create index orders_user_created on orders (user_id, created_at desc);
        create index orders_work on orders (state, next_check_at);
        create index orders_reseller_order on orders (reseller_id, reseller_order_id);

        create table order_events (
          id bigint generated always as identity primary key,
          order_id uuid not null references orders(id),
          from_state text,
          to_state text not null,
          reason text not null,
          actor text not null,
          data jsonb not null default '{}',
          created_at timestamptz not null default clock_timestamp()
        );
        create index order_events_order on order_events (order_id, id);

        create table ledger_entries (
          id bigint generated always as identity primary key,
          user_id uuid not null references users(id),
          amount numeric(20, 8) not null,
          currency char(3) not null,
          reason text not null,
          reference text not null,
          idempotency_key text not null unique,
          note text,
          actor text not null,
          created_at timestamptz not null default clock_timestamp()
        );
        create index ledger_entries_user on ledger_entries (user_id, id);

        create table payments (
          id uuid primary key default gen_random_uuid(),
          reference text not null unique,
          method text not null,
          purpose text not null check (purpose in ('order', 'wallet_topup')),
          user_id uuid not null references users(id),
          order_id uuid references orders(id),
          amount numeric(20, 8) not null,
          currency char(3) not null,
          status text not null,
          external_id text,
          checkout_url text,
          detail jsonb not null default '{}',
          expires_at timestamptz,
          paid_at timestamptz,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create unique index payments_external on payments (method, external_id) where external_id is not null;
        create index payments_work on payments (status, expires_at);

        create table webhook_deliveries (
          source text not null,
          delivery_id text not null,
          received_at timestamptz not null default now(),
          primary key (source, delivery_id)
        );

        create table settings (
          key text primary key,
          value jsonb not null,
          updated_at timestamptz not null default now()
        );

        create table outbox (
          id bigint generated always as identity primary key,
          dedupe_key text not null unique,
          audience text not null check (audience in ('buyer', 'operator')),
          user_id uuid references users(id),
          order_id uuid references orders(id),
          kind text not null,
          payload jsonb not null default '{}',
          attempts integer not null default 0,
          next_attempt_at timestamptz not null default now(),
          delivered_at timestamptz,
          last_error text,
          created_at timestamptz not null default clock_timestamp()
        );
        create index outbox_pending on outbox (next_attempt_at) where delivered_at is null;

        create table catalog_rules (
          id bigint generated always as identity primary key,
          scope text not null check (scope in ('reseller', 'game', 'category', 'listing', 'offer')),
          target text not null,
          enabled boolean,
          display_name text,
          featured boolean,
          updated_at timestamptz not null default now(),
          unique (scope, target)
        );

        create table markup_rules (
          id bigint generated always as identity primary key,
          scope text not null check (scope in ('global', 'reseller', 'game', 'listing')),
          target text not null,
          percent numeric(10, 4) not null,
          updated_at timestamptz not null default now(),
          unique (scope, target)
        );

        create table fx_rates (
          base char(3) not null,
          quote char(3) not null,
          rate numeric(30, 12) not null check (rate > 0),
          source text not null,
          taken_at timestamptz not null,
          primary key (base, quote)
        );

        create table coupons (
          code text primary key,
          percent_off numeric(5, 2) not null check (percent_off > 0 and percent_off <= 100),
          max_uses integer,
          used integer not null default 0,
          listing_id text,
          expires_at timestamptz,
          active boolean not null default true,
          created_at timestamptz not null default now()
        );

        create table blacklist (
          kind text not null check (kind in ('user', 'player_id')),
          value text not null,
          reason text,
          created_at timestamptz not null default now(),
          primary key (kind, value)
        );

        create table saved_players (
          user_id uuid not null references users(id),
          game text not null,
          player jsonb not null,
          nickname text,
          updated_at timestamptz not null default now(),
          primary key (user_id, game)
        );
      `);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
