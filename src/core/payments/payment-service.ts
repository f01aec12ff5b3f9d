import type { Clock, CoreLogger } from '../clock.js';
import { fail, ok, type Result } from '../errors.js';
import type { Money } from '../money.js';
import type { OperatorAlert } from '../ports/notifier.js';
import type { PaymentEvent, PaymentMethod, PaymentMethodId, PaymentStart } from '../ports/payment.js';
import type { BuyerRecord, PaymentRecord, Repositories, Storage } from '../ports/storage.js';
import type { OrderLifecycle } from '../orders/order-lifecycle.js';
import type { WalletService } from '../wallet/wallet-service.js';
import { newOrderReference } from '../orders/reference.js';
import { operatorAlertMessage } from '../outbox/operator-alert.js';

export type PaymentOutcome =
  | 'order_paid'
  | 'wallet_credited'
  | 'late_payment_credited'
  | 'duplicate'
  | 'already_settled'
  | 'amount_mismatch'
  | 'unknown_payment'
  | 'partial'
  | 'expired'
  | 'disputed'
  | 'ignored';

export interface PaymentServiceDeps {
  storage: Storage;
  lifecycle: OrderLifecycle;
  wallet: WalletService;
  methods: ReadonlyMap<string, PaymentMethod>;
  clock: Clock;
  logger: CoreLogger;
  /** How long a wallet top-up link stays payable. */
  paymentTimeoutMs: number;
  minTopUp?: Money;
  maxTopUp?: Money;
  /** Called when an order became paid, so fulfilment starts at once. */
  onOrderPaid?: (orderId: string) => void;
  /** The owner's choice (PAYMENT_METHODS); absent = every configured method. */
  enabledMethods?: readonly PaymentMethodId[];
}

/**
 * Money coming in from outside the wallet: wallet top-ups, and verified payment events
 * (webhooks, chat-platform payments) that settle orders or top-ups exactly once.
 */
export class PaymentService {
  constructor(private readonly deps: PaymentServiceDeps) {}

  /** Methods the buyer may pick at checkout, the wallet first: configured, and switched on by the owner. */
  availableMethods(): PaymentMethodId[] {
    const all: PaymentMethodId[] = ['wallet', ...([...this.deps.methods.keys()] as PaymentMethodId[])];
    return all.filter((id) => this.isEnabled(id));
  }

  isEnabled(id: PaymentMethodId): boolean {
    return (this.deps.enabledMethods?.includes(id) ?? true) && (id === 'wallet' || this.deps.methods.has(id));
  }

