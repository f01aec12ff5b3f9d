import { Dec } from '../../src/core/money.js';
import { FakeHttpServer, type FakeReply, type RecordedRequest } from './recorder.js';

/**
 * A local GamesDrop.io partner API following ../shared/provider-docs/gamesdrop.txt and the facts
 * in its README: bare-token auth (401 `{error:{code:"INVALID_TOKEN"}}`), `offers/sync` pages
 * (`limit` ≤ 1000), `find-one`, `check-game-data` (HTTP 200 `INVALID` for a bad player),
 * `create-order` de-duplicated by `transactionId`, both order-status paths, keys, balance and
 * its history, and the documented test offer 999 (Steam US, 23.09 KZT, returns a key, always
 * VALID, completes at once, no charge).
 *
 * Where the document is silent the fake makes one choice and says so: error answers are 4xx
 * with `{error:{code, message}}`; an out-of-stock offer answers `OFFER_OUT_OF_STOCK` (the
 * predecessor API's wording); a path it does not serve answers like a web framework's 404.
 */

export interface FakeOffer {
  offerId: number;
  productId: number;
  productName: string;
  offerGroupName: string;
  price: string;
  currency: string;
  needsUser: boolean;
  needsServer: boolean;
  returnsKey: boolean;
  regionCode: string;
  inStock: boolean;
  /** `later` stays SUBMITTED until {@link GamesDropFake.finishOrder}. */
  completes: 'instant' | 'later';
}

interface FakeOrder {
  orderId: number;
  transactionId: string;
  offer: FakeOffer;
  price: string;
  status: 'SUBMITTED' | 'PROCESSING' | 'COMPLETED' | 'CANCELED' | 'REFUND';
  key?: string;
  customer: Record<string, unknown>;
  createdAt: string;
}

export const GAMESDROP_TOKEN = 'abcdef1234567890abcdef1234567890';

const offer = (o: Partial<FakeOffer> & Pick<FakeOffer, 'offerId' | 'productName' | 'offerGroupName' | 'price' | 'currency'>): FakeOffer => ({
  productId: o.offerId,
  needsUser: true,
  needsServer: false,
  returnsKey: false,
  regionCode: 'GLB',
  inStock: true,
  completes: 'instant',
  ...o,
});

/** The documented products and a few shaped like live rows; the rest of the catalog is filler. */
export function documentedOffers(): FakeOffer[] {
  return [
    offer({ offerId: 999, productId: 1, productName: 'Steam US', offerGroupName: 'TEST OFFER GROUP', price: '23.09', currency: 'KZT', needsUser: false, returnsKey: true, regionCode: 'US' }),
    offer({ offerId: 1001, productId: 3, productName: 'PUBG MOBILE GIFT', offerGroupName: '60 UC', price: '560.10', currency: 'RUB', returnsKey: true }),
    offer({ offerId: 2733, productId: 77, productName: 'Blood Strike', offerGroupName: 'bloodstrike 51', price: '0.39', currency: 'USD' }),
    offer({ offerId: 900, productId: 55, productName: 'Mobile Legends', offerGroupName: '86 Diamonds', price: '1.50', currency: 'USD', needsServer: true, completes: 'later' }),
    offer({ offerId: 7, productId: 2, productName: 'Playstation Network US', offerGroupName: 'USA $10', price: '9.52', currency: 'USD', needsUser: false, returnsKey: true, regionCode: 'US' }),
  ];
}

const missingRoute = (r: RecordedRequest): FakeReply => ({
  status: 404,
  body: { statusCode: 404, message: `Cannot ${r.method} ${r.path}`, error: 'Not Found' },
});
const error = (status: number, code: string, message = code): FakeReply => ({ status, body: { error: { code, message } } });
const num = (amount: string) => Number(amount);

