import { Money } from '../../core/money.js';
import {
  ResellerError,
  type CatalogPage,
  type PlayerCheck,
  type PlaceOrderRequest,
  type PlaceOrderResult,
  type QuoteResult,
  type Reseller,
  type ResellerCapabilities,
  type ResellerOrderState,
  type ResellerWebhookEvent,
} from '../../core/ports/reseller.js';
import { UpstreamClient, upstreamTuning, type UpstreamTuning } from '../shared/upstream-client.js';
import { productOf } from './xzian.products.js';
import { SentOrders } from './xzian.sent-orders.js';
import { createOrderAnswerStatuses, mapCreateError, NEEDS_REVIEW, orderStateOf } from './xzian.status.js';
import { wireCreateOrderAnswer, wireHealth, wireMeAnswer, wireProductList, type WireProduct } from './xzian.wire.js';

export interface XzianResellerOptions extends UpstreamTuning {
  /** `https://xzian.com/api/v1`; every path below is relative to it. */
  baseUrl: string;
  /** A key from the XZian profile (`sk_live_…`); sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Accepted for a uniform shape; XZian has no callbacks, so it is not sent. */
  callbackUrl?: string;
  /** How old a catalog read may be for the price check before an order (default 10 s). */
  priceMaxAgeMs?: number;
}

const paths = { health: '/health', products: '/products', me: '/me', orders: '/orders' } as const;

// Errors raised before a connection existed: the order cannot have reached XZian.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function mayHaveCreated(error: ResellerError): boolean {
  if (error.kind === 'auth' || error.kind === 'rate_limited' || error.kind === 'circuit_open') return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return !(typeof code === 'string' && NOT_SENT_CODES.has(code));
}

/** `player_id` goes at the top level; every other player field into `checkout` (`cf_*`, `smm_*`). */
function orderBody(row: WireProduct, player: Record<string, string>): Record<string, unknown> {
  const { player_id: playerId, ...rest } = player;
  const checkout = Object.fromEntries(Object.entries(rest).filter(([, value]) => value.trim() !== ''));
  return {
    item_id: row.item_id,
    ...(playerId?.trim() ? { player_id: playerId.trim() } : {}),
    ...(Object.keys(checkout).length > 0 ? { checkout } : {}),
  };
}

/**
 * The XZian Store reseller: a public BDT product list, a USD wallet balance, and wallet-charged
 * orders whose first answer is the only view of them (no status endpoint, no webhooks, no
 * idempotency key). Anything not final in that answer is left for an operator.
 */
export class XzianReseller implements Reseller {
  readonly id = 'xzian';
  readonly displayName = 'XZian';
  readonly capabilities: ResellerCapabilities = {
    webhooks: false,
    playerCheck: false,
    quantityOrders: false,
    balance: true,
    statusByReference: false,
    idempotentOrders: false,
  };
  private readonly client: UpstreamClient;
  private readonly sent = new SentOrders();
  private readonly priceMaxAgeMs: number;
  private lastRead: { at: number; rows: Map<string, WireProduct> } | undefined;

  constructor(options: XzianResellerOptions) {
    this.priceMaxAgeMs = options.priceMaxAgeMs ?? 10_000;
    this.client = new UpstreamClient({
      ...upstreamTuning(options),
      upstream: this.id,
      baseUrl: options.baseUrl,
      // Sent on the public routes too: harmless, and one rule for every call.
      headers: { authorization: `Bearer ${options.apiKey}` },
    });
  }

  /** False while the circuit is open: the core skips XZian's offers. */
  get isHealthy(): boolean {
    return this.client.isHealthy;
  }

  /** Cheap probe of `GET /health`; never throws. */
  async health(): Promise<{ healthy: boolean; version?: number; detail?: string }> {
    try {
      const { data } = await this.client.request({ operation: 'health', method: 'GET', path: paths.health, idempotent: true, schema: wireHealth });
      return { healthy: data.ok, ...(typeof data.version === 'number' ? { version: data.version } : {}), ...(data.ok ? {} : { detail: 'GET /health answered ok:false' }) };
    } catch (error) {
      if (error instanceof ResellerError) return { healthy: false, detail: error.message };
      throw error;
    }
  }

  /** The whole list in one read (`GET /products` is not paged); the cursor is never set. */
  async listCatalog(): Promise<CatalogPage> {
    const rows = await this.readProducts();
    return { products: [...rows.values()].map((row) => productOf(row, this.id)) };
  }

  async quote(sku: string, quantity: number): Promise<QuoteResult> {
    if (quantity !== 1) return { kind: 'rejected', code: 'quantity_not_allowed', detail: 'XZian orders are one unit each' };
    const row = (await this.readProducts()).get(sku);
    if (!row) return { kind: 'rejected', code: 'product_not_found', detail: `item ${sku} is not in the XZian catalog` };
    const product = productOf(row, this.id);
    if (!product.inStock) return { kind: 'rejected', code: 'out_of_stock' };
    return {
      kind: 'ok',
      quote: { sku, cost: product.cost, inStock: true, stock: product.stock ?? null, playerFields: product.playerFields, type: product.type },
    };
  }

