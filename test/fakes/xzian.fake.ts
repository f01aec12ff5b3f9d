import { Decimal } from 'decimal.js';
import { FakeHttpServer, type FakeReply, type RecordedRequest } from './recorder.js';

/*
 * A loopback XZian Store API following provider-docs/xzian.txt: routes under /api/v1, public
 * /health and /products, Bearer or X-API-Key on /me and POST /orders, `{ok:false,error}` errors
 * with the printed codes. Like the document, it offers no order status route, no webhooks and no
 * idempotency key: an `Idempotency-Key` header is only recorded, so a repeat creates a second
 * order — exactly what the real service would do.
 */

export type ProductsShape = 'array' | 'products' | 'items' | 'data';

/** How an order of this product ends in the `POST /orders` answer. */
type Behaviour = 'instant' | 'voucher' | 'manual';

export interface FakeXzianProduct {
  item_id: number;
  slug: string;
  name: string;
  description: string;
  /** Decimal string, or a JSON number to exercise the tolerant reading. */
  price: string | number;
  currency: 'BDT';
  stock?: number;
  behaviour: Behaviour;
}

export interface FakeXzianOrder {
  orderId: number;
  /** Our reference, from the `Idempotency-Key` header the adapter sends (recorded, not honoured). */
  reference: string | undefined;
  itemId: number;
  status: string;
  body: Record<string, unknown>;
}

const BDT_PER_USD = new Decimal(120);

const catalog = (): FakeXzianProduct[] => [
  { item_id: 101, slug: 'free-fire-100-diamonds', name: 'Free Fire 100 Diamonds', description: 'Top-up by player id', price: '95.00', currency: 'BDT', behaviour: 'instant' },
  { item_id: 102, slug: 'pubg-mobile-60-uc', name: 'PUBG Mobile 60 UC', description: 'Global', price: 115.5, currency: 'BDT', behaviour: 'instant' },
  { item_id: 201, slug: 'google-play-gift-card-500-bdt', name: 'Google Play Gift Card 500 BDT', description: 'Code by e-mail', price: '520.00', currency: 'BDT', behaviour: 'voucher' },
  { item_id: 301, slug: 'mobile-legends-86-diamonds', name: 'Mobile Legends 86 Diamonds', description: 'Delivered by hand', price: '140.00', currency: 'BDT', behaviour: 'manual' },
  { item_id: 401, slug: 'valorant-475-vp', name: 'Valorant 475 VP', description: 'Sold out', price: '450.00', currency: 'BDT', stock: 0, behaviour: 'instant' },
];

const error = (status: number, code: string, message?: string): FakeReply => ({
  status,
  body: { ok: false, error: code, ...(message ? { message } : {}) },
});

export class XzianFake {
  readonly server: FakeHttpServer;
  readonly orders: FakeXzianOrder[] = [];
  products: FakeXzianProduct[] = catalog();
  productsShape: ProductsShape = 'products';
  /** Wallet in USD, as `user.balance` reports it. */
  balanceUsd = new Decimal('100.00');
  walletDisabled = false;
  /** Items the list still shows but `POST /orders` refuses with 409 (sold out in between). */
  readonly outOfStockOnOrder = new Set<number>();
  private readonly queued = new Map<string, FakeReply[]>();
  private nextOrderId = 5000;

  constructor(readonly apiKey = 'sk_test_xzian_0123456789') {
    this.server = new FakeHttpServer((request) => this.route(request));
  }

