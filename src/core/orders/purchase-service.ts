import { randomUUID } from 'node:crypto';
import type { CatalogService } from '../catalog/catalog-service.js';
import { validatePlayerFields } from '../catalog/player-validation.js';
import type { Listing } from '../catalog/types.js';
import type { Clock, CoreLogger } from '../clock.js';
import { fail, ok, type ErrorCode, type Result } from '../errors.js';
import { Money } from '../money.js';
import type { KeyValueStore } from '../ports/kv.js';
import type { PaymentMethod, PaymentMethodId, PaymentStart } from '../ports/payment.js';
import { ResellerError, type PlayerCheck, type Reseller } from '../ports/reseller.js';
import type { BuyerRecord, OrderRecord, Repositories, Storage } from '../ports/storage.js';
import { applyCoupon } from '../pricing/pricing.js';
import type { PricingService } from '../pricing/pricing-service.js';
import type { WalletService } from '../wallet/wallet-service.js';
import type { OrderLifecycle } from './order-lifecycle.js';
import { newOrderReference } from './reference.js';

/** A priced, time-limited offer to one buyer for one listing, quantity and player. */
export interface Quote {
  id: string;
  buyerId: string;
  listingId: string;
  listingName: string;
  game: string | null;
  productType: 'topup' | 'voucher';
  quantity: number;
  player: Record<string, string>;
  nickname: string | null;
  unitPrice: Money;
  /** What the buyer pays: unit price × quantity, less the coupon. */
  price: Money;
  discount: Money;
  couponCode: string | null;
  /** Offers to try in order; each with its cost per unit. */
  offers: Array<{ resellerId: string; sku: string; cost: Money; extra?: Record<string, string> }>;
  expiresAt: Date;
}

interface StoredQuote extends Omit<Quote, 'unitPrice' | 'price' | 'discount' | 'offers' | 'expiresAt'> {
  unitPrice: { amount: string; currency: string };
  price: { amount: string; currency: string };
  discount: { amount: string; currency: string };
  offers: Array<{ resellerId: string; sku: string; cost: { amount: string; currency: string }; extra?: Record<string, string> }>;
  expiresAt: string;
}

export interface PlacedOrder {
  order: OrderRecord;
  /** How the buyer pays, for methods other than the wallet. */
  payment?: PaymentStart;
  /** The same press arrived again: this is the order it made the first time. */
  repeated: boolean;
}

export interface PurchaseDeps {
  storage: Storage;
  catalog: CatalogService;
  pricing: PricingService;
  resellers: ReadonlyMap<string, Reseller>;
  /** False while a reseller's circuit is open: its offers are skipped. */
  isHealthy: (resellerId: string) => boolean;
  lifecycle: OrderLifecycle;
  wallet: WalletService;
  paymentMethods: ReadonlyMap<string, PaymentMethod>;
  kv: KeyValueStore;
  clock: Clock;
  logger: CoreLogger;
  quoteTtlMs: number;
  paymentTimeoutMs: number;
  /** Called after a paid order is committed, so fulfilment starts at once. */
  onPaid?: (orderId: string) => void;
  /** Configured and switched on by the owner. */
  isMethodEnabled: (method: PaymentMethodId) => boolean;
}

const quoteKey = (id: string) => `quote:${id}`;

class Abort extends Error {
  constructor(readonly failure: { ok: false; code: ErrorCode; detail?: string; params?: Record<string, string> }) {
    super(failure.code);
  }
}

/**
 * The buyer's side of a purchase: check the player, quote, and turn a quote into an order
 * paid from the wallet (in one transaction with the debit) or awaiting another method.
 */
export class PurchaseService {
  constructor(private readonly deps: PurchaseDeps) {}

  private async screen(buyer: BuyerRecord, player?: Record<string, string>): Promise<Result<true>> {
    if (buyer.banned) return fail('buyer_banned');
    if (await this.deps.storage.blacklist.has('user', buyer.id)) return fail('blacklisted');
    if (await this.deps.storage.blacklist.has('user', `${buyer.platform}:${buyer.platformUserId}`)) return fail('blacklisted');
    const playerId = player?.player_id;
    if (playerId && (await this.deps.storage.blacklist.has('player_id', playerId))) return fail('blacklisted');
    return ok(true);
  }

  private listingFor(listingId: string): Result<Listing> {
    const listing = this.deps.catalog.listing(listingId);
    if (!listing) return fail('product_not_found');
    if (listing.offers.length === 0) return fail('not_for_sale');
    return ok(listing);
  }

