import { createHmac, randomUUID } from 'node:crypto';
import { Dec } from '../../src/core/money.js';
import type { IncomingWebhook } from '../../src/core/ports/reseller.js';
import { FakeHttpServer, type Fault, type FakeReply, type RecordedRequest } from './recorder.js';

/**
 * A local GamexBulk.Shop following /work/shared/provider-docs/gamexbulk.txt: `X-API-KEY`,
 * `{success, data}` / `{success:false, error:{code, message}}` envelopes, paged products
 * (per_page ≤ 100), player validation, orders de-duplicated by `X-Idempotency-Key` (same
 * key + same payload → the same order), and signed webhooks in legacy or events mode.
 * Where the document is silent (error codes and HTTP statuses, order paths, codes in the
 * order view) it does what the adapter assumes, and switches show the other shape.
 */

export interface FakeProduct {
  id: number;
  name: string;
  game_id: number;
  game: string;
  category_id: number;
  category: string;
  type: 'VOUCHER' | 'TOPUP';
  price: string;
  stock_status: string;
  stock_count: number | null;
  fields: unknown[];
  validation_optional?: boolean;
  /** `instant` completes on creation; `pending` waits for `finishOrder`. */
  behaviour: 'instant' | 'pending';
}

export interface FakeOrder {
  order_id: number;
  key: string | undefined;
  payload: string;
  product: FakeProduct;
  qty: number;
  player_id: string | null;
  server_id: string | null;
  status: 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'CANCELED';
  price: string;
  delivery: string[];
  callback_url?: string;
  callback_mode: 'legacy' | 'events';
  created_at: string;
}

const games = [
  { id: 1, name: 'PUBG Mobile' },
  { id: 2, name: 'Mobile Legends' },
  { id: 3, name: 'Genshin Impact' },
];
const categories = [
  { id: 3, name: 'Gift Cards', game_id: 0 },
  { id: 10, name: 'UC Packages', game_id: 1 },
  { id: 11, name: 'Diamonds', game_id: 2 },
  { id: 12, name: 'Genesis Crystals', game_id: 3 },
];

const uc = { game_id: 1, game: 'PUBG Mobile', category_id: 10, category: 'UC Packages', type: 'TOPUP' as const };
const unlimited = { stock_status: 'UNLIMITED', stock_count: null };
const giftCard = { game_id: 0, game: '', category_id: 3, category: 'Gift Cards', type: 'VOUCHER' as const };

function seedProducts(): FakeProduct[] {
  const products: FakeProduct[] = [
    { id: 91, name: 'PUBG Mobile 60 UC (Global)', ...uc, price: '0.8800', ...unlimited, fields: [{ name: 'player_id', label: 'Player ID', required: true }], behaviour: 'instant' },
    { id: 92, name: 'PUBG Mobile 325 UC (Global)', ...uc, price: '4.4000', ...unlimited, fields: [{ name: 'player_id', label: 'Player ID', required: true }], behaviour: 'pending' },
    { id: 93, name: 'Mobile Legends 86 Diamonds', game_id: 2, game: 'Mobile Legends', category_id: 11, category: 'Diamonds', type: 'TOPUP', price: '1.4500', ...unlimited, fields: ['player_id', 'server_id'], behaviour: 'instant' },
    { id: 94, name: 'Genshin Impact 60 Genesis Crystals', game_id: 3, game: 'Genshin Impact', category_id: 12, category: 'Genesis Crystals', type: 'TOPUP', price: '0.9900', ...unlimited, fields: [], validation_optional: true, behaviour: 'instant' },
    { id: 55, name: 'Steam Wallet 10 USD', ...giftCard, price: '9.9900', stock_status: 'FINITE', stock_count: 120, fields: [], behaviour: 'pending' },
    { id: 56, name: 'Steam Wallet 20 USD', ...giftCard, price: '19.9000', stock_status: 'FINITE', stock_count: 0, fields: [], behaviour: 'instant' },
    // Ids without names: the adapter fills them from /games and /categories.
    { id: 57, name: 'Razer Gold 5 USD', ...giftCard, category: '', price: '4.9500', stock_status: 'FINITE', stock_count: 40, fields: [], behaviour: 'instant' },
  ];
  // Enough products for three pages of 100.
  for (let i = 0; i < 230; i++) {
    products.push({ id: 2000 + i, name: `Gift Card ${i + 1} USD`, ...giftCard, price: `${i + 1}.0000`, ...unlimited, fields: [], behaviour: 'instant' });
  }
  return products;
}

