import type { Clock, CoreLogger } from '../clock.js';
import type { PaymentMethod } from '../ports/payment.js';
import {
  ResellerError,
  type PlaceOrderResult,
  type RejectionCode,
  type Reseller,
  type ResellerOrderState,
} from '../ports/reseller.js';
import type { OrderRecord, Storage } from '../ports/storage.js';
import type { PricingService } from '../pricing/pricing-service.js';
import type { WalletService } from '../wallet/wallet-service.js';
import type { OrderLifecycle } from './order-lifecycle.js';
import { finalStates } from './order-state-machine.js';

/** Rejections that mean the player is wrong: another reseller would refuse too. */
const playerRejections: ReadonlySet<RejectionCode> = new Set(['player_not_found', 'player_fields_invalid']);

export interface FulfilmentDeps {
  storage: Storage;
  lifecycle: OrderLifecycle;
  resellers: ReadonlyMap<string, Reseller>;
  isHealthy: (resellerId: string) => boolean;
  pricing: PricingService;
  wallet: WalletService;
  paymentMethods: ReadonlyMap<string, PaymentMethod>;
  clock: Clock;
  logger: CoreLogger;
  /** Where a reseller should call back for an order, when it takes a per-order URL. */
  callbackUrlFor?: (resellerId: string) => string | undefined;
  /** Poll attempts with no final answer before an operator is asked to look. */
  maxTrackAttempts?: number;
}

/** Backoff for polling a reseller: 10 s, 20 s, 40 s … capped at 10 min. */
export function trackDelayMs(attempt: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempt), 600_000);
}

/**
 * Gets a paid order delivered: place it with the cheapest healthy offer, fail over to the
 * next when one refuses before taking money, follow it to the end, and refund when it fails.
 *
 * Undo steps: a failure after the wallet debit refunds; a failure after placing is first
 * reconciled with the reseller (an unknown outcome is never refunded blindly).
 */
export class Fulfilment {
  constructor(private readonly deps: FulfilmentDeps) {}

  private offerIndex(order: OrderRecord): number {
    return order.offers.findIndex((o) => o.resellerId === order.resellerId && o.sku === order.resellerSku);
  }

  /** Places a `paid` order, or an order whose current offer refused, with the next offer. */
  async submit(order: OrderRecord): Promise<void> {
    let current = order;
    let lastCode: RejectionCode | 'reseller_unavailable' = 'out_of_stock';
    for (let index = this.offerIndex(current) + 1; index < current.offers.length; index++) {
      const offer = current.offers[index]!;
      const reseller = this.deps.resellers.get(offer.resellerId);
      if (!reseller || !this.deps.isHealthy(offer.resellerId)) {
        lastCode = 'reseller_unavailable';
        continue;
      }
      if (index > 0 && !(await this.withinPaidPrice(current, offer))) {
        // The buyer is only asked again when the price would rise: stop here and refund.
        lastCode = 'price_changed';
        break;
      }
      current = await this.recordAttempt(current, offer, index);
      const result = await this.place(reseller, current, offer);
      if (result.kind === 'accepted') {
        await this.apply(current, result.state, `accepted by ${reseller.id}`);
        return;
      }
      if (result.kind === 'unknown') {
        // Maybe placed, maybe not: look it up before anything else.
        await this.deps.storage.transaction(async (tx) => {
          await tx.events.append({
            orderId: current.id,
            fromState: current.state,
            toState: current.state,
            reason: 'outcome unknown; will ask the reseller',
            actor: 'system',
            data: { reseller: reseller.id, detail: result.detail.slice(0, 300) },
          });
          await tx.orders.update(current.id, { nextCheckAt: new Date(this.deps.clock().getTime() + 5_000), attempts: 0 });
        });
        return;
      }
      await this.deps.storage.events.append({
        orderId: current.id,
        fromState: current.state,
        toState: current.state,
        reason: `rejected by ${reseller.id}: ${result.code}`,
        actor: 'system',
        data: { detail: (result.detail ?? '').slice(0, 300), ...(result.newCost ? { newCost: result.newCost.toJSON() } : {}) },
      });
      lastCode = result.code;
      if (playerRejections.has(result.code)) break;
    }
    await this.fail(current, lastCode, 'no offer could take the order');
  }

  private async withinPaidPrice(order: OrderRecord, offer: OrderRecord['offers'][number]): Promise<boolean> {
    const policy = await this.deps.pricing.policy();
    const priced = policy.priceOffer(offer, { id: order.listingId, game: order.game }, this.deps.clock());
    if (!priced.ok) return false;
    return priced.value.price.mul(order.quantity).compare(order.price.add(order.discount)) <= 0;
  }