  /** Starts listening; returns the API base (`…/api/v1`). */
  async start(): Promise<string> {
    return `${await this.server.start()}/api/v1`;
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  /** Back to the documented catalog and a funded wallet with no switches on. */
  reset(): void {
    this.products = catalog();
    this.productsShape = 'products';
    this.balanceUsd = new Decimal('100.00');
    this.walletDisabled = false;
    this.outOfStockOnOrder.clear();
    this.queued.clear();
    this.server.fault = 'none';
  }

  /** The next answer to `method path` (path below /api/v1) is this one, whatever the request. */
  replyOnce(method: string, path: string, reply: FakeReply): void {
    const key = `${method} ${path}`;
    this.queued.set(key, [...(this.queued.get(key) ?? []), reply]);
  }

  setPrice(itemId: number, price: string): void {
    const product = this.products.find((p) => p.item_id === itemId);
    if (product) product.price = price;
  }

  ordersFor(reference: string): number {
    return this.orders.filter((o) => o.reference === reference).length;
  }

  /** Settles a manual order inside XZian. No documented route shows it: the adapter cannot see this. */
  finish(reference: string, outcome: 'success' | 'failed'): void {
    for (const order of this.orders) if (order.reference === reference) order.status = outcome === 'success' ? 'completed' : 'failed';
  }

  private authorized(request: RecordedRequest): boolean {
    return request.headers.authorization === `Bearer ${this.apiKey}` || request.headers['x-api-key'] === this.apiKey;
  }

  private route(request: RecordedRequest): FakeReply {
    const path = request.path.replace(/^\/api\/v1/, '');
    const queued = this.queued.get(`${request.method} ${path}`)?.shift();
    if (queued) return queued;
    if (request.method === 'GET' && path === '/health') return { status: 200, body: { ok: true, version: 1 } };
    if (request.method === 'GET' && path === '/products') return { status: 200, body: this.productList() };
    if (request.method === 'GET' && path === '/me') return this.authorized(request) ? this.me() : error(401, 'unauthorized');
    if (request.method === 'POST' && path === '/orders') return this.authorized(request) ? this.createOrder(request) : error(401, 'unauthorized');
    return error(404, 'not_found');
  }

  private productList(): unknown {
    const rows = this.products.map(({ behaviour: _behaviour, ...row }) => row);
    if (this.productsShape === 'array') return rows;
    return { ok: true, [this.productsShape]: rows };
  }

  private me(): FakeReply {
    const display = `৳ ${this.balanceUsd.times(BDT_PER_USD).toFixed(2)}`;
    return {
      status: 200,
      body: { ok: true, currency: 'BDT', balance_display: display, user: { id: 42, balance: this.balanceUsd.toFixed(2), balance_display: display }, api_key_id: 7 },
    };
  }

  private createOrder(request: RecordedRequest): FakeReply {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const itemId = Number(body.item_id);
    if (body.item_id === undefined || !Number.isInteger(itemId)) return error(400, 'validation', 'item_id is required');
    const product = this.products.find((p) => p.item_id === itemId);
    if (!product) return error(404, 'item_not_found');
    if (this.walletDisabled) return error(503, 'wallet_disabled');
    if (product.stock === 0 || this.outOfStockOnOrder.has(itemId)) return error(409, 'out_of_stock');
    const playerId = typeof body.player_id === 'string' ? body.player_id.trim() : '';
    const checkout = typeof body.checkout === 'object' && body.checkout !== null ? body.checkout : undefined;
    if (product.behaviour !== 'voucher' && !playerId && !checkout) return error(400, 'validation', 'player_id is required');
    const price = new Decimal(String(product.price));
    const costUsd = price.dividedBy(BDT_PER_USD);
    if (this.balanceUsd.lessThan(costUsd)) return error(402, 'insufficient_balance');
    this.balanceUsd = this.balanceUsd.minus(costUsd);

    const order: FakeXzianOrder = {
      orderId: this.nextOrderId++,
      reference: request.headers['idempotency-key'],
      itemId,
      status: product.behaviour === 'manual' ? 'processing' : 'completed',
      body,
    };
    this.orders.push(order);
    return {
      status: 200,
      body: {
        ok: true,
        order_id: order.orderId,
        status: order.status,
        amount: price.toFixed(2),
        currency: 'BDT',
        ...(product.behaviour === 'voucher' ? { codes: [`GPLAY-${order.orderId}-7Q2K-99XB`] } : {}),
      },
    };
  }
}
