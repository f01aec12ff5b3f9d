import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'undici';
import { Dec, currencyScale } from '../../src/core/money.js';
import { signSellixBody } from '../../src/providers/sellix/sellix.webhook.js';
import { FakeHttpServer, type Fault, type FakeReply, type RecordedRequest } from './recorder.js';

/** One payment the fake created, as the adapter asked for it. */
export interface FakeSellixPayment {
  uniqid: string;
  url: string;
  title: string;
  /** `value` as received, printed back as a decimal string. */
  value: string;
  currency: string;
  email: string;
  customFields: Record<string, string>;
  webhook: string | undefined;
  returnUrl: string | undefined;
  whiteLabel: boolean;
  gateway: string | undefined;
  /** The last status a webhook announced. */
  status: string;
  deleted: boolean;
}

/** What `sendWebhook` can announce about a payment. */
export type SellixWebhookScenario =
  | 'paid'
  | 'partial'
  | 'wrong_amount'
  | 'wrong_currency'
  | 'cancelled'
  | 'expired'
  | 'disputed'
  | 'reversed'
  | 'refunded'
  | 'pending'
  | 'waiting_for_confirmations';

const scenarios: Record<SellixWebhookScenario, { event: string; status: string }> = {
  paid: { event: 'order:paid', status: 'COMPLETED' },
  partial: { event: 'order:partial', status: 'PARTIAL' },
  wrong_amount: { event: 'order:paid', status: 'COMPLETED' },
  wrong_currency: { event: 'order:paid', status: 'COMPLETED' },
  cancelled: { event: 'order:cancelled', status: 'VOIDED' },
  expired: { event: 'order:updated', status: 'VOIDED' },
  disputed: { event: 'order:disputed', status: 'CUSTOMER_DISPUTE_ONGOING' },
  reversed: { event: 'order:updated', status: 'REVERSED' },
  refunded: { event: 'order:updated', status: 'REFUNDED' },
  pending: { event: 'order:updated', status: 'PENDING' },
  waiting_for_confirmations: { event: 'order:updated', status: 'WAITING_FOR_CONFIRMATIONS' },
};

export interface SellixSendOptions {
  /** `tampered`: signed, then the body's total changed. Default `valid`. */
  signature?: 'valid' | 'wrong' | 'missing' | 'tampered';
  /** Sequential deliveries of the identical body (a duplicate delivery is `times: 2`). */
  times?: number;
  /** Concurrent deliveries of the identical body, per round. */
  parallel?: number;
  /** Another target than the payment's `webhook`. */
  to?: string;
  /** How `total` and `total_display` are printed. Default `number`, as in the document. */
  amountFormat?: 'number' | 'string';
  /** Overrides of the invoice amount (in the invoice's currency) and currency. */
  total?: string;
  currency?: string;
  /** Leave out `X-Sellix-Event`. */
  omitEventHeader?: boolean;
}

export interface SellixDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  responseBody: string;
}

/** A webhook as the fake would send it. */
export interface SellixWebhookMessage {
  event: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A local Sellix (../../shared/provider-docs/sellix.txt): `POST /v1/payments` (integrated and
 * white-label), `DELETE /v1/payments/:uniqid`, `GET /v1/orders/:uniqid`, the checkout page at
 * `/checkout/:uniqid`, and signed webhooks sent to the URL given at payment creation.
 */
export class SellixFake {
  readonly apiKey: string;
  readonly webhookSecret: string;
  readonly server: FakeHttpServer;
  readonly payments = new Map<string, FakeSellixPayment>();
  /** `url_only` answers like the document's integrated example: no `uniqid`. */
  answerShape: 'url_and_uniqid' | 'url_only' = 'url_and_uniqid';
  /** The next `POST /payments` answers this Sellix error once. */
  nextCreateError: { status: number; error: string } | undefined;
  /** USD per unit of other currencies, for `total` (which the document prints in USD). */
  usdRate = '1.1';

  constructor(options: { apiKey?: string; webhookSecret?: string } = {}) {
    this.apiKey = options.apiKey ?? 'sellix-fake-api-key';
    this.webhookSecret = options.webhookSecret ?? 'sellix-fake-webhook-secret';
    this.server = new FakeHttpServer((request) => this.route(request));
  }

