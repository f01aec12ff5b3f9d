import { randomUUID } from 'node:crypto';
import type { Clock, CoreLogger } from '../clock.js';
import type { PaymentMethod } from '../ports/payment.js';
import type { OrderRecord, PaymentRecord, Storage } from '../ports/storage.js';
import type { Fulfilment } from './fulfilment.js';
import { operatorAlertMessage } from '../outbox/operator-alert.js';
import type { OrderLifecycle } from './order-lifecycle.js';
import type { OrderState } from './order-state-machine.js';

const workStates: OrderState[] = ['paid', 'submitted', 'processing', 'needs_review', 'failed', 'awaiting_payment'];
const unfinished: OrderState[] = ['paid', 'submitted', 'processing', 'needs_review'];

export interface OrderWorkerOptions {
  storage: Storage;
  fulfilment: Fulfilment;
  lifecycle: OrderLifecycle;
  clock: Clock;
  logger: CoreLogger;
  /** Orders not final after this long alert the operators (once per order). */
  stuckAfterMs: number;
  /** Payment methods by id, to close the checkout of an expired order. */
  paymentMethods?: ReadonlyMap<string, PaymentMethod>;
  /** How long a claimed order is ours; longer than the slowest reseller call with retries. */
  leaseMs?: number;
  batchSize?: number;
  /** Idle poll period. */
  intervalMs?: number;
}

/**
 * The reconciler: claims orders that are due (to place, to poll, to refund, to expire) so
 * that two instances never work on the same order, and watches for stuck orders. Polls
 * always run — webhooks get lost.
 */
export class OrderWorker {
  private readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;
  private lastStuckCheck = 0;

  constructor(private readonly options: OrderWorkerOptions) {}

  /** Runs one pass now (or right after the current one): used when an order was just paid. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  /** Claims and works every due order once; returns how many it handled. */
  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.tick();
      }
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const { storage, clock } = this.options;
    let handled = 0;
    for (;;) {
      const claimed = await storage.orders.claimDue(workStates, clock(), this.options.batchSize ?? 10, this.options.leaseMs ?? 120_000, this.id);
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((order) => this.work(order)));
      handled += claimed.length;
      if (this.stopped) break;
    }
    if (clock().getTime() - this.lastStuckCheck >= 60_000) {
      this.lastStuckCheck = clock().getTime();
      await this.alertStuck().catch((error: unknown) => this.options.logger.error({ err: error }, 'stuck-order check failed'));
    }
    return handled;
  }

  private async work(order: OrderRecord): Promise<void> {
    const { fulfilment, storage, logger } = this.options;
    try {
      switch (order.state) {
        case 'paid':
          await fulfilment.submit(order);
          break;
        case 'submitted':
        case 'processing':
        case 'needs_review':
          await fulfilment.track(order);
          break;
        case 'failed':
          if (order.paidAt && !order.refundedAt) await fulfilment.refund(order);
          else await storage.orders.update(order.id, { nextCheckAt: null });
          break;
        case 'awaiting_payment':
          await this.expire(order);
          break;
        default:
          await storage.orders.update(order.id, { nextCheckAt: null });
      }
    } catch (error) {
      logger.error({ order: order.reference, state: order.state, err: error }, 'order work failed; will retry');
      await storage.orders.update(order.id, { nextCheckAt: new Date(this.options.clock().getTime() + 30_000) }).catch(() => undefined);
    } finally {
      await storage.orders.release(order.id, (await storage.orders.findById(order.id))?.nextCheckAt ?? null).catch(() => undefined);
    }
  }

  /** An unpaid order whose time is up; a payment that arrives later credits the wallet instead. */
  private async expire(order: OrderRecord): Promise<void> {
    const { storage, lifecycle, clock } = this.options;
    if (order.expiresAt && order.expiresAt.getTime() > clock().getTime()) {
      await storage.orders.update(order.id, { nextCheckAt: order.expiresAt });
      return;
    }
    const closed = await storage.transaction(async (tx): Promise<PaymentRecord | undefined> => {
      // Payment row first, then the order: the same lock order as a payment webhook, so the two
      // serialize instead of deadlocking, and a payment that just landed is never overwritten.
      const known = order.paymentId ? await tx.payments.findById(order.paymentId) : undefined;
      const payment = known ? await tx.payments.findByReference(known.reference, { forUpdate: true }) : undefined;
      if (payment && payment.status !== 'pending' && payment.status !== 'partial') {
        await tx.orders.update(order.id, { nextCheckAt: null });
        return undefined;
      }
      const expired = await lifecycle.transition(tx, order.id, 'expired', { reason: 'not paid in time', actor: 'system', patch: { nextCheckAt: null, failureCode: 'quote_expired' } });
      if (!expired.ok || !payment) return undefined;
      return tx.payments.update(payment.id, { status: 'expired' });
    });
    if (closed?.externalId) await this.closeCheckout(closed);
  }

  /** Best effort: a checkout left open can still be paid, and that money goes to the wallet. */
  private async closeCheckout(payment: PaymentRecord): Promise<void> {
    const method = this.options.paymentMethods?.get(payment.method);
    if (!method?.cancel || !payment.externalId) return;
    await method.cancel({ paymentReference: payment.reference, externalId: payment.externalId }).catch((error: unknown) => {
      this.options.logger.warn({ payment: payment.reference, err: error instanceof Error ? error.message : String(error) }, 'could not close an expired checkout');
    });
  }

  private async alertStuck(): Promise<void> {
    const { storage, clock } = this.options;
    const before = new Date(clock().getTime() - this.options.stuckAfterMs);
    const stuck = await storage.orders.listOlderThan(unfinished, before, 50);
    for (const order of stuck) {
      const minutes = Math.round((clock().getTime() - order.createdAt.getTime()) / 60_000);
      await storage.outbox.enqueue(
        operatorAlertMessage(
          `alert:stuck:${order.id}`,
          {
            kind: 'order_stuck',
            severity: 'warning',
            text: `Order ${order.reference} is still ${order.state} after ${minutes} min (${order.resellerId ?? 'no reseller'}).`,
            orderReference: order.reference,
          },
          order.id,
        ),
      );
    }
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs ?? 5_000);
    this.timer.unref();
    this.kick();
  }

  /** Stops claiming new work and waits for the current pass to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