const ok = (data: unknown, extra: Record<string, unknown> = {}): FakeReply => ({ status: 200, body: { success: true, data, ...extra } });
const error = (status: number, code: string, message: string): FakeReply => ({ status, body: { success: false, error: { code, message } } });

export class GamexBulkFake {
  readonly server: FakeHttpServer;
  readonly apiKey = 'gxb-test-key-0001';
  webhookSecret = 'whsec-gamexbulk-fake-0001';
  balance = new Dec('1250.5000');
  products = seedProducts();
  readonly orders: FakeOrder[] = [];
  /** Every webhook the fake would have sent, in order (for duplicate and out-of-order replays). */
  readonly sentWebhooks: IncomingWebhook[] = [];
  /** Switches. */
  balanceTooLow = false;
  /** Listed in stock, refused at order time (stock ran out in between). */
  readonly soldOutAtOrder = new Set<number>();
  signWrong = false;
  /** The document's order view has no `delivery`; on by default (the adapter's assumption). */
  deliveryInOrderView = true;
  /** `GET /orders` in the document has no paging: the latest `recentLimit` orders. Paged when true. */
  pagedOrderList = false;
  recentLimit = 50;
  /** Delays for the next order creations, one per request (the order is still created, late). */
  readonly createDelaysMs: number[] = [];
  /** `/products` answers carry `meta` (as documented); off shows the shape without it. */
  productMeta = true;
  private nextOrderId = 8821;
  private clock = Date.parse('2026-03-30T02:00:00Z');

  constructor() {
    this.server = new FakeHttpServer((request) => this.route(request));
  }