export class GamesDropFake {
  readonly server: FakeHttpServer;
  readonly offers = new Map<number, FakeOffer>();
  readonly orders: FakeOrder[] = [];
  readonly players = new Map([
    ['123456789', 'JJJ'],
    ['52357322414', 'Rambo'],
  ]);
  /** Which order-status paths exist: the document's, the newer guide's, or both. */
  statusPaths: 'document' | 'newer' | 'both' = 'document';
  /** Whether order status may be asked by `{transactionId}` (not in the document). */
  lookupByTransactionId = false;
  /** `full` is the document's order object; `short` is `{status, isReturnDataForCustomer}`. */
  orderShape: 'full' | 'short' = 'full';
  /** Whether create/status answers carry `key` (the document) or leave it to `offers/keys`. */
  keyInOrder = true;
  keysShape: 'key' | 'keys' = 'key';
  balanceUnavailable = false;
  /** The next create-order is made at once but answered this late (a timeout that still created it). */
  delayNextCreateMs = 0;
  private balance = new Dec('500');
  private readonly ledger: Array<{ id: number; amount: string; type: string; description: string; balanceAfter: string; createdAt: string }> = [];
  private forced: Array<{ suffix: string; reply: FakeReply; times: number }> = [];
  private nextOrderId = 10222502;

  constructor(fillerOffers = 2100) {
    for (const o of documentedOffers()) this.offers.set(o.offerId, o);
    for (let i = 1; i <= fillerOffers; i++) {
      const id = 100000 + i;
      this.offers.set(id, offer({ offerId: id, productId: 1000 + (i % 40), productName: `Filler Game ${i % 40}`, offerGroupName: `${i} Coins`, price: `${(i % 97) + 1}.25`, currency: 'USD' }));
    }
    this.server = new FakeHttpServer((r) => this.route(r));
  }

