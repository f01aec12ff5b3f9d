import { sql, type Kysely, type Selectable } from 'kysely';
import { Money } from '../core/money.js';
import type { PaymentMethodId, PaymentStatus } from '../core/ports/payment.js';
import type {
  LedgerEntry,
  LedgerReason,
  LedgerRepository,
  OutboxRepository,
  PaymentRecord,
  PaymentRepository,
  WebhookDeliveryRepository,
} from '../core/ports/storage.js';
import type { Database, LedgerEntriesTable, PaymentsTable } from './schema.js';

function toLedgerEntry(row: Selectable<LedgerEntriesTable>): LedgerEntry {
  return {
    id: row.id,
    userId: row.user_id,
    amount: Money.of(row.amount, row.currency.trim()),
    reason: row.reason as LedgerReason,
    reference: row.reference,
    idempotencyKey: row.idempotency_key,
    note: row.note,
    actor: row.actor,
    createdAt: row.created_at,
  };
}

export class KyselyLedgerRepository implements LedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entry: Omit<LedgerEntry, 'id' | 'createdAt'>) {
    const row = await this.db
      .insertInto('ledger_entries')
      .values({
        user_id: entry.userId,
        amount: entry.amount.amount.toFixed(),
        currency: entry.amount.currency,
        reason: entry.reason,
        reference: entry.reference,
        idempotency_key: entry.idempotencyKey,
        note: entry.note,
        actor: entry.actor,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toLedgerEntry(row) : undefined;
  }

  async findByIdempotencyKey(key: string) {
    const row = await this.db.selectFrom('ledger_entries').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    return row ? toLedgerEntry(row) : undefined;
  }

  async balance(userId: string, currency: string): Promise<Money> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select(sql<string>`coalesce(sum(amount), 0)::text`.as('sum'))
      .where('user_id', '=', userId)
      .where('currency', '=', currency)
      .executeTakeFirstOrThrow();
    return Money.of(row.sum, currency);
  }

  async history(userId: string, page: { limit: number; offset: number }) {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('ledger_entries').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      this.db.selectFrom('ledger_entries').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow(),
    ]);
    return { entries: rows.map(toLedgerEntry), total: count.n };
  }
}

function toPayment(row: Selectable<PaymentsTable>): PaymentRecord {
  return {
    id: row.id,
    reference: row.reference,
    method: row.method as PaymentMethodId,
    purpose: row.purpose,
    userId: row.user_id,
    orderId: row.order_id,
    amount: Money.of(row.amount, row.currency.trim()),
    status: row.status as PaymentStatus,
    externalId: row.external_id,
    checkoutUrl: row.checkout_url,
    detail: row.detail,
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    createdAt: row.created_at,
  };
}

export class KyselyPaymentRepository implements PaymentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(payment: Parameters<PaymentRepository['insert']>[0]) {
    const row = await this.db
      .insertInto('payments')
      .values({
        reference: payment.reference,
        method: payment.method,
        purpose: payment.purpose,
        user_id: payment.userId,
        order_id: payment.orderId,
        amount: payment.amount.amount.toFixed(),
        currency: payment.amount.currency,
        status: payment.status,
        external_id: payment.externalId ?? null,
        checkout_url: payment.checkoutUrl ?? null,
        detail: JSON.stringify(payment.detail) as unknown as Record<string, unknown>,
        expires_at: payment.expiresAt,
        paid_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPayment(row);
  }

  async findByReference(reference: string, options: { forUpdate?: boolean } = {}) {
    let query = this.db.selectFrom('payments').selectAll().where('reference', '=', reference);
    if (options.forUpdate) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toPayment(row) : undefined;
  }

  async findById(id: string) {
    const row = await this.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPayment(row) : undefined;
  }

  async update(id: string, patch: Parameters<PaymentRepository['update']>[1]) {
    const row = await this.db
      .updateTable('payments')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.externalId !== undefined ? { external_id: patch.externalId } : {}),
        ...(patch.checkoutUrl !== undefined ? { checkout_url: patch.checkoutUrl } : {}),
        ...(patch.detail !== undefined ? { detail: JSON.stringify(patch.detail) as unknown as Record<string, unknown> } : {}),
        ...(patch.paidAt !== undefined ? { paid_at: patch.paidAt } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPayment(row);
  }

  async listPaidForUser(userId: string, page: { limit: number; offset: number }) {
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('paid_at', 'is not', null)
      .orderBy('paid_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toPayment);
  }

  async listExpired(now: Date, limit: number) {
    const rows = await this.db
      .selectFrom('payments')
      .selectAll()
      .where('status', '=', 'pending')
      .where('expires_at', '<', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map(toPayment);
  }
}

export class KyselyOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(message: Parameters<OutboxRepository['enqueue']>[0]) {
    await this.db
      .insertInto('outbox')
      .values({
        dedupe_key: message.dedupeKey,
        audience: message.audience,
        user_id: message.userId,
        order_id: message.orderId,
        kind: message.kind,
        payload: JSON.stringify(message.payload) as unknown as Record<string, unknown>,
        delivered_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  async claimDue(now: Date, limit: number, leaseMs: number) {
    const rows = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: new Date(now.getTime() + leaseMs) })
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('outbox')
          .select('id')
          .where('delivered_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id,
        dedupeKey: r.dedupe_key,
        audience: r.audience,
        userId: r.user_id,
        orderId: r.order_id,
        kind: r.kind,
        payload: r.payload,
        attempts: r.attempts,
        createdAt: r.created_at,
      }));
  }

  async markDelivered(id: number) {
    await this.db.updateTable('outbox').set({ delivered_at: sql`now()`, last_error: null }).where('id', '=', id).execute();
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date | null) {
    await this.db
      .updateTable('outbox')
      .set({
        attempts: sql`attempts + 1`,
        last_error: error.slice(0, 500),
        // Given up: parked far in the future, kept for the operator to see.
        next_attempt_at: nextAttemptAt ?? new Date('9999-01-01T00:00:00Z'),
      })
      .where('id', '=', id)
      .execute();
  }

  async pendingCount() {
    const row = await this.db
      .selectFrom('outbox')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  }
}

export class KyselyWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(source: string, deliveryId: string) {
    const row = await this.db
      .insertInto('webhook_deliveries')
      .values({ source, delivery_id: deliveryId })
      .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
      .returning('delivery_id')
      .executeTakeFirst();
    return row !== undefined;
  }
}
