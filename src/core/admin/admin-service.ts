import type { Clock, CoreLogger } from '../clock.js';
import { fail, ok, type Result } from '../errors.js';
import { Money } from '../money.js';
import type { Fulfilment } from '../orders/fulfilment.js';
import type { OrderLifecycle } from '../orders/order-lifecycle.js';
import { normalizeReference } from '../orders/reference.js';
import type { Reseller } from '../ports/reseller.js';
import type { OrderEventRecord, OrderRecord, Storage } from '../ports/storage.js';

export interface ShopStats {
  since: Date;
  orders: number;
  completed: number;
  failed: number;
  /** Revenue of completed orders, per currency. */
  revenue: Money[];
  /** Revenue minus cost, where both are in the display currency (cost in another currency is left out and named). */
  margin: Money | null;
  failuresByReseller: Record<string, number>;
}

export interface ResellerBalance {
  reseller: string;
  balance?: Money;
  error?: string;
}

function sumByCurrency(amounts: Money[]): Money[] {
  const totals = new Map<string, Money>();
  for (const m of amounts) totals.set(m.currency, (totals.get(m.currency) ?? Money.zero(m.currency)).add(m));
  return [...totals.values()];
}

/**
 * What admins do to the shop, for every front end: each action checks its input, acts through
 * the same order lifecycle as everything else, and records the admin as the actor. Permission
 * is checked by the front end's guard before any of these is called.
 */
export class AdminService {
  constructor(
    private readonly deps: {
      storage: Storage;
      lifecycle: OrderLifecycle;
      fulfilment: Fulfilment;
      resellers: ReadonlyMap<string, Reseller>;
      currency: string;
      clock: Clock;
      logger: CoreLogger;
    },
  ) {}

  async findOrder(reference: string): Promise<Result<{ order: OrderRecord; events: OrderEventRecord[] }>> {
    const canonical = normalizeReference(reference);
    if (!canonical) return fail('invalid_input', 'not an order reference');
    const order = await this.deps.storage.orders.findByReference(canonical);
    if (!order) return fail('order_not_found');
    return ok({ order, events: await this.deps.storage.events.listForOrder(order.id) });
  }

  /** Asks the reseller again now (needs-review or processing), or retries a pending refund. */
  async retry(reference: string, actor: string): Promise<Result<OrderRecord>> {
    const found = await this.findOrder(reference);
    if (!found.ok) return found;
    const { order } = found.value;
    if (!['needs_review', 'processing', 'submitted', 'failed'].includes(order.state) || (order.state === 'failed' && (!order.paidAt || order.refundedAt))) {
      return fail('invalid_input', `an order that is ${order.state} has nothing to retry`);
    }
    await this.deps.storage.events.append({ orderId: order.id, fromState: order.state, toState: order.state, reason: 'retry requested', actor, data: {} });
    const updated = await this.deps.storage.orders.update(order.id, { nextCheckAt: this.deps.clock(), attempts: 0 });
    return ok(updated);
  }

  /** Settles an order the reseller could not: it failed, and the buyer gets the money back. */
  async refund(reference: string, actor: string, note: string): Promise<Result<OrderRecord>> {
    const found = await this.findOrder(reference);
    if (!found.ok) return found;
    const { order } = found.value;
    if (order.state === 'failed' && order.paidAt && !order.refundedAt) {
      await this.deps.fulfilment.refund(order);
    } else if (['needs_review', 'processing', 'submitted'].includes(order.state)) {
      await this.deps.fulfilment.fail(order, 'reseller_rejected', `refunded by ${actor}: ${note}`.slice(0, 500));
    } else {
      return fail('invalid_input', `an order that is ${order.state} cannot be refunded here (use a wallet credit)`);
    }
    return ok((await this.deps.storage.orders.findById(order.id))!);
  }

  /** Marks an order delivered by hand, with the codes the operator got from the reseller. */
  async markCompleted(reference: string, actor: string, codes: string[]): Promise<Result<OrderRecord>> {
    const found = await this.findOrder(reference);
    if (!found.ok) return found;
    const { order } = found.value;
    if (!['needs_review', 'processing', 'submitted'].includes(order.state)) {
      return fail('invalid_input', `an order that is ${order.state} cannot be marked completed`);
    }
    const result = await this.deps.storage.transaction((tx) =>
      this.deps.lifecycle.transition(tx, order.id, 'completed', {
        reason: `marked completed by ${actor}`,
        actor,
        patch: { delivery: { items: codes.filter(Boolean).map((code) => ({ code })) }, nextCheckAt: null },
      }),
    );
    return result.ok ? ok(result.order) : fail('invalid_input', `an order that is ${result.order.state} cannot be marked completed`);
  }

  async stats(days: number): Promise<ShopStats> {
    const since = new Date(this.deps.clock().getTime() - days * 86_400_000);
    const rows = await this.deps.storage.orders.stats(since);
    const completedRows = rows.filter((r) => r.state === 'completed');
    const revenue = sumByCurrency(completedRows.flatMap((r) => r.revenue));
    const ownRevenue = revenue.find((m) => m.currency === this.deps.currency);
    const costs = sumByCurrency(completedRows.flatMap((r) => r.cost));
    const ownCost = costs.find((m) => m.currency === this.deps.currency);
    const failuresByReseller: Record<string, number> = {};
    for (const row of rows.filter((r) => r.state === 'failed' || r.state === 'refunded' || r.state === 'needs_review')) {
      const key = row.resellerId ?? 'none';
      failuresByReseller[key] = (failuresByReseller[key] ?? 0) + row.count;
    }
    return {
      since,
      orders: rows.reduce((n, r) => n + r.count, 0),
      completed: completedRows.reduce((n, r) => n + r.count, 0),
      failed: Object.values(failuresByReseller).reduce((n, c) => n + c, 0),
      revenue,
      // Costs in a reseller's own currency cannot be netted without a rate; margin covers same-currency costs.
      margin: ownRevenue && costs.every((c) => c.currency === this.deps.currency) ? ownRevenue.sub(ownCost ?? Money.zero(this.deps.currency)) : null,
      failuresByReseller,
    };
  }

  async balances(): Promise<ResellerBalance[]> {
    return Promise.all(
      [...this.deps.resellers.values()].map(async (reseller) => {
        try {
          const balance = await reseller.balance();
          return balance ? { reseller: reseller.id, balance } : { reseller: reseller.id, error: 'does not report a balance' };
        } catch (error) {
          return { reseller: reseller.id, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }

  async setBanned(platform: 'telegram' | 'discord', handle: string, banned: boolean): Promise<Result<{ userId: string }>> {
    const user = await this.deps.storage.users.findByHandle(platform, handle);
    if (!user) return fail('invalid_input', 'no such buyer');
    await this.deps.storage.users.setBanned(user.id, banned);
    this.deps.logger.info({ user: user.id, banned }, 'buyer ban changed');
    return ok({ userId: user.id });
  }
}
