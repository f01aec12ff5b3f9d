import { Composer, GrammyError, type Api } from 'grammy';
import type { PreCheckoutQuery, SuccessfulPayment } from 'grammy/types';
import { Dec, Money } from '../../core/money.js';
import type { KeyValueStore } from '../../core/ports/kv.js';
import type { PaymentEvent, PaymentMethod, PaymentStart, RefundOutcome, StartPaymentRequest } from '../../core/ports/payment.js';
import type { Shop } from '../../core/shop.js';
import type { Logger } from '../../logger.js';
import type { BotContext } from './context.js';
import { renderError } from './render.js';
import { stripHtml } from './features/shared.js';

/** Telegram's ceiling for one Stars invoice. */
export const MAX_STARS_PER_INVOICE = 10_000;
/** Telegram wants the pre-checkout answer within 10 s; the checks must finish well before. */
const PRE_CHECKOUT_BUDGET_MS = 7_000;

export interface StarsOptions {
  /** STARS_PER_USD: Stars charged per 1 USD of price; the result is rounded up to whole Stars. */
  starsPerUsd: string;
  /** Remembers each invoice's Stars, so a rate change between invoice and payment is noticed. */
  kv?: KeyValueStore;
  /** Converts a price in another currency to USD; without it only USD (and XTR) prices can be paid in Stars. */
  toUsd?: (amount: Money) => Promise<Money | undefined> | Money | undefined;
}

const invoiceKey = (reference: string) => `stars:invoice:${reference}`;

/**
 * Telegram Stars as a payment method. `start` returns an invoice (the bot sends it with
 * `sendInvoice` in XTR); the payment itself arrives as a `successful_payment` message, which the
 * Stars feature turns into a verified `PaymentEvent`. Refunds go back with `refundStarPayment`.
 */
export class StarsPaymentMethod implements PaymentMethod {
  readonly id = 'stars' as const;
  private api: Api | undefined;
  private readonly rate: Dec;

  constructor(private readonly options: StarsOptions) {
    this.rate = new Dec(options.starsPerUsd);
    if (!this.rate.isFinite() || this.rate.lte(0)) throw new RangeError(`STARS_PER_USD must be a positive number, got "${options.starsPerUsd}"`);
  }

  /** The bot whose API refunds go through; set by `createTelegramBot`. */
  bind(api: Api): void {
    this.api = api;
  }

  /** Whole Stars for an amount: converted at the configured rate and rounded up, once. */
  async starsFor(amount: Money): Promise<number | undefined> {
    if (amount.currency === 'XTR') return Number(amount.amount.toDecimalPlaces(0, Dec.ROUND_UP).toFixed(0));
    const usd = amount.currency === 'USD' ? amount : await this.options.toUsd?.(amount);
    if (!usd || usd.currency !== 'USD') return undefined;
    return Number(usd.amount.times(this.rate).toDecimalPlaces(0, Dec.ROUND_UP).toFixed(0));
  }

  /** The Stars an invoice asked for: as recorded when it was made, else as the rate gives now. */
  async invoicedStars(paymentReference: string, amount: Money): Promise<number | undefined> {
    const recorded = await this.options.kv?.get(invoiceKey(paymentReference));
    return recorded !== undefined && /^\d+$/.test(recorded) ? Number(recorded) : this.starsFor(amount);
  }

  async start(request: StartPaymentRequest): Promise<PaymentStart> {
    if (request.buyer.platform !== 'telegram') return { kind: 'unavailable', detail: 'Stars are paid inside Telegram only' };
    const stars = await this.starsFor(request.amount);
    if (stars === undefined) return { kind: 'unavailable', detail: `no USD rate for ${request.amount.currency}` };
    if (stars < 1 || stars > MAX_STARS_PER_INVOICE) return { kind: 'unavailable', detail: `${stars} Stars is outside 1–${MAX_STARS_PER_INVOICE}` };
    await this.options.kv?.set(invoiceKey(request.paymentReference), String(stars), 7 * 86_400_000);
    return { kind: 'invoice', payload: request.paymentReference, amount: Money.of(stars, 'XTR'), title: request.title };
  }

