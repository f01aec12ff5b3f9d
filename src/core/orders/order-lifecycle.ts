import type { Clock, CoreLogger, CoreMetrics } from '../clock.js';
import type { Money } from '../money.js';
import type { OperatorAlert } from '../ports/notifier.js';
import type { OrderPatch, OrderRecord, Repositories } from '../ports/storage.js';
import { assertLifecycleSound, canTransition, type OrderState } from './order-state-machine.js';
import { operatorAlertMessage } from '../outbox/operator-alert.js';

/** States the buyer hears about; the others are internal steps. */
const announced: ReadonlySet<OrderState> = new Set(['paid', 'processing', 'completed', 'failed', 'refunded', 'expired', 'needs_review']);

export type TransitionResult =
  | { ok: true; order: OrderRecord; from: OrderState }
  /** Illegal or stale (out-of-order update): nothing was written. */
  | { ok: false; order: OrderRecord; reason: 'illegal' };

export interface TransitionOptions {
  reason: string;
  actor: string;
  patch?: OrderPatch;
  data?: Record<string, unknown>;
  /** Extra detail for the buyer's notice (e.g. the refund). */
  notice?: Record<string, unknown>;
}

/**
 * The one path by which an order changes state: lock the row, check the transition table,
 * persist the state and an order event, queue the buyer's notice and any operator alert in
 * the outbox — all in the caller's transaction, so either all of it happens or none.
 */
export class OrderLifecycle {
  constructor(
    private readonly deps: {
      logger: CoreLogger;
      metrics: CoreMetrics;
      clock: Clock;
      largeOrderThreshold?: Money;
    },
  ) {
    assertLifecycleSound();
  }

  async transition(tx: Repositories, orderId: string, to: OrderState, options: TransitionOptions): Promise<TransitionResult> {
    const current = await tx.orders.findById(orderId, { forUpdate: true });
    if (!current) throw new Error(`order ${orderId} does not exist`);
    if (!canTransition(current.state, to)) {
      this.deps.logger.warn(
        { order: current.reference, from: current.state, to, reason: options.reason, actor: options.actor },
        'illegal order transition refused',
      );
      return { ok: false, order: current, reason: 'illegal' };
    }
    const now = this.deps.clock();
    const patch: OrderPatch = { ...options.patch, state: to };
    if (to === 'paid') patch.paidAt = now;
    if (to === 'completed') patch.completedAt = now;
    if (to === 'refunded') patch.refundedAt = now;
    const order = await tx.orders.update(orderId, patch);
    await tx.events.append({
      orderId,
      fromState: current.state,
      toState: to,
      reason: options.reason,
      actor: options.actor,
      data: options.data ?? {},
    });
    if (announced.has(to)) {
      await tx.outbox.enqueue({
        dedupeKey: `order:${orderId}:${to}`,
        audience: 'buyer',
        userId: order.userId,
        orderId,
        kind: 'order_status',
        payload: { state: to, ...(options.notice ?? {}) },
      });
    }
    const alert = this.alertFor(order, to, options);
    if (alert) {
      await tx.outbox.enqueue(operatorAlertMessage(`alert:order:${orderId}:${alert.kind}`, alert, orderId));
    }
    this.deps.metrics.orderTransition(to);
    this.deps.logger.info({ order: order.reference, from: current.state, to, reason: options.reason, actor: options.actor }, 'order transition');
    return { ok: true, order, from: current.state };
  }

  private alertFor(order: OrderRecord, to: OrderState, options: TransitionOptions): OperatorAlert | undefined {
    const ref = order.reference;
    if (to === 'failed' && order.paidAt) {
      return {
        kind: 'order_failed',
        severity: 'warning',
        text: `Order ${ref} failed after payment (${order.failureCode ?? options.reason}); refunding.`,
        orderReference: ref,
        details: { reseller: order.resellerId ?? '-', detail: (order.failureDetail ?? '').slice(0, 200) },
      };
    }
    if (to === 'needs_review') {
      return {
        kind: 'order_needs_review',
        severity: 'critical',
        text: `Order ${ref} needs review: ${options.reason}.`,
        orderReference: ref,
        details: { reseller: order.resellerId ?? '-', detail: (order.failureDetail ?? '').slice(0, 200) },
      };
    }
    const threshold = this.deps.largeOrderThreshold;
    if (to === 'paid' && threshold && order.price.currency === threshold.currency && order.price.compare(threshold) >= 0) {
      return { kind: 'large_order', severity: 'info', text: `Large order ${ref}: ${order.price.toString()} for ${order.listingName}.`, orderReference: ref };
    }
    return undefined;
  }
}
