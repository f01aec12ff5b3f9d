import { Money } from '../../core/money.js';
import {
  ResellerError,
  type CatalogPage,
  type IncomingWebhook,
  type PlaceOrderRequest,
  type PlaceOrderResult,
  type PlayerCheck,
  type QuoteResult,
  type RejectionCode,
  type Reseller,
  type ResellerCapabilities,
  type ResellerOrderState,
  type ResellerWebhookEvent,
} from '../../core/ports/reseller.js';
import type { ResellerProduct } from '../../core/catalog/types.js';
import { UpstreamClient, upstreamTuning, type UpstreamTuning } from '../shared/upstream-client.js';
import { GamexBulkAccount } from './gamexbulk.account.js';
import { GamexBulkCatalog } from './gamexbulk.catalog.js';
import { GamexBulkOrders, type GamexOrderSummary, type ListOrdersOptions } from './gamexbulk.orders.js';
import { wireInputs } from './gamexbulk.products.js';
import { businessErrorStatuses, mapError, orderStateOf, playerCheckOf } from './gamexbulk.status.js';
import { SIGNATURE_HEADER, headerValue, normalizeWebhook } from './gamexbulk.webhook.js';
import { envelope, orderSchema, playerCheckSchema } from './gamexbulk.wire.js';

export type { GamexOrderSummary, ListOrdersOptions } from './gamexbulk.orders.js';

/**
 * Every path the adapter calls, relative to the base URL (which ends in `/api/v1`). The
 * document does not print the create/list order paths: `POST /orders` and `GET /orders` are
 * the natural reading of "Create Order" and "List Orders" next to `GET /order/{id}`.
 */
export const GAMEXBULK_PATHS = {
  account: '/getMe',
  games: '/games',
  categories: '/categories',
  products: '/products',
  validatePlayer: '/validate-player',
  createOrder: '/orders',
  listOrders: '/orders',
  order: (id: string) => `/order/${encodeURIComponent(id)}`,
} as const;

export interface GamexBulkOptions extends UpstreamTuning {
  baseUrl: string;
  /** Sent as `X-API-KEY` on every call. */
  apiKey: string;
  /** Our webhook route (`POST /webhooks/gamexbulk`); orders then ask for `callback_mode=events`. */
  callbackUrl?: string;
  /** Least time between two refetches of the webhook secret after a signature mismatch. */
  secretRefreshMinMs?: number;
  /** Pages of the recent-order list searched when an order is looked up by our reference. */
  orderLookupPages?: number;
}

const rejected = (code: RejectionCode, detail?: string, newCost?: Money): PlaceOrderResult & QuoteResult => ({
  kind: 'rejected',
  code,
  ...(detail ? { detail } : {}),
  ...(newCost ? { newCost } : {}),
});

/** The GamexBulk.Shop reseller: catalog, player check, idempotent orders, signed webhooks. */
export class GamexBulkReseller implements Reseller {
  readonly id = 'gamexbulk';
  readonly displayName = 'GamexBulk';
  readonly capabilities: ResellerCapabilities = {
    webhooks: true,
    playerCheck: true,
    quantityOrders: true,
    balance: true,
    // Through the recent-order list: there is no lookup by our key.
    statusByReference: true,
    // GamexBulk returns the same order for a repeated X-Idempotency-Key.
    idempotentOrders: true,
  };
  private readonly client: UpstreamClient;
  private readonly catalog: GamexBulkCatalog;
  private readonly account: GamexBulkAccount;
  private readonly orders: GamexBulkOrders;