  /** Local rules first, then the reseller's check when one can; the nickname for the buyer to confirm. */
  async checkPlayer(buyer: BuyerRecord, listingId: string, input: Record<string, string>): Promise<Result<{ player: Record<string, string>; check: PlayerCheck }>> {
    const found = this.listingFor(listingId);
    if (!found.ok) return found;
    const listing = found.value;
    const local = validatePlayerFields(listing.playerFields, input);
    if (!local.ok) return local;
    const screened = await this.screen(buyer, local.value);
    if (!screened.ok) return screened;
    const player = local.value;
    if (listing.playerFields.length === 0) return ok({ player, check: { kind: 'not_verifiable' } });
    for (const offer of listing.offers) {
      const reseller = this.deps.resellers.get(offer.resellerId);
      if (!reseller?.capabilities.playerCheck || !this.deps.isHealthy(offer.resellerId)) continue;
      try {
        const check = await reseller.validatePlayer(offer.sku, player);
        if (check.kind === 'invalid') return fail(check.code, check.detail);
        if (check.kind === 'valid') {
          if (listing.game) await this.deps.storage.savedPlayers.save(buyer.id, listing.game, player, check.nickname);
          return ok({ player, check });
        }
      } catch (error) {
        this.deps.logger.warn({ reseller: offer.resellerId, err: String(error) }, 'player check failed; trying the next reseller');
      }
    }
    if (listing.game) await this.deps.storage.savedPlayers.save(buyer.id, listing.game, player, null);
    return ok({ player, check: { kind: 'not_verifiable' } });
  }

  /** The cheapest healthy offer's current price for this buyer, held for the quote's lifetime. */
  async quote(
    buyer: BuyerRecord,
    input: { listingId: string; quantity?: number; player: Record<string, string>; nickname?: string | null; couponCode?: string | null },
  ): Promise<Result<Quote>> {
    const quantity = input.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100) return fail('quantity_not_allowed');
    const found = this.listingFor(input.listingId);
    if (!found.ok) return found;
    const listing = found.value;
    const local = validatePlayerFields(listing.playerFields, input.player);
    if (!local.ok) return local;
    const screened = await this.screen(buyer, local.value);
    if (!screened.ok) return screened;

    const now = this.deps.clock();
    const policy = await this.deps.pricing.policy();
    const candidates = listing.offers.filter((o) => o.inStock && this.deps.isHealthy(o.resellerId) && this.deps.resellers.has(o.resellerId));
    if (candidates.length === 0) return fail(listing.offers.some((o) => o.inStock) ? 'reseller_unavailable' : 'out_of_stock');
    const ranked = policy.rankOffers(candidates, listing, now);
    if (ranked.priced.length === 0) return ranked.unpriced[0] ? { ...ranked.unpriced[0].failure } : fail('not_for_sale');

    // Ask the cheapest reseller for its live terms; fall through to the next on a refusal.
    const offers: Quote['offers'] = [];
    let unitPrice: Money | undefined;
    let lastFailure: ErrorCode = 'out_of_stock';
    for (const candidate of ranked.priced) {
      const { offer } = candidate;
      if (unitPrice) {
        offers.push({ resellerId: offer.resellerId, sku: offer.sku, cost: offer.cost, ...(offer.extra ? { extra: offer.extra } : {}) });
        continue;
      }
      const reseller = this.deps.resellers.get(offer.resellerId)!;
      try {
        const live = await reseller.quote(offer.sku, quantity);
        if (live.kind === 'rejected') {
          lastFailure = live.code === 'reseller_balance_low' ? 'reseller_unavailable' : live.code;
          continue;
        }
        if (!live.quote.inStock) continue;
        const priced = policy.priceOffer({ ...offer, cost: live.quote.cost }, listing, now);
        if (!priced.ok) {
          lastFailure = priced.code;
          continue;
        }
        unitPrice = priced.value.price;
        offers.push({ resellerId: offer.resellerId, sku: offer.sku, cost: live.quote.cost, ...(offer.extra ? { extra: offer.extra } : {}) });
      } catch (error) {
        lastFailure = 'reseller_unavailable';
        this.deps.logger.warn({ reseller: offer.resellerId, err: error instanceof ResellerError ? error.message : String(error) }, 'live quote failed');
      }
    }
    if (!unitPrice) return fail(lastFailure);

