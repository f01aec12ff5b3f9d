import { Dec, type Money } from '../../core/money.js';
import type { PaymentMethod, PaymentStart, RefundOutcome, StartPaymentRequest } from '../../core/ports/payment.js';
import { ResellerError, type ResellerErrorKind } from '../../core/ports/reseller.js';
import { UpstreamClient, type UpstreamObserver } from '../shared/upstream-client.js';
import {
  createPaymentAnswerSchema,
  deletePaymentAnswerSchema,
  referenceFields,
  type WireCreatePaymentAnswer,
} from './sellix.wire.js';

export const SELLIX_DEFAULT_BASE_URL = 'https://dev.sellix.io/v1';

/**
 * Sellix needs an email for every payment, and a chat buyer rarely has one. The default
 * placeholder is unique per buyer (so Sellix's per-customer views and blacklists still tell
 * buyers apart) and uses the reserved `.invalid` domain, so nothing Sellix mails can reach a
 * stranger; delivery happens in the chat anyway. Set `placeholderEmail` to a domain the shop
 * owns to receive Sellix's receipts instead.
 */
export const SELLIX_DEFAULT_PLACEHOLDER_EMAIL = 'buyer+{platform}-{platformUserId}@example.invalid';

export interface SellixPaymentOptions {
  /** The shop's API secret key, sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Defaults to {@link SELLIX_DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** Our `POST /webhooks/sellix` route; Sellix accepts only HTTPS here. */
  webhookUrl: string;
  /** Where the checkout sends the buyer back to, when the request names none. */
  returnUrl?: string;
  /**
   * Email template for buyers without one: `{platform}`, `{platformUserId}`, `{userId}` and
   * `{paymentReference}` are replaced (with anything outside `[A-Za-z0-9._-]` made `-`).
   * Defaults to {@link SELLIX_DEFAULT_PLACEHOLDER_EMAIL}.
   */
  placeholderEmail?: string;
  /** Per call; default 15 s. */
  timeoutMs?: number;
  observer?: UpstreamObserver;
  /** Preselects a gateway (`BITCOIN`, `PAYPAL`, …); absent lets the buyer choose at checkout. */
  gateway?: string;
}

/** Failures after which the buyer may simply try again (with a new payment reference). */
const retryableKinds: ReadonlySet<ResellerErrorKind> = new Set(['timeout', 'unavailable', 'rate_limited', 'circuit_open']);

/** Statuses whose bodies are Sellix's own error answers, read for the operator's detail. */
const errorStatuses = [400, 404, 406, 422];

/**
 * Sellix's `value` is a JSON "float". It is built from the exact decimal string and sent only
 * if the number prints back as the same decimal, so no amount is ever changed on the way.
 */
export function sellixValue(amount: Money): number {
  const text = amount.toDecimalString();
  if (!amount.amount.equals(new Dec(text))) {
    throw new RangeError(`${amount.amount.toFixed()} ${amount.currency} has more digits than ${amount.currency} allows: round it first`);
  }
  if (!amount.isPositive()) throw new RangeError(`a payment must be positive, not ${amount.toString()}`);
  const value = Number(text);
  if (!new Dec(String(value)).equals(new Dec(text))) {
    throw new RangeError(`${amount.toString()} cannot be sent to Sellix as an exact JSON number`);
  }
  return value;
}

/** Fills the placeholder template for a buyer without an email. */
export function placeholderEmail(template: string, request: StartPaymentRequest): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9._-]/g, '-');
  const values: Record<string, string> = {
    platform: request.buyer.platform,
    platformUserId: request.buyer.platformUserId,
    userId: request.buyer.userId,
    paymentReference: request.paymentReference,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : safe(value);
  });
}