  /** Starts listening; answers the API base URL (`…/v1`). */
  async start(): Promise<string> {
    await this.server.start();
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `${this.server.url}/v1`;
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  setFault(fault: Fault, slowMs?: number): void {
    this.server.fault = fault;
    if (slowMs !== undefined) this.server.slowMs = slowMs;
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  paymentFor(paymentReference: string): FakeSellixPayment | undefined {
    return [...this.payments.values()].find((p) => p.customFields['payment_reference'] === paymentReference);
  }

  /** Builds the webhook the fake would send, signed as asked, without sending it. */
  webhook(uniqid: string, scenario: SellixWebhookScenario, options: SellixSendOptions = {}): SellixWebhookMessage {
    const payment = this.payments.get(uniqid);
    if (!payment) throw new Error(`fake Sellix has no payment ${uniqid}`);
    const { event, status } = scenarios[scenario];
    let total = new Dec(options.total ?? payment.value);
    let currency = options.currency ?? payment.currency;
    if (scenario === 'wrong_amount' && options.total === undefined) total = total.minus(new Dec(10).pow(-currencyScale(currency)));
    if (scenario === 'wrong_currency' && options.currency === undefined) currency = currency === 'USD' ? 'EUR' : 'USD';
    const order = this.order(payment, { status, total, currency, scenario, format: options.amountFormat ?? 'number' });
    return this.sign(event, { event, data: order }, options);
  }

  /** Sends one scenario's webhook to the payment's webhook URL, with the switches asked for. */
  async sendWebhook(uniqid: string, scenario: SellixWebhookScenario, options: SellixSendOptions = {}): Promise<SellixDelivery[]> {
    const message = this.webhook(uniqid, scenario, options);
    const payment = this.payments.get(uniqid)!;
    payment.status = scenarios[scenario].status;
    return this.deliver(options.to ?? payment.webhook, message, options);
  }

  /** Sends scenarios in the given order, e.g. `['cancelled', 'paid']` or `['paid', 'pending']` (out of order). */
  async sendSequence(uniqid: string, sequence: SellixWebhookScenario[], options: SellixSendOptions = {}): Promise<SellixDelivery[]> {
    const sent: SellixDelivery[] = [];
    for (const scenario of sequence) sent.push(...(await this.sendWebhook(uniqid, scenario, options)));
    return sent;
  }

  /** Sends any body (e.g. an order without our reference) signed as asked. */
  async sendRaw(url: string, event: string, body: unknown, options: SellixSendOptions = {}): Promise<SellixDelivery[]> {
    return this.deliver(url, this.sign(event, body, options), options);
  }

  private sign(event: string, payload: unknown, options: SellixSendOptions): SellixWebhookMessage {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Sellix-Fake-Webhook' };
    if (!options.omitEventHeader) headers['x-sellix-event'] = event;
    const mode = options.signature ?? 'valid';
    if (mode === 'valid' || mode === 'tampered') headers['x-sellix-signature'] = signSellixBody(body, this.webhookSecret);
    if (mode === 'wrong') headers['x-sellix-signature'] = signSellixBody(body, `${this.webhookSecret}-wrong`);
    if (mode !== 'tampered') return { event, headers, body };
    const raised = body.replace(/"total":("?)([\d.]+)/, (_m, q: string) => `"total":${q}999999${q}`);
    return { event, headers, body: raised === body ? `${body} ` : raised };
  }

  private async deliver(url: string | undefined, message: SellixWebhookMessage, options: SellixSendOptions): Promise<SellixDelivery[]> {
    if (!url) throw new Error('fake Sellix: the payment has no webhook URL and none was given');
    const once = async (): Promise<SellixDelivery> => {
      const response = await httpRequest(url, { method: 'POST', headers: message.headers, body: message.body });
      return { url, headers: message.headers, body: message.body, status: response.statusCode, responseBody: await response.body.text() };
    };
    const sent: SellixDelivery[] = [];
    for (let round = 0; round < (options.times ?? 1); round++) {
      sent.push(...(await Promise.all(Array.from({ length: options.parallel ?? 1 }, once))));
    }
    return sent;
  }

  private order(
    payment: FakeSellixPayment,
    at: { status: string; total: Dec; currency: string; scenario?: SellixWebhookScenario; format: 'number' | 'string' },
  ): Record<string, unknown> {
    const scale = currencyScale(at.currency);
    const usd = at.currency === 'USD' ? at.total : at.total.times(this.usdRate).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    const print = (d: Dec, digits: number) => (at.format === 'string' ? d.toFixed(digits) : Number(d.toFixed(digits)));
    const partial = at.scenario === 'partial';
    return {
      id: 1,
      uniqid: payment.uniqid,
      total: print(usd, 2),
      total_display: print(at.total, scale),
      currency: at.currency,
      customer_email: payment.email,
      gateway: payment.gateway ?? 'BITCOIN',
      crypto_amount: partial ? 0.002 : 0,
      crypto_received: partial ? 0.001 : 0,
      quantity: 1,
      custom_fields: payment.customFields,
      developer_invoice: true,
      developer_title: payment.title,
      developer_webhook: payment.webhook ?? null,
      developer_return_url: payment.returnUrl ?? null,
      status: at.status,
      status_history: [{ created_at: String(Math.floor(Date.now() / 1000)), details: 'fake', status: at.status }],
      paypal_dispute:
        at.status === 'CUSTOMER_DISPUTE_ONGOING'
          ? { reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED', status: 'WAITING_FOR_SELLER_RESPONSE', outcome: null }
          : null,
      created_at: Math.floor(Date.now() / 1000),
      webhooks: [],
    };
  }

  private async route(request: RecordedRequest): Promise<FakeReply> {
    const checkout = /^\/checkout\/([^/]+)$/.exec(request.path);
    if (checkout && request.method === 'GET') return this.checkoutPage(checkout[1]!, request);
    if (!request.path.startsWith('/v1/')) return this.error(404, 'Not Found.');
    if (request.headers['authorization'] !== `Bearer ${this.apiKey}`) {
      // As the document prints it: `log` echoes the key that was sent.
      const sent = (request.headers['authorization'] ?? '').replace(/^Bearer\s+/i, '');
      return { status: 401, body: { status: 401, data: null, message: null, log: sent, error: 'Unauthorized', env: 'production' } };
    }
    if (request.path === '/v1/payments' && request.method === 'POST') return this.createPayment(request);
    const one = /^\/v1\/(payments|orders)\/([^/]+)$/.exec(request.path);
    const payment = one ? this.payments.get(decodeURIComponent(one[2]!)) : undefined;
    if (one?.[1] === 'payments' && request.method === 'DELETE') {
      if (!payment || payment.deleted) return this.error(404, 'Not Found.');
      payment.deleted = true;
      return { status: 200, body: { status: 200, message: 'Payment Deleted Successfully.', log: null, error: null, env: 'production' } };
    }
    if (one?.[1] === 'orders' && request.method === 'GET' && payment) {
      const order = this.order(payment, { status: payment.status, total: new Dec(payment.value), currency: payment.currency, format: 'number' });
      return this.ok({ order });
    }
    return this.error(404, 'Not Found.');
  }

  private createPayment(request: RecordedRequest): FakeReply {
    if (this.nextCreateError) {
      const { status, error } = this.nextCreateError;
      this.nextCreateError = undefined;
      return this.error(status, error);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' && (body[key] as string).trim() !== '' ? (body[key] as string) : undefined);
    const whiteLabel = body['white_label'] === true;
    if (!text('title') && !text('product_id')) return this.error(400, 'Invalid Product Title.');
    if (typeof body['value'] !== 'number' || !(body['value'] > 0)) return this.error(400, 'Invalid Value.');
    if (!text('currency') || !/^[A-Z]{3}$/.test(text('currency')!)) return this.error(400, 'Invalid Currency.');
    if (!text('email') || !/^[^@\s]+@[^@\s]+$/.test(text('email')!)) return this.error(400, 'Invalid Email.');
    if (body['white_label'] !== undefined && typeof body['white_label'] !== 'boolean') return this.error(400, 'Invalid White Label.');
    if (!whiteLabel && !text('return_url')) return this.error(400, 'Invalid Return URL.');
    const fields = body['custom_fields'];
    const customFields: Record<string, string> = {};
    if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
      for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') customFields[k] = v;
    }
    const uniqid = `fake${this.payments.size + 1}-${randomBytes(5).toString('hex')}`;
    const payment: FakeSellixPayment = {
      uniqid,
      url: `${this.server.url}/checkout/${uniqid}`,
      title: text('title') ?? '',
      value: String(body['value']),
      currency: text('currency')!,
      email: text('email')!,
      customFields,
      webhook: text('webhook'),
      returnUrl: text('return_url'),
      whiteLabel,
      gateway: text('gateway'),
      status: 'PENDING',
      deleted: false,
    };
    this.payments.set(uniqid, payment);
    if (whiteLabel) {
      const order = this.order(payment, { status: 'PENDING', total: new Dec(payment.value), currency: payment.currency, format: 'number' });
      return this.ok({ invoice: order });
    }
    const data = this.answerShape === 'url_only' ? { url: payment.url } : { url: payment.url, uniqid };
    return this.ok(data, 'Payment Created Successfully.');
  }

  private checkoutPage(uniqid: string, request: RecordedRequest): FakeReply {
    const payment = this.payments.get(uniqid);
    if (!payment || payment.deleted) return this.error(404, 'Not Found.');
    const summary = { uniqid, title: payment.title, value: payment.value, currency: payment.currency, status: payment.status };
    if ((request.headers['accept'] ?? '').includes('application/json')) return { status: 200, body: summary };
    const html = `<!doctype html><title>Sellix checkout</title><h1>${payment.title}</h1><p>${payment.value} ${payment.currency}</p><p id="status">${payment.status}</p>`;
    return { status: 200, raw: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
  }

  private ok(data: unknown, message: string | null = null): FakeReply {
    return { status: 200, body: { status: 200, data, message, log: null, error: null, env: 'production' } };
  }

  private error(status: number, error: string): FakeReply {
    return { status, body: { status, data: null, message: null, log: null, error, env: 'production' } };
  }
}
