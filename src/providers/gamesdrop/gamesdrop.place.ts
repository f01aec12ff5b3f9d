import { ResellerError, type PlaceOrderRequest, type PlaceOrderResult, type ResellerOrderState } from '../../core/ports/reseller.js';
import type { UpstreamClient, UpstreamResponse } from '../shared/upstream-client.js';
import { customerOf, playerFieldsFor, playerProblem, wirePrice } from './gamesdrop.catalog.js';
import type { GamesDropOffers } from './gamesdrop.offers.js';
import { BUSINESS_STATUSES, numericId, type GamesDropOrderReader } from './gamesdrop.orders.js';
import { createOutcome, describeError, errorMeaning } from './gamesdrop.status.js';
import { answer, orderSchema, type Answer, type WireOrder } from './gamesdrop.wire.js';

export interface PlacementOptions {
  priceMaxAgeMs: number;
  lookupByTransactionId: boolean;
  customerEmail?: string;
}

const MAX_REMEMBERED_ORDERS = 50_000;

/**
 * Places orders: the exact live price, our reference as `transactionId`, and on
 * `TRANSACTION_DUPLICATE` a lookup of the order that already exists, never a second order.
 */
export class GamesDropOrderPlacer {
  /** reference → orderId, so a duplicate answer in this process is looked up, not guessed. */
  private readonly orderIds = new Map<string, string>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly offers: GamesDropOffers,
    private readonly orders: GamesDropOrderReader,
    private readonly options: PlacementOptions,
  ) {}

  orderIdOf(reference: string): string | undefined {
    return this.orderIds.get(reference);
  }

  remember(reference: string, orderId: string): void {
    this.orderIds.delete(reference);
    this.orderIds.set(reference, orderId);
    if (this.orderIds.size > MAX_REMEMBERED_ORDERS) this.orderIds.delete(this.orderIds.keys().next().value!);
  }

  async place(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const { sku, reference } = request;
    // quote() has usually just asked find-one; a price that recent is still the live one.
    const offer = this.offers.fresh(sku, this.options.priceMaxAgeMs) ?? (await this.offers.find(sku));
    if (!offer) return { kind: 'rejected', code: 'product_not_found' };
    const problem = playerProblem(playerFieldsFor(offer.needs), request.player);
    if (problem) return { kind: 'rejected', code: 'player_fields_invalid', detail: problem };
    // Only a price the core agreed to is ever sent.
    if (!offer.cost.equals(request.expectedCost)) {
      return { kind: 'rejected', code: 'price_changed', newCost: offer.cost, detail: `live ${offer.cost.toString()}, expected ${request.expectedCost.toString()}` };
    }
    const customer = customerOf(request.player, request.extra?.email ?? this.options.customerEmail);
    let response: UpstreamResponse<Answer<WireOrder>>;
    try {
      response = await this.client.request({
        operation: 'createOrder',
        method: 'POST',
        path: '/api/v1/offers/create-order',
        body: { offerId: numericId(sku), price: wirePrice(offer.cost), transactionId: reference, ...(customer ? { customer } : {}) },
        // GamesDrop de-duplicates by transactionId: a retry either creates the one order or
        // answers TRANSACTION_DUPLICATE, which is looked up below, never re-placed.
        idempotent: true,
        schema: answer(orderSchema),
        acceptStatus: BUSINESS_STATUSES,
      });
    } catch (error) {
      if (error instanceof ResellerError && error.kind !== 'auth') return { kind: 'unknown', detail: error.message };
      throw error;
    }
    if (response.data.kind === 'ok') return this.accepted(reference, response.data.data);
    const error = response.data.error;
    const detail = describeError(error, response.status);
    const outcome = createOutcome(errorMeaning(error.code));
    switch (outcome.kind) {
      case 'auth':
        throw new ResellerError('gamesdrop', 'auth', `createOrder: ${detail}`);
      case 'duplicate':
        return this.afterDuplicate(reference, error.orderId);
      case 'wrong_price':
        return this.afterWrongPrice(sku, detail);
      case 'rejected':
        return { kind: 'rejected', code: outcome.code, detail };
      case 'unknown':
        return { kind: 'unknown', detail };
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }

  private async accepted(reference: string, order: WireOrder): Promise<PlaceOrderResult> {
    if (!order.orderId) return { kind: 'unknown', detail: `create-order answered ${order.status} without an orderId` };
    this.remember(reference, order.orderId);
    try {
      return { kind: 'accepted', state: await this.orders.withKeys(order) };
    } catch (error) {
      // The order exists; only its keys could not be fetched. The reconciler fetches them later.
      if (!(error instanceof ResellerError)) throw error;
      return { kind: 'accepted', state: { status: 'processing', resellerOrderId: order.orderId, failureDetail: error.message } };
    }
  }

  /** An order under our reference exists: report it, never place another. */
  private async afterDuplicate(reference: string, hintedOrderId: string | undefined): Promise<PlaceOrderResult> {
    const orderId = hintedOrderId ?? this.orderIds.get(reference);
    if (!orderId && !this.options.lookupByTransactionId) {
      return { kind: 'unknown', detail: 'TRANSACTION_DUPLICATE: GamesDrop holds an order for this reference, but its orderId is not on record' };
    }
    let state: ResellerOrderState;
    try {
      state = await this.orders.find(orderId ? { orderId } : { transactionId: reference });
    } catch (error) {
      if (!(error instanceof ResellerError) || error.kind === 'auth') throw error;
      return { kind: 'unknown', detail: `TRANSACTION_DUPLICATE, then the lookup failed: ${error.message}` };
    }
    if (state.status === 'not_found') return { kind: 'unknown', detail: 'TRANSACTION_DUPLICATE, yet the order is not found' };
    if (state.resellerOrderId) this.remember(reference, state.resellerOrderId);
    return { kind: 'accepted', state };
  }

  /** WRONG_PRICE: learn the new price so the core can decide whether to ask the buyer again. */
  private async afterWrongPrice(sku: string, detail: string): Promise<PlaceOrderResult> {
    this.offers.forget(sku);
    const offer = await this.offers.find(sku).catch((error: unknown) => {
      if (error instanceof ResellerError) return null;
      throw error;
    });
    if (offer === undefined) return { kind: 'rejected', code: 'product_not_found', detail };
    return { kind: 'rejected', code: 'price_changed', detail, ...(offer ? { newCost: offer.cost } : {}) };
  }
}