/** The document's integrated-checkout example answers a URL only; its last segment is the uniqid. */
function uniqidFromUrl(url: string): string | undefined {
  try {
    return /\/(?:payment|invoice|checkout)\/([^/?#]+)\/?$/.exec(new URL(url).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Sellix as a payment method: a hosted checkout page per payment, confirmed later by a signed
 * webhook (see `sellix.webhook.ts`). Creating a payment is not idempotent at Sellix, so it is
 * never retried; a buyer who meets an error starts again with a new payment reference.
 */
export class SellixPaymentMethod implements PaymentMethod {
  readonly id = 'sellix' as const;
  private readonly client: UpstreamClient;

  constructor(private readonly options: SellixPaymentOptions) {
    if (!options.apiKey) throw new TypeError('sellix: apiKey is required');
    if (!options.webhookUrl) throw new TypeError('sellix: webhookUrl is required');
    this.client = new UpstreamClient({
      upstream: 'sellix',
      baseUrl: options.baseUrl ?? SELLIX_DEFAULT_BASE_URL,
      headers: { authorization: `Bearer ${options.apiKey}` },
      timeoutMs: options.timeoutMs ?? 15_000,
      ...(options.observer ? { observer: options.observer } : {}),
    });
  }

  /**
   * Creates a hosted payment. Transient failures (timeout, 5xx, 429, open circuit) are an
   * `unavailable` value; a refused key or an answer Sellix should not give throws
   * {@link ResellerError}, for the operator.
   */
  async start(request: StartPaymentRequest): Promise<PaymentStart> {
    const returnUrl = request.returnUrl ?? this.options.returnUrl;
    if (!returnUrl) return { kind: 'unavailable', detail: 'sellix: no return URL configured (required for hosted checkout)' };
    const customFields: Record<string, string> = { [referenceFields.payment]: request.paymentReference };
    if (request.orderReference) customFields[referenceFields.order] = request.orderReference;
    const body = {
      title: request.title,
      value: sellixValue(request.amount),
      currency: request.amount.currency,
      // Without a product_id Sellix does not multiply by it; the document marks it required.
      quantity: 1,
      email: request.buyer.email ?? placeholderEmail(this.options.placeholderEmail ?? SELLIX_DEFAULT_PLACEHOLDER_EMAIL, request),
      custom_fields: customFields,
      webhook: this.options.webhookUrl,
      white_label: false,
      return_url: returnUrl,
      ...(this.options.gateway ? { gateway: this.options.gateway } : {}),
    };

    let answer: { status: number; data: WireCreatePaymentAnswer };
    try {
      answer = await this.client.request({
        operation: 'createPayment',
        method: 'POST',
        path: '/payments',
        body,
        idempotent: false,
        schema: createPaymentAnswerSchema,
        acceptStatus: errorStatuses,
      });
    } catch (error) {
      if (error instanceof ResellerError && retryableKinds.has(error.kind)) {
        const maybe = error.kind === 'timeout' ? ' (Sellix may have created it; unpaid, it voids on its own)' : '';
        return { kind: 'unavailable', detail: `${error.message}${maybe}` };
      }
      throw error;
    }
    const status = answer.data.status && answer.data.status >= 400 ? answer.data.status : answer.status;
    if (status >= 400) {
      throw new ResellerError('sellix', 'bad_response', `createPayment: refused (HTTP ${status}: ${answer.data.error ?? answer.data.message ?? 'no message'})`);
    }
    const data = answer.data.data;
    const url = data?.url ?? data?.invoice?.url;
    if (!url) throw new ResellerError('sellix', 'bad_response', 'createPayment: the answer holds no checkout URL');
    const externalId = data?.uniqid ?? data?.invoice?.uniqid ?? uniqidFromUrl(url);
    if (!externalId) throw new ResellerError('sellix', 'bad_response', 'createPayment: the answer holds no payment uniqid');
    return { kind: 'redirect', url, externalId };
  }

  /** Sellix has no refund endpoint for payments: the operator refunds outside, or the core credits the wallet. */
  async refund(_payment: Parameters<PaymentMethod['refund']>[0]): Promise<RefundOutcome> {
    return { kind: 'not_supported' };
  }

  /**
   * Deletes an unpaid payment (`DELETE /payments/:uniqid`), so a stale checkout page cannot be
   * paid after its quote expired. Deleting twice is harmless, so it may be retried.
   */
  async cancel(payment: { paymentReference: string; externalId: string }): Promise<void> {
    await this.deletePayment(payment.externalId);
  }

  async deletePayment(externalId: string): Promise<'deleted' | 'not_found'> {
    const answer = await this.client.request({
      operation: 'deletePayment',
      method: 'DELETE',
      path: `/payments/${encodeURIComponent(externalId)}`,
      idempotent: true,
      schema: deletePaymentAnswerSchema,
      acceptStatus: errorStatuses,
    });
    if (answer.status === 404) return 'not_found';
    if (answer.status >= 400) {
      throw new ResellerError('sellix', 'bad_response', `deletePayment: refused (HTTP ${answer.status}: ${answer.data.error ?? 'no message'})`);
    }
    return 'deleted';
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export function createSellixPaymentMethod(options: SellixPaymentOptions): SellixPaymentMethod {
  return new SellixPaymentMethod(options);
}
