import type { IncomingWebhook } from '../../src/core/ports/reseller.js';
import { createLapakgamingReseller, type LapakgamingOptions } from '../../src/providers/lapakgaming/lapakgaming.adapter.js';
import { FakeHttpServer, type Fault, type FakeReply, type RecordedRequest } from './recorder.js';

/*
 * A local Lapakgaming following lapakgaming.md and the facts in provider-docs/README.md:
 * Bearer auth (401 otherwise), `{code, data}` envelopes, the documented rate limits, the
 * dev test product codes, orders keyed by `partner_reference_id` (a repeat answers
 * TRANSACTION_EXIST, as integrations have seen), and unsigned callbacks sent to the
 * order's `override_callback_url`.
 */

interface FakeProduct {
  code: string;
  name: string;
  provider_code: string;
  price: number;
  process_time: number;
  country_code: string;
  status: 'available' | 'empty';
  category_code: string;
}

interface FakeOrder {
  tid: string;
  reference: string;
  product: FakeProduct;
  status: 'SUCCESS' | 'PENDING' | 'REFUNDED';
  transactions: Array<{ id: string; product_name: string; note: string; status: string; voucher_code: string }>;
  callbackUrl: string | undefined;
}

const mlForms = [{ name: 'user_id', type: 'number' }, { name: 'additional_id', type: 'number' }];
export const fakeCategories = [
  { code: 'ML', name: 'Mobile Legends', variant: 'Diamonds', check_id: true, country_code: 'id', forms: mlForms, servers: [] },
  {
    code: 'GI',
    name: 'Genshin Impact',
    variant: 'Genesis Crystal',
    check_id: 1,
    country_code: 'id',
    forms: [{ name: 'user_id', type: 'text' }, { name: 'additional_id', type: 'select' }],
    servers: [{ value: 'os_asia', name: 'Asia' }, { value: 'os_usa', name: 'America' }, { value: 'os_euro', name: 'Europe' }],
  },
  { code: 'FF', name: 'Free Fire', variant: null, check_id: '1', country_code: 'id', forms: [{ name: 'user_id', type: 'number' }], servers: null },
  { code: 'PUBGM', name: 'PUBG Mobile', variant: 'UC', check_id: 0, country_code: 'id', forms: [{ name: 'user_id', type: 'number' }], servers: [] },
  { code: 'VCGS', name: 'Garena Shells Voucher', variant: 'Voucher', check_id: false, country_code: 'id', forms: [], servers: [] },
];

const product = (code: string, name: string, price: number, category_code: string, status: 'available' | 'empty' = 'available'): FakeProduct => ({
  code,
  name,
  provider_code: code.split('-')[1] ?? 'S1',
  price,
  process_time: 60,
  country_code: 'id',
  status,
  category_code,
});

/** The dev test codes of the document, plus a few ordinary products. */
export const fakeProducts = (): FakeProduct[] => [
  product('ML78_8-S2', '78 Diamonds + 8 Bonus', 20500, 'ML'),
  product('ML78_8-S9', '78 Diamonds + 8 Bonus', 20900, 'ML'),
  product('ML156_16-S42', '156 Diamonds + 16 Bonus', 41000, 'ML', 'empty'),
  product('ML234_23-S2', '234 Diamonds + 23 Bonus', 61000, 'ML'),
  product('ML625_81-S2', '625 Diamonds + 81 Bonus', 160000, 'ML'),
  product('ML7740_1548-S42', '7740 Diamonds + 1548 Bonus', 1900000, 'ML'),
  product('ML4649_883-S42', '4649 Diamonds + 883 Bonus', 1200000, 'ML'),
  product('VCGS330-S22', 'Garena Shells 330', 75000, 'VCGS'),
  product('GI60-S1', '60 Genesis Crystals', 14000, 'GI'),
  product('FF70-S3', '70 Diamonds', 9500, 'FF'),
  product('PUBGM60-S5', '60 UC', 14500, 'PUBGM'),
];

/** Order codes the document forces in development, by product code. */
const forcedCodes: Record<string, string> = {
  'ML156_16-S42': 'PRODUCT_EMPTY',
  'ML234_23-S2': 'PROVIDER_NOT_FOUND',
  'ML625_81-S2': 'PROVIDER_INACTIVE',
  'ML7740_1548-S42': 'INSUFFICIENT_BALANCE',
};
const PENDING_PRODUCT = 'ML4649_883-S42';
const HOYOVERSE_CATEGORIES = new Set(['GI']);