  /** Persists which offer is being tried before calling it, so a crash mid-call is recoverable. */
  private async recordAttempt(order: OrderRecord, offer: OrderRecord['offers'][number], index: number): Promise<OrderRecord> {
    const patch = { resellerId: offer.resellerId, resellerSku: offer.sku, cost: offer.cost.mul(order.quantity), resellerOrderId: null, nextCheckAt: new Date(this.deps.clock().getTime() + 60_000) };
    return this.deps.storage.transaction(async (tx) => {
      if (order.state === 'paid') {
        const moved = await this.deps.lifecycle.transition(tx, order.id, 'submitted', {
          reason: `placing with ${offer.resellerId}`,
          actor: 'system',
          patch,
          data: { offer: index },
        });
        // Someone else moved it (a late payment event, an admin): never place it from a stale view.
        if (!moved.ok) throw new Error(`order ${order.reference} is ${moved.order.state}, not paid`);
        return moved.order;
      }
      await tx.events.append({ orderId: order.id, fromState: order.state, toState: order.state, reason: `failing over to ${offer.resellerId}`, actor: 'system', data: { offer: index } });
      return tx.orders.update(order.id, patch);
    });
  }

  private async place(reseller: Reseller, order: OrderRecord, offer: OrderRecord['offers'][number]): Promise<PlaceOrderResult> {
    const callbackUrl = this.deps.callbackUrlFor?.(reseller.id);
    try {
      return await reseller.placeOrder({
        reference: order.reference,
        sku: offer.sku,
        quantity: order.quantity,
        player: order.player,
        expectedCost: offer.cost,
        ...(offer.extra ? { extra: offer.extra } : {}),
        ...(callbackUrl ? { callbackUrl } : {}),
      });
    } catch (error) {
      if (error instanceof ResellerError && (error.kind === 'circuit_open' || error.kind === 'auth')) {
        // Refused before the request left (open circuit) or before any order was made (bad key).
        return { kind: 'rejected', code: 'reseller_rejected', detail: error.message };
      }
      return { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Applies what a reseller says about an order: from the order call, a webhook or a poll. */
  async apply(stale: OrderRecord, state: ResellerOrderState, reason: string): Promise<void> {
    const order = (await this.deps.storage.orders.findById(stale.id)) ?? stale;
    if (finalStates.has(order.state) || order.state === 'failed') {
      // A late or repeated update (webhook after poll, out of order): the order has moved on.
      this.deps.logger.debug({ order: order.reference, state: order.state, reported: state.status }, 'reseller update ignored: order already settled');
      return;
    }
    const now = this.deps.clock();
    const known = { ...(state.resellerOrderId ? { resellerOrderId: state.resellerOrderId } : {}) };
    switch (state.status) {
      case 'completed':
        await this.deps.storage.transaction((tx) =>
          this.deps.lifecycle.transition(tx, order.id, 'completed', {
            reason,
            actor: 'reseller',
            patch: {
              ...known,
              delivery: { items: state.items ?? [] },
              ...(state.deliveryCode ? { resellerDeliveryCode: state.deliveryCode } : {}),
              nextCheckAt: null,
            },
          }),
        );
        return;
      case 'pending':
      case 'processing': {
        if (state.needsReview) {
          await this.review(order, state.failureDetail ?? `${order.resellerId ?? 'the reseller'} cannot report this order's outcome`, known);
          return;
        }
        const attempts = order.state === 'submitted' ? 0 : order.attempts;
        const nextCheckAt = new Date(now.getTime() + trackDelayMs(attempts));
        await this.deps.storage.transaction(async (tx) => {
          if (order.state === 'submitted') {
            await this.deps.lifecycle.transition(tx, order.id, 'processing', { reason, actor: 'reseller', patch: { ...known, nextCheckAt, attempts: 1 } });
          } else {
            await tx.orders.update(order.id, { ...known, nextCheckAt, attempts: attempts + 1 });
          }
        });
        return;
      }
      case 'failed':
        await this.fail(order, 'reseller_rejected', state.failureDetail ?? reason, known);
        return;
      case 'not_found':
        await this.review(order, `${order.resellerId ?? 'the reseller'} does not know this order`);
        return;
      default: {
        const unreachable: never = state.status;
        throw new Error(`unhandled reseller status ${String(unreachable)}`);
      }
    }
  }

  /** Asks the reseller about a placed order and applies the answer. */
  async track(order: OrderRecord): Promise<void> {
    const reseller = order.resellerId ? this.deps.resellers.get(order.resellerId) : undefined;
    if (!reseller) {
      await this.review(order, `reseller ${order.resellerId ?? '(none)'} is not configured`);
      return;
    }
    let state: ResellerOrderState;
    try {
      state = await reseller.getOrder({ reference: order.reference, ...(order.resellerOrderId ? { resellerOrderId: order.resellerOrderId } : {}) });
    } catch (error) {
      const attempts = order.attempts + 1;
      if (attempts >= (this.deps.maxTrackAttempts ?? 8) && order.state !== 'needs_review') {
        await this.review(order, `no answer from ${reseller.id} after ${attempts} tries: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      await this.deps.storage.orders.update(order.id, { attempts, nextCheckAt: new Date(this.deps.clock().getTime() + trackDelayMs(attempts)) });
      return;
    }
    if (state.status === 'not_found' && order.state === 'submitted' && !order.resellerOrderId) {
      // We meant to place it but have no record that it arrived (e.g. a crash mid-call).
      if (reseller.capabilities.idempotentOrders || reseller.capabilities.statusByReference) {
        const offer = order.offers[this.offerIndex(order)];
        if (offer) {
          const result = await this.place(reseller, order, offer);
          if (result.kind === 'accepted') return this.apply(order, result.state, 're-placed after an unknown outcome');
          if (result.kind === 'rejected') return this.submit(order);
        }
      }
      await this.review(order, `cannot tell whether ${reseller.id} received the order`);
      return;
    }
    await this.apply(order, state, `reported by ${reseller.id}`);
  }

  private async review(order: OrderRecord, reason: string, known: { resellerOrderId?: string } = {}): Promise<void> {
    await this.deps.storage.transaction(async (tx) => {
      if (order.state === 'needs_review') {
        await tx.orders.update(order.id, { ...known, nextCheckAt: new Date(this.deps.clock().getTime() + 600_000) });
        return;
      }
      await this.deps.lifecycle.transition(tx, order.id, 'needs_review', {
        reason: reason.slice(0, 200),
        actor: 'system',
        patch: { ...known, failureDetail: reason.slice(0, 1000), nextCheckAt: new Date(this.deps.clock().getTime() + 600_000) },
      });
    });
  }

  async fail(order: OrderRecord, code: string, detail: string, extra: { resellerOrderId?: string } = {}): Promise<void> {
    const failed = await this.deps.storage.transaction((tx) =>
      this.deps.lifecycle.transition(tx, order.id, 'failed', {
        reason: detail.slice(0, 200),
        actor: 'system',
        patch: { ...extra, failureCode: code, failureDetail: detail.slice(0, 1000), nextCheckAt: order.paidAt ? this.deps.clock() : null },
      }),
    );
    if (failed.ok && failed.order.paidAt) await this.refund(failed.order);
  }

  /**
   * Gives the money back for a failed paid order: to the wallet for wallet and Sellix
   * payments (the buyer is told; an operator may refund Sellix outside), to the original
   * method where it refunds by API (Telegram Stars).
   */
  async refund(order: OrderRecord): Promise<void> {
    if (order.state !== 'failed' || !order.paidAt || order.refundedAt) return;
    const method = order.paymentMethod === 'wallet' ? undefined : this.deps.paymentMethods.get(order.paymentMethod);
    if (method && order.paymentMethod === 'stars') {
      const payment = order.paymentId ? await this.deps.storage.payments.findById(order.paymentId) : undefined;
      const outcome = payment
        ? await method.refund({ paymentReference: payment.reference, externalId: payment.externalId, amount: payment.amount, detail: payment.detail }).catch(
            (error: unknown) => ({ kind: 'failed' as const, detail: String(error) }),
          )
        : ({ kind: 'failed', detail: 'payment record missing' } as const);
      if (outcome.kind === 'refunded') {
        await this.deps.storage.transaction(async (tx) => {
          if (payment) await tx.payments.update(payment.id, { status: 'refunded' });
          await this.deps.lifecycle.transition(tx, order.id, 'refunded', {
            reason: `refunded to ${order.paymentMethod}`,
            actor: 'system',
            patch: { nextCheckAt: null },
            notice: { refund: { amount: order.price.toJSON(), to: 'original' } },
          });
        });
        return;
      }
      this.deps.logger.error({ order: order.reference, outcome }, 'refund to the original method failed; will retry');
      await this.deps.storage.orders.update(order.id, { nextCheckAt: new Date(this.deps.clock().getTime() + 300_000) });
      return;
    }
    await this.deps.storage.transaction(async (tx) => {
      await this.deps.wallet.creditInTransaction(tx, {
        userId: order.userId,
        amount: order.price,
        reason: 'order_refund',
        reference: order.reference,
        idempotencyKey: `order:${order.reference}:refund`,
        actor: 'system',
      });
      await this.deps.lifecycle.transition(tx, order.id, 'refunded', {
        reason: 'refunded to wallet',
        actor: 'system',
        patch: { nextCheckAt: null },
        notice: { refund: { amount: order.price.toJSON(), to: 'wallet' } },
      });
    });
  }
}