  start(): Promise<string> {
    return this.server.start();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Puts every switch back to the document's behaviour. */
  reset(): void {
    this.statusPaths = 'document';
    this.lookupByTransactionId = false;
    this.orderShape = 'full';
    this.keyInOrder = true;
    this.keysShape = 'key';
    this.balanceUnavailable = false;
    this.delayNextCreateMs = 0;
    this.forced = [];
    this.balance = new Dec('500');
    this.server.fault = 'none';
    for (const o of documentedOffers()) this.offers.set(o.offerId, o);
  }

  setPrice(offerId: number, price: string): void {
    this.offers.get(offerId)!.price = price;
  }

  setInStock(offerId: number, inStock: boolean): void {
    this.offers.get(offerId)!.inStock = inStock;
  }

  setBalance(amount: string): void {
    this.balance = new Dec(amount);
  }

  /** The next `times` calls to a path ending in `suffix` get this error answer. */
  failNext(suffix: string, code: string, status = 400, times = 1): void {
    this.forced.push({ suffix, reply: error(status, code), times });
  }

  /** The next call to a path ending in `suffix` gets this answer as is (for shape fixtures). */
  replyNext(suffix: string, reply: FakeReply): void {
    this.forced.push({ suffix, reply, times: 1 });
  }

  ordersFor(transactionId: string): number {
    return this.orders.filter((o) => o.transactionId === transactionId).length;
  }

  orderOf(transactionId: string): FakeOrder | undefined {
    return this.orders.find((o) => o.transactionId === transactionId);
  }

  /** GamesDrop sends no webhooks: the order changes and the adapter finds out by polling. */
  finishOrder(transactionId: string, outcome: 'success' | 'failed'): void {
    const order = this.orderOf(transactionId);
    if (!order) throw new Error(`no order for ${transactionId}`);
    if (outcome === 'success') {
      order.status = 'COMPLETED';
      if (order.offer.returnsKey) order.key = `KEY-${order.orderId}`;
    } else {
      order.status = 'CANCELED';
      if (order.offer.offerId !== 999) this.book(this.usd(order.offer), 'REFUND', `Refund - ${order.offer.productName}`);
    }
  }

  private async route(r: RecordedRequest): Promise<FakeReply> {
    if (r.headers.authorization !== GAMESDROP_TOKEN) return { status: 401, body: { error: { code: 'INVALID_TOKEN', message: 'INVALID_TOKEN (status=401)' } } };
    const forced = this.forced.find((f) => r.path.endsWith(f.suffix) && f.times > 0);
    if (forced) {
      forced.times--;
      return forced.reply;
    }
    const body = (r.body ?? {}) as Record<string, unknown>;
    const route = `${r.method} ${r.path}`;
    switch (route) {
      case 'POST /api/v1/offers/sync':
        return this.sync(body);
      case 'POST /api/v1/offers/find-one':
        return this.findOne(body);
      case 'POST /api/v1/offers/check-game-data':
        return this.checkGameData(body);
      case 'POST /api/v1/offers/create-order':
        return this.createOrder(body);
      case 'POST /api/v1/offers/order-status':
        return this.statusPaths === 'newer' ? missingRoute(r) : this.orderStatus(body);
      case 'POST /api/v1/order/find-one':
        return this.statusPaths === 'document' ? missingRoute(r) : this.orderStatus(body);
      case 'POST /api/v1/offers/keys':
        return this.keys(body);
      case 'GET /api/v1/balance':
        if (this.balanceUnavailable) return error(400, 'BALANCE_UNAVAILABLE');
        return { status: 200, body: { balance: num(this.balance.toFixed()), draftBalance: 0, currency: { id: 3, code: 'USD' } } };
      case 'GET /api/v1/balance/transactions':
        return this.transactions(r.query);
      default:
        return missingRoute(r);
    }
  }

  private sync(body: Record<string, unknown>): FakeReply {
    const limit = body.limit ?? 20;
    const page = body.page ?? 1;
    if (typeof limit !== 'number' || typeof page !== 'number' || limit > 1000 || limit < 1 || page < 1) return error(400, 'INVALID_REQUEST_BODY');
    const all = [...this.offers.values()].sort((a, b) => a.offerId - b.offerId);
    const rows = all.slice((page - 1) * limit, page * limit).map((o) => ({
      offerId: o.offerId,
      offerGroupId: o.offerId,
      offerGroupName: o.offerGroupName,
      productId: o.productId,
      productName: o.productName,
      price: num(o.price),
      currency: o.currency,
      inStock: o.inStock,
      isRequiredGameUserId: o.needsUser,
      isRequiredGameServerId: o.needsServer,
      regionCode: o.regionCode,
    }));
    return { status: 200, body: { count: all.length, rows } };
  }

  private findOne(body: Record<string, unknown>): FakeReply {
    if (typeof body.offerId !== 'number') return error(400, 'INVALID_REQUEST_BODY', 'offerId must be a number');
    const o = this.offers.get(body.offerId);
    if (!o) return error(404, 'OFFER_NOT_FOUND');
    return {
      status: 200,
      body: { offerId: o.offerId, productName: o.productName, offerName: o.offerGroupName, count: 1, price: num(o.price), currency: o.currency, isReturnDataForCustomer: o.returnsKey },
    };
  }

  private checkGameData(body: Record<string, unknown>): FakeReply {
    if (typeof body.offerId !== 'number') return error(400, 'INVALID_REQUEST_BODY', 'offerId must be a number');
    const customer = (body.customer ?? {}) as Record<string, unknown>;
    const userId = customer.gameUserId ?? body.gameUserId;
    if (typeof userId !== 'string' || userId === '') return error(400, 'INVALID_REQUEST_BODY', "Field validation for 'GameUserID' failed");
    if (body.offerId === 999) return { status: 200, body: { status: 'VALID', gameUserLogin: 'TEST' } };
    const login = this.offers.has(body.offerId) ? this.players.get(userId) : undefined;
    return { status: 200, body: login ? { status: 'VALID', gameUserLogin: login } : { status: 'INVALID' } };
  }

  private async createOrder(body: Record<string, unknown>): Promise<FakeReply> {
    const { offerId, price, transactionId } = body;
    if (typeof offerId !== 'number' || typeof price !== 'number' || typeof transactionId !== 'string' || transactionId === '') {
      return error(400, 'INVALID_REQUEST_BODY');
    }
    if (this.orderOf(transactionId)) return error(409, 'TRANSACTION_DUPLICATE', 'Duplicate transaction');
    const o = this.offers.get(offerId);
    if (!o) return error(404, 'OFFER_NOT_FOUND');
    if (!o.inStock) return error(400, 'OFFER_OUT_OF_STOCK');
    if (!new Dec(String(price)).equals(new Dec(o.price))) return error(400, 'WRONG_PRICE', 'Incorrect product price');
    const customer = (body.customer ?? {}) as Record<string, unknown>;
    if (o.needsUser && typeof customer.gameUserId !== 'string') return error(400, 'INVALID_REQUEST_BODY', 'gameUserId is required');
    const test = o.offerId === 999;
    if (!test) {
      if (this.balanceUnavailable) return error(400, 'BALANCE_UNAVAILABLE');
      if (this.balance.lessThan(this.usd(o))) return error(400, 'INSUFFICIENT_BALANCE');
    }
    const order: FakeOrder = {
      orderId: this.nextOrderId++,
      transactionId,
      offer: o,
      price: o.price,
      status: o.completes === 'instant' ? 'COMPLETED' : 'SUBMITTED',
      customer,
      createdAt: new Date().toISOString().replace('T', ' ').replace('Z', '+00'),
    };
    if (order.status === 'COMPLETED' && o.returnsKey) order.key = test ? `TEST-${order.orderId}` : `KEY-${order.orderId}`;
    this.orders.push(order);
    // The test offer "works in test mode without real fund deduction".
    if (!test) this.book(this.usd(o).negated(), 'PURCHASE', `API Purchase - ${o.productName}`);
    const reply = { status: 200, body: this.view(order, 'full') };
    if (this.delayNextCreateMs > 0) {
      const delay = this.delayNextCreateMs;
      this.delayNextCreateMs = 0;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return reply;
  }

  private orderStatus(body: Record<string, unknown>): FakeReply {
    let order: FakeOrder | undefined;
    if (typeof body.orderId === 'number') order = this.orders.find((o) => o.orderId === body.orderId);
    else if (this.lookupByTransactionId && typeof body.transactionId === 'string') order = this.orderOf(body.transactionId);
    else return error(400, 'INVALID_REQUEST_BODY', 'orderId must be a number');
    if (!order) return error(404, 'ORDER_NOT_FOUND');
    return { status: 200, body: this.view(order, this.orderShape) };
  }

  private keys(body: Record<string, unknown>): FakeReply {
    const order = this.orders.find((o) => o.orderId === body.orderId);
    if (!order) return error(404, 'ORDER_NOT_FOUND');
    if (!order.offer.returnsKey) return error(400, 'INVALID_REQUEST_BODY', 'order returns no data for the customer');
    if (order.status === 'CANCELED') return error(400, 'ORDER_ALREADY_CANCELED');
    if (order.status === 'REFUND') return error(400, 'ORDER_ALREADY_REFUNDED');
    if (order.status !== 'COMPLETED' || !order.key) return error(400, 'ORDER_NOT_COMPLETED');
    return { status: 200, body: this.keysShape === 'key' ? { key: order.key } : { keys: [order.key] } };
  }

  private transactions(query: Record<string, string>): FakeReply {
    const page = Number(query.page ?? 1);
    const limit = Number(query.limit ?? 20);
    const newestFirst = [...this.ledger].reverse();
    const transactions = newestFirst.slice((page - 1) * limit, page * limit).map((t) => ({ ...t, amount: num(t.amount), balanceAfter: num(t.balanceAfter) }));
    return { status: 200, body: { transactions, total: this.ledger.length } };
  }

  private view(order: FakeOrder, shape: 'full' | 'short'): Record<string, unknown> {
    if (shape === 'short') return { status: order.status, isReturnDataForCustomer: order.offer.returnsKey };
    return {
      orderId: order.orderId,
      count: 1,
      price: num(order.price),
      currency: order.offer.currency,
      offerId: order.offer.offerId,
      productName: order.offer.productName,
      offerName: order.offer.offerGroupName,
      status: order.status,
      isReturnDataForCustomer: order.offer.returnsKey,
      ...(order.key && this.keyInOrder ? { key: order.key } : {}),
      createdAt: order.createdAt,
    };
  }

  /** The balance is in USD; offers priced otherwise are charged at a fixed test rate. */
  private usd(o: FakeOffer): Dec {
    const rates: Record<string, string> = { USD: '1', RUB: '0.011', KZT: '0.0021' };
    return new Dec(o.price).times(rates[o.currency] ?? '1').toDecimalPlaces(2);
  }

  private book(amount: Dec, type: string, description: string): void {
    this.balance = this.balance.plus(amount);
    this.ledger.push({ id: this.ledger.length + 1, amount: amount.toFixed(), type, description, balanceAfter: this.balance.toFixed(), createdAt: new Date().toISOString() });
  }
}

/** A started fake with the documented products and enough filler for three catalog pages. */
export async function startGamesDropFake(fillerOffers?: number): Promise<GamesDropFake> {
  const fake = new GamesDropFake(fillerOffers);
  await fake.start();
  return fake;
}