  /** Starts a wallet top-up through a payment method; the wallet is credited when it is paid. */
  async startTopUp(buyer: BuyerRecord, amount: Money, methodId: PaymentMethodId, options: { returnUrl?: string; email?: string } = {}): Promise<Result<{ payment: PaymentRecord; start: PaymentStart }>> {
    const method = methodId === 'wallet' ? undefined : this.deps.methods.get(methodId);
    if (!method || !this.isEnabled(methodId)) return fail('payment_method_unavailable');
    if (buyer.banned) return fail('buyer_banned');
    if (!amount.isPositive() || amount.currency !== this.deps.wallet.currency) return fail('invalid_input', `top-ups are in ${this.deps.wallet.currency}`);
    if (this.deps.minTopUp && amount.compare(this.deps.minTopUp) < 0) return fail('invalid_input', 'below the minimum top-up', { min: this.deps.minTopUp.toString() });
    if (this.deps.maxTopUp && amount.compare(this.deps.maxTopUp) > 0) return fail('invalid_input', 'above the maximum top-up', { max: this.deps.maxTopUp.toString() });
    const now = this.deps.clock();
    const payment = await this.deps.storage.payments.insert({
      reference: `TOP-${newOrderReference()}`,
      method: methodId,
      purpose: 'wallet_topup',
      userId: buyer.id,
      orderId: null,
      amount,
      status: 'pending',
      detail: {},
      expiresAt: new Date(now.getTime() + this.deps.paymentTimeoutMs),
    });
    const start = await method
      .start({
        paymentReference: payment.reference,
        purpose: 'wallet_topup',
        amount,
        title: `Wallet top-up ${amount.toString()}`,
        buyer: { userId: buyer.id, platform: buyer.platform, platformUserId: buyer.platformUserId, ...(options.email ? { email: options.email } : {}) },
        ...(options.returnUrl ? { returnUrl: options.returnUrl } : {}),
      })
      .catch((error: unknown): PaymentStart => ({ kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) }));
    if (start.kind === 'unavailable') {
      await this.deps.storage.payments.update(payment.id, { status: 'cancelled', detail: { error: start.detail } });
      return fail('payment_failed', start.detail);
    }
    const updated =
      start.kind === 'redirect'
        ? await this.deps.storage.payments.update(payment.id, { externalId: start.externalId, checkoutUrl: start.url })
        : payment;
    return ok({ payment: updated, start });
  }

  /**
   * Applies a verified payment event exactly once, however many times it is delivered and in
   * whatever order: the delivery is recorded in the same transaction as its effect.
   */
  async handleEvent(event: PaymentEvent): Promise<PaymentOutcome> {
    if (event.kind === 'ignored') return 'ignored';
    let paidOrderId: string | undefined;
    const outcome = await this.deps.storage.transaction(async (tx) => {
      if (!(await tx.webhooks.record(`payment:${event.method}`, event.deliveryId))) return 'duplicate' as const;
      const payment = await tx.payments.findByReference(event.paymentReference, { forUpdate: true });
      if (!payment || payment.method !== event.method) {
        await this.alert(tx, `unknown:${event.method}:${event.paymentReference}`, {
          kind: 'payment_problem',
          severity: 'warning',
          text: `${event.method} reported ${event.kind} for unknown payment ${event.paymentReference}.`,
        });
        return 'unknown_payment' as const;
      }
      switch (event.kind) {
        case 'paid': {
          const result = await this.settlePaid(tx, payment, event);
          if (result.orderId) paidOrderId = result.orderId;
          return result.outcome;
        }
        case 'partial':
          if (payment.status === 'pending') await tx.payments.update(payment.id, { status: 'partial', detail: { ...payment.detail, partial: event.amount.toJSON() } });
          await this.alert(tx, `partial:${payment.reference}`, {
            kind: 'payment_problem',
            severity: 'warning',
            text: `Partial payment ${payment.reference}: ${event.amount.toString()} of ${payment.amount.toString()}; not treated as paid.`,
          });
          return 'partial' as const;
        case 'cancelled':
        case 'expired':
          return this.settleExpired(tx, payment, event.kind);
        case 'disputed':
        case 'reversed':
        case 'refunded':
          return this.settleDispute(tx, payment, event.kind, event.detail);
        default: {
          const unreachable: never = event;
          throw new Error(`unhandled payment event ${JSON.stringify(unreachable)}`);
        }
      }
    });
    if (paidOrderId) this.deps.onOrderPaid?.(paidOrderId);
    this.deps.logger.info({ method: event.method, payment: 'paymentReference' in event ? event.paymentReference : undefined, kind: event.kind, outcome }, 'payment event');
    return outcome;
  }

  private async settlePaid(
    tx: Repositories,
    payment: PaymentRecord,
    event: Extract<PaymentEvent, { kind: 'paid' }>,
  ): Promise<{ outcome: PaymentOutcome; orderId?: string }> {
    if (!event.amount.equals(payment.amount)) {
      await this.alert(tx, `mismatch:${payment.reference}:${event.deliveryId}`, {
        kind: 'payment_problem',
        severity: 'critical',
        text: `Payment ${payment.reference} arrived as ${event.amount.toString()} but ${payment.amount.toString()} was asked; not treated as paid.`,
      });
      return { outcome: 'amount_mismatch' };
    }
    if (payment.status === 'paid' || payment.status === 'refunded' || payment.status === 'disputed' || payment.status === 'reversed') {
      return { outcome: 'already_settled' };
    }
    const now = this.deps.clock();
    await tx.payments.update(payment.id, { status: 'paid', paidAt: now, externalId: event.externalId, detail: { ...payment.detail, ...(event.detail ?? {}) } });
    if (payment.purpose === 'wallet_topup') {
      await this.credit(tx, payment, 'wallet_topup', 'wallet_credited');
      return { outcome: 'wallet_credited' };
    }
    const order = payment.orderId ? await tx.orders.findById(payment.orderId, { forUpdate: true }) : undefined;
    if (order && order.state === 'awaiting_payment') {
      await this.deps.lifecycle.transition(tx, order.id, 'paid', {
        reason: `paid with ${payment.method}`,
        actor: payment.method,
        patch: { nextCheckAt: now },
        data: { payment: payment.reference, externalId: event.externalId },
      });
      return { outcome: 'order_paid', orderId: order.id };
    }
    // Too late (expired or cancelled order): the money is the buyer's, so it goes to the wallet.
    await this.credit(tx, payment, 'late_payment', 'late_payment_credited');
    return { outcome: 'late_payment_credited' };
  }

  private async credit(tx: Repositories, payment: PaymentRecord, reason: 'wallet_topup' | 'late_payment', kind: 'wallet_credited' | 'late_payment_credited') {
    const { entry, fresh } = await this.deps.wallet.creditInTransaction(tx, {
      userId: payment.userId,
      amount: payment.amount,
      reason,
      reference: payment.reference,
      idempotencyKey: `payment:${payment.reference}:credit`,
      actor: payment.method,
    });
    if (!fresh) return;
    const balance = await tx.ledger.balance(payment.userId, this.deps.wallet.currency);
    await tx.outbox.enqueue({
      dedupeKey: `payment:${payment.reference}:${kind}`,
      audience: 'buyer',
      userId: payment.userId,
      orderId: payment.orderId,
      kind,
      payload: { amount: entry.amount.toJSON(), balance: balance.toJSON(), reason, reference: payment.reference },
    });
  }

  private async settleExpired(tx: Repositories, payment: PaymentRecord, kind: 'cancelled' | 'expired'): Promise<PaymentOutcome> {
    if (payment.status !== 'pending' && payment.status !== 'partial') return 'already_settled';
    await tx.payments.update(payment.id, { status: kind });
    if (payment.orderId) {
      const order = await tx.orders.findById(payment.orderId);
      if (order?.state === 'awaiting_payment') {
        await this.deps.lifecycle.transition(tx, order.id, 'expired', {
          reason: `payment ${kind}`,
          actor: payment.method,
          patch: { nextCheckAt: null, failureCode: 'payment_failed' },
        });
      }
    } else {
      await tx.outbox.enqueue({
        dedupeKey: `payment:${payment.reference}:expired`,
        audience: 'buyer',
        userId: payment.userId,
        orderId: null,
        kind: 'payment_expired',
        payload: { reference: payment.reference, amount: payment.amount.toJSON() },
      });
    }
    return 'expired';
  }

  private async settleDispute(tx: Repositories, payment: PaymentRecord, kind: 'disputed' | 'reversed' | 'refunded', detail?: string): Promise<PaymentOutcome> {
    const wasPaid = payment.status === 'paid';
    await tx.payments.update(payment.id, { status: kind, detail: { ...payment.detail, dispute: detail ?? kind } });
    let held: Money | undefined;
    // Wherever this payment's money reached the wallet — a top-up, a late payment, the refund
    // of a failed order — disputed money must not be spent.
    const order = payment.orderId ? await tx.orders.findById(payment.orderId) : undefined;
    const reachedWallet =
      payment.purpose === 'wallet_topup' ||
      (await tx.ledger.findByIdempotencyKey(`payment:${payment.reference}:credit`)) !== undefined ||
      (order !== undefined && order.paymentMethod !== 'stars' && (await tx.ledger.findByIdempotencyKey(`order:${order.reference}:refund`)) !== undefined);
    if (wasPaid && reachedWallet) {
      // Disputed money must not be spent: hold what is still in the wallet.
      held = await this.deps.wallet.holdInTransaction(tx, {
        userId: payment.userId,
        amount: payment.amount,
        reason: 'dispute_hold',
        reference: payment.reference,
        idempotencyKey: `payment:${payment.reference}:hold`,
        actor: payment.method,
      });
    }
    const shortfall = held ? payment.amount.sub(held) : undefined;
    await this.alert(tx, `dispute:${payment.reference}:${kind}`, {
      kind: 'payment_problem',
      severity: 'critical',
      text:
        `Payment ${payment.reference} (${payment.amount.toString()}, ${payment.purpose}) was ${kind} at ${payment.method}.` +
        (held ? ` Held ${held.toString()} in the wallet.` : '') +
        (order && !held ? ` Order ${order.reference} is ${order.state}.` : '') +
        (shortfall?.isPositive() ? ` ${shortfall.toString()} was already spent.` : ''),
    });
    return 'disputed';
  }

  private async alert(tx: Repositories, key: string, alert: OperatorAlert): Promise<void> {
    await tx.outbox.enqueue(operatorAlertMessage(`alert:payment:${key}`, alert));
  }

  /** Top-up payments whose time ran out: marked expired and the buyer told. Orders expire through the order worker. */
  async expireTopUps(): Promise<number> {
    const due = await this.deps.storage.payments.listExpired(this.deps.clock(), 50);
    let count = 0;
    for (const payment of due.filter((p) => p.purpose === 'wallet_topup')) {
      const expired = await this.deps.storage.transaction(async (tx) => {
        const current = await tx.payments.findByReference(payment.reference, { forUpdate: true });
        if (current?.status !== 'pending') return false;
        await this.settleExpired(tx, current, 'expired');
        return true;
      });
      if (!expired) continue;
      count++;
      const method = this.deps.methods.get(payment.method);
      if (method?.cancel && payment.externalId) {
        // Best effort: a late payment on a checkout left open is still credited.
        await method.cancel({ paymentReference: payment.reference, externalId: payment.externalId }).catch(() => undefined);
      }
    }
    return count;
  }
}