    const gross = unitPrice.mul(quantity);
    let price = gross;
    let couponCode: string | null = null;
    if (input.couponCode) {
      const coupon = await this.checkCoupon(input.couponCode, listing.id, now);
      if (!coupon.ok) return coupon;
      price = applyCoupon(gross, coupon.value.percentOff);
      couponCode = coupon.value.code;
    }
    const quote: Quote = {
      id: randomUUID(),
      buyerId: buyer.id,
      listingId: listing.id,
      listingName: listing.displayName,
      game: listing.game,
      productType: listing.type,
      quantity,
      player: local.value,
      nickname: input.nickname ?? null,
      unitPrice,
      price,
      discount: gross.sub(price),
      couponCode,
      offers,
      expiresAt: new Date(now.getTime() + this.deps.quoteTtlMs),
    };
    await this.deps.kv.set(quoteKey(quote.id), JSON.stringify(quote), this.deps.quoteTtlMs);
    return ok(quote);
  }

  private async checkCoupon(code: string, listingId: string, now: Date): Promise<Result<{ code: string; percentOff: string }>> {
    const coupon = await this.deps.storage.coupons.find(code.trim());
    if (!coupon || !coupon.active) return fail('coupon_invalid');
    if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) return fail('coupon_expired');
    if (coupon.listingId && coupon.listingId !== listingId) return fail('coupon_invalid');
    if (coupon.maxUses !== null && coupon.used >= coupon.maxUses) return fail('coupon_used_up');
    return ok({ code: coupon.code, percentOff: coupon.percentOff });
  }

  async getQuote(quoteId: string): Promise<Quote | undefined> {
    const raw = await this.deps.kv.get(quoteKey(quoteId));
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as StoredQuote;
    return {
      ...stored,
      unitPrice: Money.parse(stored.unitPrice),
      price: Money.parse(stored.price),
      discount: Money.parse(stored.discount),
      offers: stored.offers.map((o) => ({ ...o, cost: Money.parse(o.cost) })),
      expiresAt: new Date(stored.expiresAt),
    };
  }

  /**
   * Turns a quote into an order. The idempotency key is the quote: pressing "pay" twice, or a
   * stale press arriving late, yields the order the first press made.
   */
  async placeOrder(
    buyer: BuyerRecord,
    input: { quoteId: string; method: PaymentMethodId; chatContext?: Record<string, string> | null; returnUrl?: string; email?: string },
  ): Promise<Result<PlacedOrder>> {
    const idempotencyKey = `quote:${input.quoteId}`;
    const existing = await this.deps.storage.orders.findByIdempotencyKey(idempotencyKey);
    if (existing) {
      if (existing.userId !== buyer.id) return fail('not_allowed');
      return ok({ order: existing, repeated: true });
    }
    const quote = await this.getQuote(input.quoteId);
    if (!quote || quote.expiresAt.getTime() <= this.deps.clock().getTime()) return fail('quote_expired');
    if (quote.buyerId !== buyer.id) return fail('not_allowed');
    const screened = await this.screen(buyer, quote.player);
    if (!screened.ok) return screened;
    if (!this.deps.isMethodEnabled(input.method)) return fail('payment_method_unavailable');

    const now = this.deps.clock();
    const base = {
      userId: buyer.id,
      idempotencyKey,
      listingId: quote.listingId,
      listingName: quote.listingName,
      game: quote.game,
      productType: quote.productType,
      quantity: quote.quantity,
      player: quote.player,
      nickname: quote.nickname,
      price: quote.price,
      discount: quote.discount,
      couponCode: quote.couponCode,
      offers: quote.offers,
      paymentMethod: input.method,
      state: 'created' as const,
      chatContext: input.chatContext ?? null,
    };
    try {
      if (input.method === 'wallet') return ok(await this.placeWalletOrder(base, now));
      return ok(await this.placeExternalOrder(buyer, base, now, input));
    } catch (error) {
      if (error instanceof Abort) return error.failure;
      throw error;
    }
  }

  /**
   * Inserts the order, or finds the one the same press already made (the idempotency key is
   * unique, so of two racing presses exactly one inserts).
   */
  private async insertOrder(tx: Repositories, order: Parameters<Storage['orders']['insert']>[0]): Promise<OrderRecord | undefined> {
    return tx.orders.insert(order);
  }

  private async placeWalletOrder(base: Omit<Parameters<Storage['orders']['insert']>[0], 'reference' | 'expiresAt'>, now: Date): Promise<PlacedOrder> {
    const placed = await this.deps.storage.transaction(async (tx) => {
      // The buyer's row first: every wallet change for this buyer queues here, in one order.
      await tx.users.lock(base.userId);
      const order = await this.insertOrder(tx, { ...base, reference: newOrderReference(), expiresAt: null });
      if (!order) return { order: (await tx.orders.findByIdempotencyKey(base.idempotencyKey))!, repeated: true };
      const debit = await this.deps.wallet.debitInTransaction(tx, {
        userId: base.userId,
        amount: base.price,
        reason: 'order_debit',
        reference: order.reference,
        idempotencyKey: `order:${order.reference}:debit`,
        actor: 'buyer',
      });
      if (!debit.ok) throw new Abort(debit);
      if (base.couponCode && !(await tx.coupons.redeem(base.couponCode))) throw new Abort(fail('coupon_used_up'));
      const paid = await this.deps.lifecycle.transition(tx, order.id, 'paid', {
        reason: 'paid from wallet',
        actor: 'buyer',
        patch: { nextCheckAt: now },
        data: { amount: base.price.toJSON() },
      });
      return { order: paid.order, repeated: false };
    });
    if (!placed.repeated) this.deps.onPaid?.(placed.order.id);
    return placed;
  }

  private async placeExternalOrder(
    buyer: BuyerRecord,
    base: Omit<Parameters<Storage['orders']['insert']>[0], 'reference' | 'expiresAt'>,
    now: Date,
    input: { method: PaymentMethodId; returnUrl?: string; email?: string },
  ): Promise<PlacedOrder> {
    const method = this.deps.paymentMethods.get(input.method)!;
    const expiresAt = new Date(now.getTime() + this.deps.paymentTimeoutMs);
    const created = await this.deps.storage.transaction(async (tx) => {
      const order = await this.insertOrder(tx, { ...base, reference: newOrderReference(), expiresAt });
      if (!order) return { order: (await tx.orders.findByIdempotencyKey(base.idempotencyKey))!, repeated: true, paymentReference: '' };
      if (base.couponCode && !(await tx.coupons.redeem(base.couponCode))) throw new Abort(fail('coupon_used_up'));
      const payment = await tx.payments.insert({
        reference: `PAY-${order.reference}`,
        method: input.method,
        purpose: 'order',
        userId: buyer.id,
        orderId: order.id,
        amount: base.price,
        status: 'pending',
        detail: {},
        expiresAt,
      });
      const awaiting = await this.deps.lifecycle.transition(tx, order.id, 'awaiting_payment', {
        reason: `checkout with ${input.method}`,
        actor: 'buyer',
        patch: { paymentId: payment.id, nextCheckAt: expiresAt },
      });
      return { order: awaiting.order, repeated: false, paymentReference: payment.reference };
    });
    if (created.repeated) return { order: created.order, repeated: true };

    const start = await method
      .start({
        paymentReference: created.paymentReference,
        purpose: 'order',
        amount: base.price,
        title: `${base.listingName}${base.quantity > 1 ? ` × ${base.quantity}` : ''} (${created.order.reference})`,
        orderReference: created.order.reference,
        buyer: { userId: buyer.id, platform: buyer.platform, platformUserId: buyer.platformUserId, ...(input.email ? { email: input.email } : {}) },
        ...(input.returnUrl ? { returnUrl: input.returnUrl } : {}),
      })
      .catch((error: unknown): PaymentStart => ({ kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) }));

    if (start.kind === 'unavailable') {
      const failed = await this.deps.storage.transaction(async (tx) => {
        const payment = await tx.payments.findByReference(created.paymentReference, { forUpdate: true });
        if (payment) await tx.payments.update(payment.id, { status: 'cancelled', detail: { error: start.detail } });
        return this.deps.lifecycle.transition(tx, created.order.id, 'failed', {
          reason: 'payment could not be started',
          actor: 'system',
          patch: { failureCode: 'payment_failed', failureDetail: start.detail, nextCheckAt: null },
        });
      });
      throw new Abort(fail('payment_failed', start.detail, { reference: failed.order.reference }));
    }
    if (start.kind === 'redirect') {
      const payment = await this.deps.storage.payments.findByReference(created.paymentReference);
      if (payment) {
        await this.deps.storage.payments.update(payment.id, {
          externalId: start.externalId,
          checkoutUrl: start.url,
        });
      }
    }
    return { order: created.order, payment: start, repeated: false };
  }
}
