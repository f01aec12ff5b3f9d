import { sql, type Kysely, type Selectable } from 'kysely';
import { Money } from '../core/money.js';
import type { OrderState } from '../core/orders/order-state-machine.js';
import type { NewOrder, OrderEventRepository, OrderPatch, OrderRecord, OrderRepository } from '../core/ports/storage.js';
import type { PaymentMethodId } from '../core/ports/payment.js';
import type { Database, OrdersTable } from './schema.js';

type OrderRow = Selectable<OrdersTable>;

export function toOrderRecord(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    reference: row.reference,
    userId: row.user_id,
    idempotencyKey: row.idempotency_key,
    listingId: row.listing_id,
    listingName: row.listing_name,
    game: row.game,
    productType: row.product_type,
    quantity: row.quantity,
    player: row.player,
    nickname: row.nickname,
    price: Money.of(row.price_amount, row.price_currency.trim()),
    discount: Money.of(row.discount_amount, row.price_currency.trim()),
    couponCode: row.coupon_code,
    offers: row.offers.map((o) => ({ resellerId: o.resellerId, sku: o.sku, cost: Money.of(o.costAmount, o.costCurrency), ...(o.extra ? { extra: o.extra } : {}) })),
    resellerId: row.reseller_id,
    resellerSku: row.reseller_sku,
    cost: row.cost_amount !== null && row.cost_currency !== null ? Money.of(row.cost_amount, row.cost_currency.trim()) : null,
    resellerOrderId: row.reseller_order_id,
    paymentMethod: row.payment_method as PaymentMethodId,
    paymentId: row.payment_id,
    state: row.state as OrderState,
    failureCode: row.failure_code,
    failureDetail: row.failure_detail,
    delivery: row.delivery ? { items: row.delivery.codes } : null,
    resellerDeliveryCode: row.reseller_delivery_code,
    chatContext: row.chat_context,
    attempts: row.attempts,
    nextCheckAt: row.next_check_at,
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    refundedAt: row.refunded_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function patchColumns(patch: OrderPatch): Partial<Record<keyof OrdersTable, unknown>> {
  const columns: Partial<Record<keyof OrdersTable, unknown>> = {};
  if (patch.state !== undefined) columns.state = patch.state;
  if (patch.resellerId !== undefined) columns.reseller_id = patch.resellerId;
  if (patch.resellerSku !== undefined) columns.reseller_sku = patch.resellerSku;
  if (patch.cost !== undefined) {
    columns.cost_amount = patch.cost ? patch.cost.amount.toFixed() : null;
    columns.cost_currency = patch.cost ? patch.cost.currency : null;
  }
  if (patch.resellerOrderId !== undefined) columns.reseller_order_id = patch.resellerOrderId;
  if (patch.paymentId !== undefined) columns.payment_id = patch.paymentId;
  if (patch.failureCode !== undefined) columns.failure_code = patch.failureCode;
  if (patch.failureDetail !== undefined) columns.failure_detail = patch.failureDetail;
  if (patch.delivery !== undefined) columns.delivery = patch.delivery ? JSON.stringify({ codes: patch.delivery.items }) : null;
  if (patch.resellerDeliveryCode !== undefined) columns.reseller_delivery_code = patch.resellerDeliveryCode;
  if (patch.chatContext !== undefined) columns.chat_context = patch.chatContext ? JSON.stringify(patch.chatContext) : null;
  if (patch.attempts !== undefined) columns.attempts = patch.attempts;
  if (patch.nextCheckAt !== undefined) columns.next_check_at = patch.nextCheckAt;
  if (patch.paidAt !== undefined) columns.paid_at = patch.paidAt;
  if (patch.refundedAt !== undefined) columns.refunded_at = patch.refundedAt;
  if (patch.completedAt !== undefined) columns.completed_at = patch.completedAt;
  if (patch.nickname !== undefined) columns.nickname = patch.nickname;
  return columns;
}

export class KyselyOrderRepository implements OrderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(order: NewOrder): Promise<OrderRecord | undefined> {
    const row = await this.db
      .insertInto('orders')
      .values({
        reference: order.reference,
        user_id: order.userId,
        idempotency_key: order.idempotencyKey,
        listing_id: order.listingId,
        listing_name: order.listingName,
        game: order.game,
        product_type: order.productType,
        quantity: order.quantity,
        player: JSON.stringify(order.player) as unknown as Record<string, string>,
        nickname: order.nickname,
        price_amount: order.price.amount.toFixed(),
        price_currency: order.price.currency,
        discount_amount: order.discount.amount.toFixed(),
        coupon_code: order.couponCode,
        offers: JSON.stringify(
          order.offers.map((o) => ({ resellerId: o.resellerId, sku: o.sku, costAmount: o.cost.amount.toFixed(), costCurrency: o.cost.currency, ...(o.extra ? { extra: o.extra } : {}) })),
        ) as unknown as OrderRow['offers'],
        reseller_id: null,
        reseller_sku: null,
        cost_amount: null,
        cost_currency: null,
        reseller_order_id: null,
        payment_method: order.paymentMethod,
        payment_id: null,
        state: order.state,
        failure_code: null,
        failure_detail: null,
        delivery: null,
        reseller_delivery_code: null,
        chat_context: (order.chatContext ? JSON.stringify(order.chatContext) : null) as OrderRow['chat_context'],
        next_check_at: null,
        claimed_until: null,
        claimed_by: null,
        expires_at: order.expiresAt,
        paid_at: null,
        refunded_at: null,
        completed_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toOrderRecord(row) : undefined;
  }

  private select(forUpdate = false) {
    const query = this.db.selectFrom('orders').selectAll();
    return forUpdate ? query.forUpdate() : query;
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}) {
    const row = await this.select(options.forUpdate).where('id', '=', id).executeTakeFirst();
    return row ? toOrderRecord(row) : undefined;
  }

  async findByReference(reference: string, options: { forUpdate?: boolean } = {}) {
    const row = await this.select(options.forUpdate).where('reference', '=', reference.toUpperCase()).executeTakeFirst();
    return row ? toOrderRecord(row) : undefined;
  }

  async findByIdempotencyKey(key: string) {
    const row = await this.select().where('idempotency_key', '=', key).executeTakeFirst();
    return row ? toOrderRecord(row) : undefined;
  }

  async findByResellerOrderId(resellerId: string, resellerOrderId: string) {
    const row = await this.select()
      .where('reseller_id', '=', resellerId)
      .where('reseller_order_id', '=', resellerOrderId)
      .executeTakeFirst();
    return row ? toOrderRecord(row) : undefined;
  }

  async update(id: string, patch: OrderPatch): Promise<OrderRecord> {
    const row = await this.db
      .updateTable('orders')
      .set({ ...(patchColumns(patch) as Record<string, never>), updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrderRecord(row);
  }

  async listForUser(userId: string, page: { limit: number; offset: number }) {
    const [rows, count] = await Promise.all([
      this.select().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      this.db.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow(),
    ]);
    return { orders: rows.map(toOrderRecord), total: count.n };
  }

  async claimDue(states: OrderState[], now: Date, limit: number, leaseMs: number, worker: string): Promise<OrderRecord[]> {
    if (states.length === 0) return [];
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.db
      .updateTable('orders')
      .set({ claimed_until: until, claimed_by: worker })
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('orders')
          .select('id')
          .where('state', 'in', states)
          .where('next_check_at', '<=', now)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
          .orderBy('next_check_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    return rows.map(toOrderRecord);
  }

  async release(id: string, nextCheckAt: Date | null): Promise<void> {
    await this.db.updateTable('orders').set({ claimed_until: null, claimed_by: null, next_check_at: nextCheckAt }).where('id', '=', id).execute();
  }

  async listOlderThan(states: OrderState[], before: Date, limit: number) {
    if (states.length === 0) return [];
    const rows = await this.select().where('state', 'in', states).where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
    return rows.map(toOrderRecord);
  }

  async stats(since: Date) {
    const rows = await this.db
      .selectFrom('orders')
      .select([
        'state',
        'reseller_id',
        'price_currency',
        'cost_currency',
        sql<number>`count(*)::int`.as('n'),
        sql<string>`coalesce(sum(price_amount), 0)`.as('revenue'),
        sql<string>`coalesce(sum(cost_amount), 0)`.as('cost'),
      ])
      .where('created_at', '>=', since)
      .groupBy(['state', 'reseller_id', 'price_currency', 'cost_currency'])
      .execute();
    const merged = new Map<string, { state: OrderState; resellerId: string | null; count: number; revenue: Money[]; cost: Money[] }>();
    for (const row of rows) {
      const key = `${row.state}|${row.reseller_id ?? ''}`;
      const entry = merged.get(key) ?? { state: row.state as OrderState, resellerId: row.reseller_id, count: 0, revenue: [], cost: [] };
      entry.count += row.n;
      entry.revenue.push(Money.of(row.revenue, row.price_currency.trim()));
      if (row.cost_currency) entry.cost.push(Money.of(row.cost, row.cost_currency.trim()));
      merged.set(key, entry);
    }
    return [...merged.values()];
  }
}

export class KyselyOrderEventRepository implements OrderEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: Parameters<OrderEventRepository['append']>[0]) {
    await this.db
      .insertInto('order_events')
      .values({
        order_id: event.orderId,
        from_state: event.fromState,
        to_state: event.toState,
        reason: event.reason,
        actor: event.actor,
        data: JSON.stringify(event.data) as unknown as Record<string, unknown>,
      })
      .execute();
  }

  async listForOrder(orderId: string) {
    const rows = await this.db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      fromState: r.from_state as OrderState | null,
      toState: r.to_state as OrderState,
      reason: r.reason,
      actor: r.actor,
      data: r.data,
      createdAt: r.created_at,
    }));
  }
}