  /** XZian has no player check. */
  async validatePlayer(): Promise<PlayerCheck> {
    return { kind: 'not_verifiable' };
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    if (request.quantity !== 1) return { kind: 'rejected', code: 'quantity_not_allowed', detail: 'XZian orders are one unit each' };
    return this.sent.once(request.reference, () => this.send(request));
  }

  /**
   * XZian has no order status endpoint: nothing can be looked up, so every order not settled by
   * its first answer stays `processing` with a note for the operator.
   */
  async getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState> {
    return { status: 'processing', ...(ref.resellerOrderId ? { resellerOrderId: ref.resellerOrderId } : {}), failureDetail: NEEDS_REVIEW, needsReview: true };
  }

  /** The API wallet in USD: `user.balance` (the display fields are in the store's display currency). */
  async balance(): Promise<Money> {
    const { status, data } = await this.client.request({
      operation: 'getMe',
      method: 'GET',
      path: paths.me,
      idempotent: true,
      schema: wireMeAnswer,
      acceptStatus: [404],
    });
    if ('error' in data || status !== 200) {
      const code = 'error' in data ? data.error : `HTTP ${status}`;
      if (code === 'user_not_found') throw new ResellerError(this.id, 'auth', 'getMe: the API key belongs to no user (404 user_not_found)');
      throw new ResellerError(this.id, 'bad_response', `getMe: ${code}`);
    }
    return Money.of(data.user.balance, 'USD');
  }

  async parseWebhook(): Promise<ResellerWebhookEvent> {
    return { kind: 'not_supported' };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async readProducts(): Promise<Map<string, WireProduct>> {
    const { data } = await this.client.request({ operation: 'getProducts', method: 'GET', path: paths.products, idempotent: true, schema: wireProductList });
    const rows = new Map<string, WireProduct>();
    // A repeated item_id keeps its first row, so skus stay unique.
    for (const row of data) {
      const sku = String(row.item_id).trim();
      if (!rows.has(sku)) rows.set(sku, row);
    }
    this.lastRead = { at: Date.now(), rows };
    return rows;
  }

  /** XZian takes no price with an order and charges its current one, so the price is checked first. */
  private async rowsForOrder(): Promise<Map<string, WireProduct>> {
    const fresh = this.lastRead && Date.now() - this.lastRead.at < this.priceMaxAgeMs;
    return fresh && this.lastRead ? this.lastRead.rows : this.readProducts();
  }

  private async send(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const row = (await this.rowsForOrder()).get(request.sku);
    if (!row) return { kind: 'rejected', code: 'product_not_found', detail: `item ${request.sku} is not in the XZian catalog` };
    const product = productOf(row, this.id);
    if (!product.inStock) return { kind: 'rejected', code: 'out_of_stock' };
    const expected = request.expectedCost;
    if (expected.currency !== product.cost.currency || product.cost.compare(expected) > 0) {
      return { kind: 'rejected', code: 'price_changed', newCost: product.cost, detail: `XZian now charges ${product.cost.toString()}, quoted ${expected.toString()}` };
    }
    let response;
    try {
      response = await this.client.request({
        operation: 'createOrder',
        method: 'POST',
        path: paths.orders,
        body: orderBody(row, request.player),
        // Not documented by XZian and never relied on: a server or proxy that honours the
        // standard header can de-duplicate, and the reference shows in its request logs.
        headers: { 'idempotency-key': request.reference },
        idempotent: false,
        schema: wireCreateOrderAnswer,
        acceptStatus: createOrderAnswerStatuses,
      });
    } catch (error) {
      if (error instanceof ResellerError && mayHaveCreated(error)) {
        return { kind: 'unknown', detail: `${error.message}: XZian may have created the order. ${NEEDS_REVIEW}` };
      }
      throw error;
    }
    const { status, data } = response;
    if ('error' in data) {
      const meaning = mapCreateError(data, status);
      const detail = `XZian HTTP ${status} ${data.error}${data.message ? `: ${data.message}` : ''}`;
      if (meaning.kind === 'rejected') return { kind: 'rejected', code: meaning.code, detail };
      if (meaning.kind === 'unknown') return { kind: 'unknown', detail: `${detail}. ${NEEDS_REVIEW}` };
      throw new ResellerError(this.id, meaning.errorKind, meaning.message);
    }
    if (status < 200 || status >= 300) return { kind: 'unknown', detail: `XZian answered HTTP ${status} with an order body. ${NEEDS_REVIEW}` };
    return { kind: 'accepted', state: orderStateOf(data, product.type) };
  }
}

/** Builds the XZian reseller adapter. */
export function createXzianReseller(options: XzianResellerOptions): XzianReseller {
  return new XzianReseller(options);
}