  async refund(payment: { paymentReference: string; externalId: string | null; amount: Money; detail: Record<string, unknown> }): Promise<RefundOutcome> {
    const userId = Number(payment.detail.telegramUserId);
    if (!this.api) return { kind: 'failed', detail: 'the Telegram bot is not running' };
    if (!payment.externalId || !Number.isSafeInteger(userId) || userId <= 0) return { kind: 'failed', detail: 'no Telegram charge id or payer on the payment' };
    try {
      await this.api.refundStarPayment(userId, payment.externalId);
      return { kind: 'refunded', externalRefundId: payment.externalId };
    } catch (error) {
      // A refund that already happened (a retry after a lost answer) is done, not failed.
      if (error instanceof GrammyError && /CHARGE_ALREADY_REFUNDED/i.test(error.description)) return { kind: 'refunded', externalRefundId: payment.externalId };
      return { kind: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

export function createStarsPaymentMethod(options: StarsOptions): StarsPaymentMethod {
  return new StarsPaymentMethod(options);
}

/** Sends the Stars invoice a payment method handed back. */
export function sendStarsInvoice(api: Api, chatId: number | string, start: Extract<PaymentStart, { kind: 'invoice' }>, description: string) {
  const stars = Number(start.amount.toDecimalString(0));
  return api.sendInvoice(chatId, start.title.slice(0, 32), description.slice(0, 255), start.payload, 'XTR', [{ label: start.title.slice(0, 32), amount: stars }]);
}

type Check = { ok: true } | { ok: false; code: Parameters<typeof renderError>[1]['code'] };

/**
 * Re-checks, at the moment the buyer confirms in Telegram's payment sheet, that the payment is
 * still payable: pending and not expired, the buyer's own, the Stars as invoiced, and for an
 * order, the listing still in stock at no more than was quoted.
 */
export async function checkPreCheckout(shop: Shop, stars: StarsPaymentMethod, query: PreCheckoutQuery, now: Date): Promise<Check> {
  const payment = await shop.storage.payments.findByReference(query.invoice_payload);
  if (!payment || payment.method !== 'stars') return { ok: false, code: 'payment_failed' };
  const buyer = await shop.storage.users.findByIdentity('telegram', String(query.from.id));
  if (!buyer || buyer.id !== payment.userId) return { ok: false, code: 'not_allowed' };
  if (buyer.banned) return { ok: false, code: 'buyer_banned' };
  if (payment.status !== 'pending' || (payment.expiresAt && payment.expiresAt.getTime() <= now.getTime())) return { ok: false, code: 'quote_expired' };
  const invoiced = await stars.invoicedStars(payment.reference, payment.amount);
  if (query.currency !== 'XTR' || invoiced !== query.total_amount) return { ok: false, code: 'price_changed' };
  if (payment.purpose !== 'order') return { ok: true };
  const order = payment.orderId ? await shop.storage.orders.findById(payment.orderId) : undefined;
  if (!order || order.state !== 'awaiting_payment') return { ok: false, code: 'quote_expired' };
  const listing = shop.catalog.listing(order.listingId);
  if (!listing) return { ok: false, code: 'product_not_found' };
  const price = await shop.priceListing(listing);
  if (!price) return { ok: false, code: 'out_of_stock' };
  // The buyer pays what was quoted; refuse only when selling now would cost more than that.
  if (price.currency === order.price.currency && price.mul(order.quantity).compare(order.price.add(order.discount)) > 0) return { ok: false, code: 'price_changed' };
  return { ok: true };
}

/** A `successful_payment` as the core's payment event: the amount is the payment's own when the Stars match the invoice. */
export async function starsPaymentEvent(shop: Shop, stars: StarsPaymentMethod, paid: SuccessfulPayment, payerId: number): Promise<PaymentEvent> {
  const payment = await shop.storage.payments.findByReference(paid.invoice_payload);
  const invoiced = payment ? await stars.invoicedStars(payment.reference, payment.amount) : undefined;
  const asInvoiced = payment !== undefined && paid.currency === 'XTR' && invoiced === paid.total_amount;
  return {
    kind: 'paid',
    method: 'stars',
    deliveryId: paid.telegram_payment_charge_id,
    paymentReference: paid.invoice_payload,
    externalId: paid.telegram_payment_charge_id,
    // The core compares what arrived with what it asked for, in the payment's currency. Stars
    // that match the invoice are that amount; anything else stays in XTR and is refused there.
    amount: asInvoiced ? payment.amount : Money.of(paid.total_amount, paid.currency === 'XTR' ? 'XTR' : paid.currency.toUpperCase()),
    detail: { telegramUserId: String(payerId), stars: String(paid.total_amount) },
  };
}

/** Pre-checkout answers and successful payments; runs before rate limits and flows so no payment is ever dropped. */
export function createStarsFeature(deps: { shop: Shop; stars: StarsPaymentMethod; logger: Logger }): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('pre_checkout_query', async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const timeout = new Promise<Check>((resolve) => setTimeout(() => resolve({ ok: false, code: 'reseller_unavailable' }), PRE_CHECKOUT_BUDGET_MS).unref());
    const check = await Promise.race([
      checkPreCheckout(deps.shop, deps.stars, query, new Date()).catch((error: unknown): Check => {
        deps.logger.error({ err: error, payment: query.invoice_payload }, 'pre-checkout check failed');
        return { ok: false, code: 'internal' };
      }),
      timeout,
    ]);
    if (check.ok) {
      await ctx.answerPreCheckoutQuery(true);
      return;
    }
    deps.logger.info({ payment: query.invoice_payload, code: check.code }, 'pre-checkout refused');
    await ctx.answerPreCheckoutQuery(false, { error_message: stripHtml(renderError(ctx.t, { code: check.code })) });
  });

  composer.on('message:successful_payment', async (ctx) => {
    const paid = ctx.message.successful_payment;
    const event = await starsPaymentEvent(deps.shop, deps.stars, paid, ctx.from.id);
    const outcome = await deps.shop.payments.handleEvent(event);
    deps.logger.info({ payment: paid.invoice_payload, outcome }, 'stars payment');
    deps.shop.outbox.kick();
    if (outcome === 'amount_mismatch' || outcome === 'unknown_payment') {
      await ctx.reply(ctx.t('stars-payment-unmatched'), { parse_mode: 'HTML' });
    }
  });

  return composer;
}
