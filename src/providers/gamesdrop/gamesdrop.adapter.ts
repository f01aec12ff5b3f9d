import { randomUUID } from 'node:crypto';
import type { Money } from '../../core/money.js';
import {
  type CatalogPage,
  type PlaceOrderRequest,
  type PlaceOrderResult,
  type PlayerCheck,
  type QuoteResult,
  type Reseller,
  type ResellerCapabilities,
  ResellerError,
  type ResellerOrderState,
  type ResellerWebhookEvent,
} from '../../core/ports/reseller.js';
import { UpstreamClient, upstreamTuning, type UpstreamTuning } from '../shared/upstream-client.js';
import { customerOf, playerFieldsFor, playerProblem, typeFor, wirePrice } from './gamesdrop.catalog.js';
import { GamesDropLedger, type TransactionsPage } from './gamesdrop.ledger.js';
import { GamesDropOffers } from './gamesdrop.offers.js';
import { BUSINESS_STATUSES, GamesDropOrderReader, numericId, type StatusPath } from './gamesdrop.orders.js';
import { GamesDropOrderPlacer } from './gamesdrop.place.js';
import { describeError, errorMeaning } from './gamesdrop.status.js';
import { answer, gameDataSchema } from './gamesdrop.wire.js';

export interface GamesDropResellerOptions extends UpstreamTuning {
  /** `https://partner.gamesdrop.io` */
  baseUrl: string;
  /** The shop's API token, sent as `Authorization: <token>` (no `Bearer`). */
  token: string;
  /** GamesDrop has no webhooks; accepted for a uniform wiring and ignored. */
  callbackUrl?: string;
  /** Offers per `offers/sync` page; the document allows at most 1000. */
  pageSize?: number;
  /** How long a find-one price counts as live for ordering without asking again (default 60 s). */
  priceMaxAgeMs?: number;
  /** List the document's test offer 999 (it delivers test keys only): off outside tests. */
  includeTestOffer?: boolean;
  /**
   * Look orders up by our `transactionId` on the status path. Not in the document (one public
   * client does it); until GamesDrop confirms it, an order is read by its `orderId` only.
   */
  lookupByTransactionId?: boolean;
  /** Status path to try first; the other is tried on a 404 and kept when it answers. */
  statusPath?: StatusPath;
  /** For rows without a currency, and ledger amounts (the document: balance is always USD). */
  accountCurrency?: string;
  /** Optional `customer.email` sent with orders, for GamesDrop's support to trace them. */
  customerEmail?: string;
}

const isSku = (sku: string) => /^\d{1,15}$/.test(sku);
const notASku = { kind: 'rejected', code: 'product_not_found', detail: 'GamesDrop offer ids are numbers' } as const;
const oneUnit = { kind: 'rejected', code: 'quantity_not_allowed', detail: 'GamesDrop orders are one unit each' } as const;

/**
 * GamesDrop.io partner API as a {@link Reseller}. The catalog comes from `offers/sync`, prices
 * from `offers/find-one` (create-order must repeat that exact price), orders carry our reference
 * as `transactionId`, which GamesDrop de-duplicates: a repeat answers `TRANSACTION_DUPLICATE` and
 * the adapter looks the existing order up instead of placing another. No webhooks: the reconciler
 * polls {@link getOrder}.
 */
export class GamesDropReseller implements Reseller {
  readonly id = 'gamesdrop';
  readonly displayName = 'GamesDrop';
  readonly capabilities: ResellerCapabilities;
  private readonly client: UpstreamClient;
  private readonly offers: GamesDropOffers;
  private readonly orders: GamesDropOrderReader;
  private readonly placer: GamesDropOrderPlacer;
  private readonly ledger: GamesDropLedger;

  constructor(private readonly options: GamesDropResellerOptions) {
    this.client = new UpstreamClient({
      ...upstreamTuning(options),
      upstream: this.id,
      baseUrl: options.baseUrl,
      headers: { authorization: options.token },
    });
    const accountCurrency = options.accountCurrency ?? 'USD';
    this.offers = new GamesDropOffers(this.client, {
      pageSize: Math.min(Math.max(options.pageSize ?? 1000, 1), 1000),
      accountCurrency,
      includeTestOffer: options.includeTestOffer === true,
    });
    this.orders = new GamesDropOrderReader(this.client, options.statusPath);
    this.placer = new GamesDropOrderPlacer(this.client, this.offers, this.orders, {
      priceMaxAgeMs: options.priceMaxAgeMs ?? 60_000,
      lookupByTransactionId: options.lookupByTransactionId === true,
      ...(options.customerEmail ? { customerEmail: options.customerEmail } : {}),
    });
    this.ledger = new GamesDropLedger(this.client, accountCurrency);
    this.capabilities = {
      webhooks: false,
      playerCheck: true,
      quantityOrders: false,
      balance: true,
      // Only where the service confirms lookups by transactionId; the in-process memory of
      // orderIds does not survive a restart, so it does not count.
      statusByReference: options.lookupByTransactionId === true,
      idempotentOrders: true,
    };
  }