  async start(): Promise<string> {
    return `${await this.server.start()}/api/v1`;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  /** Requests whose path ends with `suffix`. */
  calls(suffix: string, method?: string): RecordedRequest[] {
    return this.server.calls(suffix, method);
  }

  setFault(fault: Fault): void {
    this.server.fault = fault;
  }

  product(id: number): FakeProduct {
    const product = this.products.find((p) => p.id === id);
    if (!product) throw new Error(`no fake product ${id}`);
    return product;
  }

  ordersFor(reference: string): number {
    return this.orders.filter((o) => o.key === reference).length;
  }

  orderOf(reference: string): FakeOrder {
    const order = this.orders.find((o) => o.key === reference);
    if (!order) throw new Error(`no fake order for ${reference}`);
    return order;
  }

  /** Moves a pending order on to PROCESSING; events mode sends a webhook for it. */
  advance(reference: string): IncomingWebhook | undefined {
    const order = this.orderOf(reference);
    order.status = 'PROCESSING';
    return order.callback_mode === 'events' ? this.emit(order) : undefined;
  }

  /** Completes (with codes for vouchers) or cancels an order, and returns the final webhook. */
  async finishOrder(reference: string, outcome: 'success' | 'failed'): Promise<IncomingWebhook | undefined> {
    const order = this.orderOf(reference);
    if (outcome === 'success') this.complete(order);
    else {
      order.status = 'CANCELED';
      this.balance = this.balance.plus(order.price);
    }
    return this.emit(order);
  }

  /** The webhook body and headers GamexBulk would send for the order's current status. */
  webhookFor(order: FakeOrder, mode = order.callback_mode): IncomingWebhook {
    this.clock += 1_000;
    const timestamp = new Date(this.clock).toISOString().replace('.000Z', '+00:00');
    const common = { order_id: order.order_id, client_order_id: order.key ?? null, product_name: order.product.name, qty: order.qty, player_id: order.player_id, price: order.price };
    const body =
      mode === 'legacy'
        ? { event_id: randomUUID(), ...common, status: order.status, currency: 'USD', delivery: order.delivery, timestamp }
        : {
            event: 'order.status_changed',
            callback_mode: 'events',
            ...common,
            product_id: order.product.id,
            product_type: order.product.type,
            game_id: order.product.game_id,
            game_name: order.product.game,
            player_name: order.player_id ? 'PlayerOne' : null,
            server_id: order.server_id,
            // Events mode names the final failure FAILED; the order view keeps CANCELED.
            status: order.status === 'CANCELED' ? 'FAILED' : order.status,
            message: order.status === 'CANCELED' ? 'Order was canceled.' : `Order is ${order.status.toLowerCase()}.`,
            ...(order.delivery.length > 0 ? { delivery: order.delivery } : {}),
            timestamp,
          };
    const raw = JSON.stringify(body);
    const signature = `sha256=${createHmac('sha256', this.signWrong ? 'not-the-secret' : this.webhookSecret).update(raw).digest('hex')}`;
    return {
      headers: { 'content-type': 'application/json', 'x-gamex-signature': signature, ...(mode === 'events' ? { 'x-gamex-event': 'order.status_changed' } : {}) },
      rawBody: Buffer.from(raw),
      params: {},
      query: {},
      ip: '127.0.0.1',
    };
  }

  private emit(order: FakeOrder): IncomingWebhook | undefined {
    if (!order.callback_url) return undefined;
    // Legacy mode sends only the final update.
    if (order.callback_mode === 'legacy' && (order.status === 'PENDING' || order.status === 'PROCESSING')) return undefined;
    const hook = this.webhookFor(order);
    this.sentWebhooks.push(hook);
    return hook;
  }

  private complete(order: FakeOrder): void {
    order.status = 'COMPLETED';
    if (order.product.type === 'VOUCHER') {
      order.delivery = Array.from({ length: order.qty }, (_, i) => `GXB-${order.order_id}-${i + 1}`);
    }
  }

  private route(request: RecordedRequest): FakeReply | Promise<FakeReply> {
    const path = request.path.replace(/^\/api\/v1/, '');
    const key = request.headers['x-api-key'];
    const publicRoute = ['/games', '/categories', '/products'].includes(path) && request.method === 'GET';
    if ((key === undefined && !publicRoute) || (key !== undefined && key !== this.apiKey)) {
      return error(401, 'UNAUTHORIZED', 'Invalid API key.');
    }
    if (request.method === 'GET' && path === '/getMe') {
      return ok({ user_id: 579365494, username: 'reseller_pro', balance: this.balance.toFixed(4), webhook_secret: this.webhookSecret, currency: 'USD' });
    }
    if (request.method === 'GET' && path === '/games') return ok(games);
    if (request.method === 'GET' && path === '/categories') {
      const gameId = request.query.game_id;
      return ok(gameId ? categories.filter((c) => String(c.game_id) === gameId) : categories);
    }
    if (request.method === 'GET' && path === '/products') return this.listProducts(request.query);
    if (request.method === 'POST' && path === '/validate-player') return this.validatePlayer(request.body);
    if (request.method === 'POST' && path === '/orders') {
      const delay = this.createDelaysMs.shift() ?? 0;
      if (delay === 0) return this.createOrder(request);
      return new Promise((resolve) => setTimeout(() => resolve(this.createOrder(request)), delay));
    }
    if (request.method === 'GET' && path === '/orders') return this.listOrders(request.query);
    const single = /^\/order\/(\d+)$/.exec(path);
    if (request.method === 'GET' && single) {
      const order = this.orders.find((o) => String(o.order_id) === single[1]);
      return order ? ok(this.view(order)) : error(404, 'ORDER_NOT_FOUND', 'Order not found.');
    }
    return error(404, 'NOT_FOUND', 'Route not found.');
  }

  private listProducts(query: Record<string, string>): FakeReply {
    const contains = (a: string, b: string | undefined) => !b || a.toLowerCase().includes(b.toLowerCase());
    const matching = this.products.filter(
      (p) =>
        (!query.type || p.type === query.type.toUpperCase()) &&
        contains(p.game, query.game) &&
        contains(p.category, query.category) &&
        (!query.game_id || String(p.game_id) === query.game_id) &&
        (!query.category_id || String(p.category_id) === query.category_id),
    );
    const perPage = Math.min(Number(query.per_page ?? 20) || 20, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const data = matching.slice((page - 1) * perPage, page * perPage).map(({ behaviour: _b, ...wire }) => wire);
    const lastPage = Math.max(1, Math.ceil(matching.length / perPage));
    const meta = { total: matching.length, per_page: perPage, current_page: page, last_page: lastPage };
    return ok(data, this.productMeta ? { meta } : {});
  }

  private validatePlayer(body: unknown): FakeReply {
    const input = (body ?? {}) as Record<string, unknown>;
    const product = this.products.find((p) => p.id === input.product_id);
    if (!product || product.type !== 'TOPUP') return error(404, 'PRODUCT_NOT_FOUND', 'Active top-up product not found.');
    if (typeof input.player_id !== 'string' || input.player_id === '') return error(422, 'VALIDATION_ERROR', 'player_id is required.');
    if (product.validation_optional) return ok({ nickname: null, nickname_verified: false, validation_optional: true });
    if (input.player_id === '0000000000') return error(404, 'PLAYER_NOT_FOUND', 'Player not found.');
    const nickname = input.player_id === '5123456789' ? 'PlayerOne' : `Player_${input.player_id}`;
    return ok({ nickname, nickname_verified: true, validation_optional: false });
  }

  private createOrder(request: RecordedRequest): FakeReply {
    const input = (request.body ?? {}) as Record<string, unknown>;
    const key = request.headers['x-idempotency-key'];
    const payload = JSON.stringify(input);
    const existing = key ? this.orders.find((o) => o.key === key) : undefined;
    if (existing) {
      return existing.payload === payload
        ? ok({ order_id: existing.order_id, status: existing.status })
        : error(409, 'IDEMPOTENCY_CONFLICT', 'Idempotency key reused with a different payload.');
    }
    const product = this.products.find((p) => p.id === input.product_id);
    if (!product) return error(404, 'PRODUCT_NOT_FOUND', 'Product not found or inactive.');
    const qty = input.qty === undefined ? 1 : Number(input.qty);
    if (!Number.isInteger(qty) || qty < 1) return error(422, 'VALIDATION_ERROR', 'qty must be a positive integer.');
    if (product.type === 'TOPUP' && qty !== 1) return error(422, 'VALIDATION_ERROR', 'Top-up orders must use qty 1.');
    if (product.type === 'TOPUP' && (typeof input.player_id !== 'string' || input.player_id === '')) {
      return error(422, 'VALIDATION_ERROR', 'player_id is required.');
    }
    const finite = product.stock_status === 'FINITE';
    if (this.soldOutAtOrder.has(product.id) || (finite && (product.stock_count ?? 0) < qty)) {
      return error(400, 'OUT_OF_STOCK', 'Product is out of stock.');
    }
    const total = new Dec(product.price).times(qty);
    if (this.balanceTooLow || this.balance.lessThan(total)) return error(402, 'INSUFFICIENT_BALANCE', 'Insufficient balance.');
    this.balance = this.balance.minus(total);
    if (finite) product.stock_count = (product.stock_count ?? 0) - qty;
    const callbackUrl = typeof input.callback_url === 'string' ? input.callback_url : undefined;
    const order: FakeOrder = {
      order_id: this.nextOrderId++,
      key,
      payload,
      product,
      qty,
      player_id: typeof input.player_id === 'string' ? input.player_id : null,
      server_id: typeof input.server_id === 'string' ? input.server_id : null,
      status: 'PENDING',
      price: total.toFixed(4),
      delivery: [],
      ...(callbackUrl ? { callback_url: callbackUrl } : {}),
      callback_mode: input.callback_mode === 'events' ? 'events' : 'legacy',
      created_at: new Date(this.clock).toISOString().replace('.000Z', '+00:00'),
    };
    this.orders.push(order);
    if (product.behaviour === 'instant') {
      this.complete(order);
      this.emit(order);
    }
    return ok({ order_id: order.order_id, status: order.status });
  }

  private view(order: FakeOrder): Record<string, unknown> {
    return {
      order_id: order.order_id,
      client_order_id: order.key ?? null,
      status: order.status,
      price: order.price,
      created_at: order.created_at,
      ...(this.deliveryInOrderView && order.delivery.length > 0 ? { delivery: order.delivery } : {}),
    };
  }

  private listOrders(query: Record<string, string>): FakeReply {
    const newestFirst = [...this.orders].reverse().map((o) => this.view(o));
    if (!this.pagedOrderList) return ok(newestFirst.slice(0, this.recentLimit));
    const perPage = Math.min(Number(query.per_page ?? 20) || 20, 100);
    const page = Math.max(Number(query.page ?? 1) || 1, 1);
    const lastPage = Math.max(1, Math.ceil(newestFirst.length / perPage));
    return ok(newestFirst.slice((page - 1) * perPage, page * perPage), {
      meta: { total: newestFirst.length, per_page: perPage, current_page: page, last_page: lastPage },
    });
  }
}