  constructor(private readonly options: GamexBulkOptions) {
    this.client = new UpstreamClient({
      ...upstreamTuning(options),
      upstream: this.id,
      baseUrl: options.baseUrl,
      headers: { 'x-api-key': options.apiKey },
    });
    this.account = new GamexBulkAccount(this.client, GAMEXBULK_PATHS.account, options.secretRefreshMinMs ?? 60_000);
    // Prices and order amounts carry no currency of their own: they are in the account's.
    const currency = async () => (await this.account.get()).currency;
    this.catalog = new GamexBulkCatalog(this.client, GAMEXBULK_PATHS, currency);
    this.orders = new GamexBulkOrders(this.client, GAMEXBULK_PATHS, currency, options.orderLookupPages ?? 5);
  }

  /** False while the circuit is open: routing skips this reseller's offers. */
  get isHealthy(): boolean {
    return this.client.isHealthy;
  }

  listCatalog(cursor?: string): Promise<CatalogPage> {
    return this.catalog.page(cursor);
  }

  async quote(sku: string, quantity: number): Promise<QuoteResult> {
    const product = await this.catalog.find(sku);
    if (!product) return rejected('product_not_found', `no active product ${sku}`);
    const refusal = this.catalog.refusal(product, quantity);
    if (refusal) return rejected(refusal);
    const { cost, inStock, stock, playerFields, type } = product;
    return { kind: 'ok', quote: { sku, cost, inStock, stock: stock ?? null, playerFields, type } };
  }

  async validatePlayer(sku: string, player: Record<string, string>): Promise<PlayerCheck> {
    const known = this.catalog.known(sku);
    // The document: the check "is only relevant for products that require player input".
    if (known?.type === 'voucher') return { kind: 'not_verifiable' };
    if (!player.player_id?.trim()) return { kind: 'invalid', code: 'player_fields_invalid', detail: 'player_id is missing' };
    const productId = Number(sku);
    if (!Number.isSafeInteger(productId)) return { kind: 'not_verifiable' };
    const { status, data } = await this.client.request({
      operation: 'validatePlayer',
      method: 'POST',
      path: GAMEXBULK_PATHS.validatePlayer,
      body: { product_id: productId, ...wireInputs(player) },
      idempotent: true,
      schema: envelope(playerCheckSchema),
      acceptStatus: businessErrorStatuses,
    });
    return playerCheckOf(data, status, known?.validationOptional ?? false);
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    if (!Number.isSafeInteger(request.quantity) || request.quantity < 1) return rejected('quantity_not_allowed');
    let product: ResellerProduct | PlaceOrderResult;
    try {
      product = await this.liveCheck(request);
    } catch (error) {
      // The caller cannot tell a throw before sending from one after; say so as a value.
      if (error instanceof ResellerError && error.kind !== 'auth') {
        return { kind: 'unknown', detail: `no order sent: the live check failed (${error.message})` };
      }
      throw error;
    }
    if ('kind' in product) return product;
    const callbackUrl = request.callbackUrl ?? this.options.callbackUrl;
    const body = {
      product_id: Number(product.sku),
      qty: request.quantity,
      ...(product.type === 'topup' ? wireInputs(request.player) : {}),
      ...(callbackUrl ? { callback_url: callbackUrl, callback_mode: 'events' } : {}),
    };
    let answer;
    try {
      answer = await this.client.request({
        operation: 'createOrder',
        method: 'POST',
        path: GAMEXBULK_PATHS.createOrder,
        headers: { 'x-idempotency-key': request.reference },
        body,
        // GamexBulk de-duplicates by X-Idempotency-Key, so a retried create returns the same order.
        idempotent: true,
        schema: envelope(orderSchema),
        acceptStatus: businessErrorStatuses,
      });
    } catch (error) {
      if (error instanceof ResellerError && error.kind !== 'auth') return { kind: 'unknown', detail: error.message };
      throw error;
    }
    const { status, data } = answer;
    if (data.success) return { kind: 'accepted', state: orderStateOf(data.data, this.account.currency) };
    const meaning = mapError(data.error, status);
    const detail = `HTTP ${status} ${data.error.code}${data.error.message ? `: ${data.error.message}` : ''}`;
    return meaning.kind === 'unknown' ? { kind: 'unknown', detail } : rejected(meaning.code, detail);
  }