  /** False while the circuit is open: routing skips GamesDrop's offers. */
  get isHealthy(): boolean {
    return this.client.isHealthy;
  }

  /** The order-status path in use (the one that answered last). */
  get statusPath(): StatusPath {
    return this.orders.statusPath;
  }

  async listCatalog(cursor?: string): Promise<CatalogPage> {
    const page = cursor === undefined ? 1 : Number(cursor);
    if (!Number.isSafeInteger(page) || page < 1) throw new RangeError(`not a GamesDrop catalog cursor: ${cursor}`);
    return this.offers.page(page);
  }

  async quote(sku: string, quantity: number): Promise<QuoteResult> {
    if (!isSku(sku)) return notASku;
    if (quantity !== 1) return oneUnit;
    const offer = await this.offers.find(sku);
    if (!offer) return { kind: 'rejected', code: 'product_not_found' };
    return {
      kind: 'ok',
      quote: { sku, cost: offer.cost, inStock: offer.inStock, stock: null, playerFields: playerFieldsFor(offer.needs), type: typeFor(offer.needs) },
    };
  }

  async validatePlayer(sku: string, player: Record<string, string>): Promise<PlayerCheck> {
    if (!isSku(sku)) return { kind: 'not_verifiable' };
    const offer = this.offers.remembered(sku) ?? (await this.offers.find(sku));
    if (!offer) return { kind: 'not_verifiable' };
    const problem = playerProblem(playerFieldsFor(offer.needs), player);
    if (problem) return { kind: 'invalid', code: 'player_fields_invalid', detail: problem };
    const customer = customerOf(player);
    if (!customer?.gameUserId) return { kind: 'valid', nickname: null };
    const response = await this.client.request({
      operation: 'checkGameData',
      method: 'POST',
      path: '/api/v1/offers/check-game-data',
      // The document asks for a transactionId here too; it is never an order reference, so a
      // check can never use up the key of the order that follows.
      body: { offerId: numericId(sku), price: wirePrice(offer.cost), transactionId: `check-${randomUUID()}`, customer },
      idempotent: true,
      schema: answer(gameDataSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    if (response.data.kind === 'ok') {
      const result = response.data.data;
      if (result.status === 'VALID') return { kind: 'valid', nickname: result.gameUserLogin?.trim() || null };
      if (result.status === 'INVALID') return { kind: 'invalid', code: 'player_not_found', ...(result.message ? { detail: result.message } : {}) };
      return { kind: 'not_verifiable' };
    }
    const error = response.data.error;
    const detail = `checkGameData: ${describeError(error, response.status)}`;
    switch (errorMeaning(error.code)) {
      case 'auth':
        throw new ResellerError(this.id, 'auth', detail);
      case 'unavailable':
        throw new ResellerError(this.id, 'unavailable', detail);
      case 'bad_request':
        return { kind: 'invalid', code: 'player_fields_invalid', detail };
      default:
        return { kind: 'not_verifiable' };
    }
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    if (!isSku(request.sku)) return notASku;
    if (request.quantity !== 1) return oneUnit;
    return this.placer.place(request);
  }

  async getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState> {
    const orderId = ref.resellerOrderId ?? this.placer.orderIdOf(ref.reference);
    if (orderId) return this.orders.find({ orderId });
    if (this.options.lookupByTransactionId) {
      const state = await this.orders.find({ transactionId: ref.reference });
      if (state.resellerOrderId) this.placer.remember(ref.reference, state.resellerOrderId);
      return state;
    }
    // Not final, so nothing is refunded or re-placed on a guess: an operator looks.
    return { status: 'pending', failureDetail: 'GamesDrop reads orders by orderId only, and this order has none on record: needs review' };
  }

  async balance(): Promise<Money> {
    return this.ledger.balance();
  }

  /** Balance history (deposits, purchases, refunds), newest first, for reconciliation by amount and time. */
  async transactions(page = 1, limit = 20): Promise<TransactionsPage> {
    return this.ledger.transactions(page, limit);
  }

  /** GamesDrop sends no webhooks. */
  async parseWebhook(): Promise<ResellerWebhookEvent> {
    return { kind: 'not_supported' };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** A GamesDrop reseller adapter with its own connection pool, timeouts, retries and circuit breaker. */
export function createGamesDropReseller(options: GamesDropResellerOptions): GamesDropReseller {
  return new GamesDropReseller(options);
}