export class LapakgamingFake {
  readonly server = new FakeHttpServer((r) => this.route(r));
  apiKey = 'lapak-dev-secret';
  balance = 993_229_432;
  /** Business failures with HTTP 200 (the document lists no 4xx for them), or 400. */
  errorStatus: 200 | 400 = 200;
  /** The deposit is too low for every order, or only for the next one. */
  balanceTooLow: boolean | 'once' = false;
  outOfStock = false;
  /** Get All Products without `category_code` (the shape before v1.4). */
  legacyAllProducts = false;
  /** Answers the next order creation with this code, whatever it carries. */
  nextOrderCode: string | undefined;
  /** Answers every request to a path with a code (e.g. SYSTEM_ERROR). */
  readonly codeFor = new Map<string, string>();
  /** The callback URL set on the reseller profile page. */
  profileCallbackUrl = 'https://shop.example/webhooks/lapakgaming/profile-token';
  callbackIp = '103.28.12.10';
  limits = { windowMs: 10_000, overall: 500, products: 50 };
  products = fakeProducts();
  players = new Map([['ML|12345678|1234', 'PlayerOne'], ['GI|800123456|os_asia', 'Traveler'], ['FF|123456789|', 'Booyah']]);
  groups = new Map([['ML_86', { category: 'ML', codes: ['ML78_8-S2', 'ML78_8-S9'] }]]);
  /** Every callback the fake has sent, in order. */
  readonly callbacks: IncomingWebhook[] = [];
  private readonly orders = new Map<string, FakeOrder>();
  private readonly byReference = new Map<string, string[]>();
  private readonly hits: Array<{ at: number; products: boolean }> = [];
  private sequence = 0;

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  start(): Promise<string> {
    return this.server.start();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  setFault(fault: Fault): void {
    this.server.fault = fault;
  }

  ordersFor(reference: string): number {
    return this.byReference.get(reference)?.length ?? 0;
  }

  order(reference: string): FakeOrder | undefined {
    const tid = this.byReference.get(reference)?.[0];
    return tid ? this.orders.get(tid) : undefined;
  }

  /** Ends a pending order and returns the callback Lapakgaming sends for it. */
  finishOrder(reference: string, outcome: 'success' | 'failed'): IncomingWebhook {
    const order = this.order(reference);
    if (!order) throw new Error(`no order for ${reference}`);
    if (order.status === 'PENDING') this.settle(order, outcome === 'success' ? 'SUCCESS' : 'REFUNDED');
    return this.callbackFor(order);
  }

  /** A product callback (price or status change) as Lapakgaming sends it. */
  productCallback(code: string, change: { price?: number; status?: 'available' | 'empty' }, unixTimestamp: number): IncomingWebhook {
    const found = this.products.find((p) => p.code === code);
    if (found && change.price !== undefined) found.price = change.price;
    if (found && change.status) found.status = change.status;
    const data = { code, name: found?.name ?? code, provider_code: found?.provider_code ?? 'S1', price: found?.price ?? change.price, status: found?.status ?? change.status };
    return this.deliver({ data, meta: { level: 'product', unix_timestamp: unixTimestamp } }, this.profileCallbackUrl);
  }

  /** The same callback with a token that is not ours (a forged call). */
  forged(webhook: IncomingWebhook): IncomingWebhook {
    return { ...webhook, params: { token: 'not-the-token' }, query: {} };
  }

  private route(r: RecordedRequest): FakeReply {
    if (r.headers.authorization !== `Bearer ${this.apiKey}`) return { status: 401, body: { code: 'UNAUTHORIZED', data: null } };
    if (this.throttled(r.path)) return { status: 429, body: { code: 'TOO_MANY_REQUESTS' } };
    const forced = this.codeFor.get(r.path);
    if (forced) return this.fail(forced);
    const q = r.query;
    const country = q.country_code ?? 'id';
    const ok = (data: unknown): FakeReply => ({ status: 200, body: { code: 'SUCCESS', data } });
    const best = /^\/api\/catalogue\/group-products\/([^/]+)\/best-product$/.exec(r.path);
    if (r.method === 'GET' && r.path === '/api/category') return ok({ categories: fakeCategories.filter((c) => c.country_code === country) });
    if (r.method === 'GET' && r.path === '/api/product') {
      const list = this.products
        .filter((p) => p.country_code === country && (!q.category_code || p.category_code === q.category_code) && (!q.product_code || p.code === q.product_code))
        .map(({ category_code: _omitted, ...p }) => ({ ...p, status: this.outOfStock ? 'empty' : p.status }));
      return q.product_code && list.length === 0 ? this.fail('PRODUCT_NOT_FOUND') : ok({ products: list });
    }
    if (r.method === 'GET' && r.path === '/api/all-products') {
      const list = this.products.filter((p) => p.country_code === country);
      return ok({ products: this.legacyAllProducts ? list.map(({ category_code: _omitted, ...p }) => p) : list });
    }
    if (r.method === 'GET' && r.path === '/api/balance') return ok({ balance: this.balance });
    if (r.method === 'POST' && r.path === '/api/order') return this.createOrder(r.body as Record<string, unknown>);
    if (r.method === 'GET' && r.path === '/api/order_status') {
      const tid = q.tid ?? (q.partner_reference_id ? this.byReference.get(q.partner_reference_id)?.[0] : undefined);
      const order = tid ? this.orders.get(tid) : undefined;
      return order ? { status: 200, body: this.statusBody(order) } : this.fail('TID_NOT_FOUND');
    }
    if (r.method === 'POST' && r.path === '/api/uid-check') {
      const body = r.body as { category_code?: string; user_id?: string; additional_id?: string };
      const name = this.players.get(`${body.category_code}|${body.user_id}|${body.additional_id ?? ''}`);
      // The code for an unknown player is not documented; this one is a guess.
      return name ? ok({ name }) : this.fail('USER_NOT_FOUND');
    }
    if (r.method === 'GET' && r.path === '/api/catalogue/group-products') {
      const group = this.groups.get(q.group_product_code ?? '');
      return group ? ok(this.groupProducts(group.codes, country)) : this.fail('PRODUCT_NOT_FOUND');
    }
    if (r.method === 'GET' && best?.[1]) {
      const group = this.groups.get(decodeURIComponent(best[1]));
      const first = group ? this.groupProducts(group.codes, country)[0] : undefined;
      return first ? ok(first) : this.fail('PRODUCT_NOT_FOUND');
    }
    if (r.method === 'GET' && r.path === '/api/fx-rate.php') {
      const date = '2026-04-07 10:00:00';
      if (q.from_currency === 'IDR' && q.to_currency === 'USD') return ok({ from_currency: 'IDR', to_currency: 'USD', buy_rate: 0.0000615, sell_rate: 0.0000625, created_date: date });
      if (q.from_currency === 'USD' && q.to_currency === 'IDR') return ok({ from_currency: 'USD', to_currency: 'IDR', buy_rate: '16000', sell_rate: '16250', created_date: date });
      return this.fail('NOT_ALLOWED');
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  private createOrder(body: Record<string, unknown>): FakeReply {
    const forced = this.nextOrderCode;
    this.nextOrderCode = undefined;
    if (forced) return this.fail(forced);
    const reference = String(body.partner_reference_id ?? '');
    if (reference && this.byReference.has(reference)) return this.fail('TRANSACTION_EXIST');
    const country = String(body.country_code ?? 'id');
    const group = body.group_product ? this.groups.get(String(body.group_product)) : undefined;
    const code = group ? this.groupProducts(group.codes, country)[0]?.code : String(body.product_code ?? '');
    const found = this.products.find((p) => p.code === code);
    if (!found) return this.fail('PRODUCT_NOT_FOUND');
    const forcedCode = forcedCodes[found.code];
    if (forcedCode) return this.fail(forcedCode);
    if (this.outOfStock || found.status === 'empty') return this.fail('PRODUCT_EMPTY');
    const category = fakeCategories.find((c) => c.code === found.category_code);
    const userId = typeof body.user_id === 'string' ? body.user_id : '';
    if (category?.forms.some((f) => f.name === 'user_id')) {
      if (userId === '') return this.fail('USER_ID_EMPTY');
      if (/\s/.test(userId)) return this.fail('USER_ID_CONTAIN_SPACE');
    }
    // What the service answers without the IP is not documented; NOT_ALLOWED is a guess.
    if (HOYOVERSE_CATEGORIES.has(found.category_code) && !body.end_user_ip_address) return this.fail('NOT_ALLOWED');
    const count = Number(body.count_order);
    if (!Number.isInteger(count) || count < 1) return this.fail('NOT_ALLOWED');
    if (body.price !== found.price) return this.fail('PRICE_NOT_MATCH');
    const total = found.price * count;
    if (this.balanceTooLow || this.balance < total) {
      if (this.balanceTooLow === 'once') this.balanceTooLow = false;
      return this.fail('INSUFFICIENT_BALANCE');
    }
    this.balance -= total;
    const tid = `R${1615000000 + ++this.sequence}`;
    const order: FakeOrder = {
      tid,
      reference,
      product: found,
      status: 'PENDING',
      transactions: Array.from({ length: count }, (_, i) => ({ id: `${tid}-${i + 1}`, product_name: found.name, note: '', status: 'PENDING', voucher_code: '' })),
      callbackUrl: typeof body.override_callback_url === 'string' ? body.override_callback_url : undefined,
    };
    this.orders.set(tid, order);
    this.byReference.set(reference, [...(this.byReference.get(reference) ?? []), tid]);
    if (found.code !== PENDING_PRODUCT) this.settle(order, 'SUCCESS');
    return { status: 200, body: { code: 'SUCCESS', data: { tid, total_price: total } } };
  }

  private settle(order: FakeOrder, status: 'SUCCESS' | 'REFUNDED'): void {
    order.status = status;
    const voucher = order.product.category_code === 'VCGS';
    order.transactions.forEach((t, i) => {
      t.status = status;
      t.note = status === 'REFUNDED' ? 'provider failed, balance refunded' : '';
      t.voucher_code = status === 'SUCCESS' && voucher ? `PIN : ${order.tid.slice(-4)}${i}77\tSerial : SN${order.tid}${i}` : '';
    });
    if (status === 'REFUNDED') this.balance += order.product.price * order.transactions.length;
    // Sent only when every transaction succeeded or every one failed.
    this.callbackFor(order);
  }

  private callbackFor(order: FakeOrder): IncomingWebhook {
    return this.deliver(this.statusBody(order), order.callbackUrl ?? this.profileCallbackUrl);
  }

  private statusBody(order: FakeOrder) {
    return { code: 'SUCCESS', data: { status: order.status, tid: order.tid, reference_id: order.reference, transactions: order.transactions.map((t) => ({ ...t })) } };
  }

  /** The request the route of `url` receives: its token from the last path segment or `?token=`. */
  private deliver(body: unknown, url: string): IncomingWebhook {
    const parsed = new URL(url);
    const queryToken = parsed.searchParams.get('token');
    const webhook: IncomingWebhook = {
      headers: { 'content-type': 'application/json', 'user-agent': 'Lapakgaming-Callback/1.0' },
      rawBody: Buffer.from(JSON.stringify(body)),
      params: queryToken ? {} : { token: parsed.pathname.split('/').pop() ?? '' },
      query: queryToken ? { token: queryToken } : {},
      ip: this.callbackIp,
    };
    this.callbacks.push(webhook);
    return webhook;
  }

  private groupProducts(codes: string[], country: string) {
    return this.products
      .filter((p) => codes.includes(p.code) && p.country_code === country && p.status === 'available')
      .sort((a, b) => a.price - b.price)
      .map((p) => ({ code: p.code, country_code: p.country_code, name: p.name, price: p.price, process_time: p.process_time }));
  }

  private throttled(path: string): boolean {
    const now = Date.now();
    const products = path === '/api/product' || path === '/api/all-products';
    while (this.hits[0] && now - this.hits[0].at >= this.limits.windowMs) this.hits.shift();
    this.hits.push({ at: now, products });
    return this.hits.length > this.limits.overall || (products && this.hits.filter((h) => h.products).length > this.limits.products);
  }

  private fail(code: string): FakeReply {
    return { status: this.errorStatus, body: { code, data: null } };
  }
}

/** The test player of the Mobile Legends category. */
export const ML_PLAYER = { player_id: '12345678', zone: '1234' };

/** A fake Lapakgaming and the adapter wired to it (short timeouts, quick retries); `close` ends both. */
export async function startLapakgaming(options: Partial<LapakgamingOptions> = {}) {
  const fake = new LapakgamingFake();
  const baseUrl = await fake.start();
  fake.server.slowMs = 1_000;
  const callbackToken = options.callbackToken ?? 'cb-secret-token';
  const callbackUrl = options.callbackUrl ?? `https://shop.example/webhooks/lapakgaming/${callbackToken}`;
  // The operator sets the same URL on the Lapakgaming profile page (product callbacks go there).
  fake.profileCallbackUrl = callbackUrl;
  const reseller = createLapakgamingReseller({
    baseUrl,
    apiKey: fake.apiKey,
    timeoutMs: 400,
    retries: 2,
    retryBaseDelayMs: 10,
    breakerThreshold: 1_000,
    callbackToken,
    callbackUrl,
    ...options,
  });
  const close = async () => {
    await reseller.close();
    await fake.close();
  };
  return { fake, reseller, callbackToken, close };
}