  async getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState> {
    if (ref.resellerOrderId) return this.orders.byId(ref.resellerOrderId);
    const found = await this.orders.byReference(ref.reference);
    if (!found) return { status: 'not_found' };
    // Codes may only be in the single-order view; fetch it for a completed order without them.
    if (found.state.status === 'completed' && !found.state.items) return this.orders.byId(found.resellerOrderId);
    return found.state;
  }

  /**
   * Recent orders as GamexBulk lists them, page by page until the last page, `maxPages`, or
   * a row for which `until` is true. For the reconciler; also behind lookups by our reference.
   */
  listOrders(options?: ListOrdersOptions): Promise<GamexOrderSummary[]> {
    return this.orders.list(options);
  }

  async balance(): Promise<Money> {
    const account = await this.account.get(true);
    return Money.of(account.balance, account.currency);
  }

  /**
   * Verifies `X-GAMEX-Signature` with the `webhook_secret` from `/getMe` (cached; refetched
   * once on a mismatch in case it was rotated), then normalizes a legacy or events-mode body.
   * A failing `/getMe` throws: the route should answer 5xx so GamexBulk delivers again.
   */
  async parseWebhook(request: IncomingWebhook): Promise<ResellerWebhookEvent> {
    const signature = headerValue(request.headers, SIGNATURE_HEADER);
    if (!signature) return { kind: 'rejected', reason: 'bad_signature', detail: 'no X-GAMEX-Signature header' };
    if (!(await this.account.verify(request.rawBody, signature))) {
      return { kind: 'rejected', reason: 'bad_signature', detail: 'X-GAMEX-Signature does not match' };
    }
    return normalizeWebhook(request, this.account.currency);
  }

  /** Games, for grouping; products carry their game's name already. */
  listGames(): Promise<Array<{ id: string; name: string }>> {
    return this.catalog.games();
  }

  /** Categories, optionally of one game. */
  listCategories(gameId?: string): Promise<Array<{ id: string; name: string; game_id?: string | null | undefined }>> {
    return this.catalog.categories(gameId);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * The product as GamexBulk lists it now, or why it cannot be ordered. GamexBulk takes no
   * price on the order and charges its current one, so a rise since the quote is caught here.
   */
  private async liveCheck(request: PlaceOrderRequest): Promise<ResellerProduct | PlaceOrderResult> {
    const product = await this.catalog.find(request.sku);
    if (!product) return this.unlessAlreadyPlaced(request.reference, rejected('product_not_found', `no active product ${request.sku}`));
    if (product.type === 'topup' && !request.player.player_id?.trim()) return rejected('player_fields_invalid', 'player_id is missing');
    const refusal = this.catalog.refusal(product, request.quantity);
    if (refusal === 'quantity_not_allowed') return rejected(refusal, 'top-up orders must use qty 1');
    if (refusal) return this.unlessAlreadyPlaced(request.reference, rejected(refusal));
    const expected = request.expectedCost;
    if (product.cost.currency !== expected.currency || product.cost.compare(expected) > 0) {
      return this.unlessAlreadyPlaced(request.reference, rejected('price_changed', `now ${product.cost.toString()}`, product.cost));
    }
    return product;
  }

  /**
   * A refusal found before ordering (stock, price, product gone) holds only if no order was
   * placed under this reference earlier: a repeat of an accepted order must return that order,
   * or the core could fail over and buy twice.
   */
  private async unlessAlreadyPlaced(reference: string, rejection: PlaceOrderResult): Promise<PlaceOrderResult> {
    const existing = await this.orders.byReference(reference);
    return existing ? { kind: 'accepted', state: existing.state } : rejection;
  }
}

/** Creates the GamexBulk reseller adapter. */
export function createGamexBulkReseller(options: GamexBulkOptions): GamexBulkReseller {
  return new GamexBulkReseller(options);
}
