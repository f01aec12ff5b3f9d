import { validatePlayerFields } from '../../core/catalog/player-validation.js';
import type { PlayerFieldSpec } from '../../core/catalog/types.js';
import type { Money } from '../../core/money.js';
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
  type ResellerErrorKind,
  type ResellerOrderState,
  type ResellerWebhookEvent,
} from '../../core/ports/reseller.js';
import type { ClientRateLimit, UpstreamTuning } from '../shared/upstream-client.js';
import { LapakgamingApi, type OrderBody } from './lapakgaming.api.js';
import { LapakgamingCatalogIndex } from './lapakgaming.catalog-index.js';
import { idr, type CategoryInfo } from './lapakgaming.catalog.js';
import { lapakError, readData, RESELLER_ID, rupiah, unexpectedCode } from './lapakgaming.errors.js';
import { fetchFxRate, type LapakgamingFxRate } from './lapakgaming.fx.js';
import { findBestProduct, listGroupProducts, type GroupProductOffer } from './lapakgaming.groups.js';
import { orderState, referenceOf } from './lapakgaming.order.js';
import { codeMeaning } from './lapakgaming.status.js';
import { checkCallback, parseCallbackBody, ProductCallbackClock } from './lapakgaming.webhook.js';
import type { Enveloped, WireAmount } from './lapakgaming.wire.js';

export type { GroupProductOffer } from './lapakgaming.groups.js';
export type { LapakgamingFxRate } from './lapakgaming.fx.js';

export interface LapakgamingOptions extends UpstreamTuning {
  /** `https://www.lapakgaming.com` (production) or `https://dev.lapakgaming.com`. */
  baseUrl: string;
  /** The API SECRET_KEY, sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Country whose catalog and prices the shop uses (`id`, `my`, `ph`, `th`, `us`, `br`, `vn`); default `id`. */
  country?: string;
  /** Sent as `override_callback_url` when an order brings none; must hold the callback token. */
  callbackUrl?: string;
  /** Secret expected in the callback URL (path param or `?token=`); without it every callback is refused. */
  callbackToken?: string;
  /** Source IPs allowed to call back; empty = any. */
  callbackIps?: string[];
  /** Category codes that need `end_user_ip_address`, beyond the Hoyoverse games found by name. */
  endUserIpCategories?: string[];
  /** Overrides the documented limits (tests). */
  rateLimits?: ClientRateLimit[];
  /** How long categories and the sku → category index are reused; default 10 minutes. */
  catalogTtlMs?: number;
}

const FALLBACK_FIELDS: PlayerFieldSpec[] = [{ key: 'player_id', label: 'Player ID', required: true, hint: 'no spaces' }];
/** Failures after which an order may exist upstream: look it up, never place it again blindly. */
const UNCERTAIN: ReadonlySet<ResellerErrorKind> = new Set(['timeout', 'unavailable', 'bad_response']);

/**
 * Lapakgaming as a {@link Reseller}: catalog from categories and all products of one
 * country, live quotes, player checks, orders by `partner_reference_id`, status by `tid` or
 * reference, unsigned callbacks guarded by a URL token, plus best-product routing and FX.
 */
export class LapakgamingReseller implements Reseller {
  readonly id = RESELLER_ID;
  readonly displayName = 'Lapakgaming';
  readonly capabilities: ResellerCapabilities = {
    webhooks: true,
    playerCheck: true,
    quantityOrders: true,
    balance: true,
    statusByReference: true,
    // The document promises no de-duplication by partner_reference_id, so a repeated
    // create is not assumed safe; TRANSACTION_EXIST is still honoured when it comes.
    idempotentOrders: false,
  };
  private readonly api: LapakgamingApi;
  private readonly index: LapakgamingCatalogIndex;
  private readonly country: string;
  private readonly productClock = new ProductCallbackClock();

  constructor(private readonly options: LapakgamingOptions) {
    this.country = (options.country ?? 'id').toLowerCase();
    const { baseUrl, apiKey, timeoutMs, retries, retryBaseDelayMs, breakerThreshold, breakerOpenMs, observer, rateLimits } = options;
    this.api = new LapakgamingApi({ baseUrl, apiKey, timeoutMs, retries, retryBaseDelayMs, breakerThreshold, breakerOpenMs, observer, rateLimits });
    this.index = new LapakgamingCatalogIndex(this.api, {
      resellerId: RESELLER_ID,
      country: this.country,
      extraIpCodes: new Set(options.endUserIpCategories ?? []),
      ttlMs: options.catalogTtlMs ?? 10 * 60_000,
      read: readData,
    });
  }

  /** False while the circuit is open: the core skips Lapakgaming's offers. */
  get isHealthy(): boolean {
    return this.api.client.isHealthy;
  }

  listCatalog(cursor?: string): Promise<CatalogPage> {
    return this.index.page(cursor);
  }

  async quote(sku: string, quantity: number): Promise<QuoteResult> {
    if (!Number.isInteger(quantity) || quantity < 1) return { kind: 'rejected', code: 'quantity_not_allowed' };
    let category = await this.index.categoryOf(sku);
    const answer = await this.api.products({
      ...(category ? { category_code: category.code } : {}),
      product_code: sku,
      country_code: this.country,
    });
    if (!answer.ok) return this.rejection(answer.code, answer.message);
    const product = answer.data.find((p) => p.code === sku);
    if (!product) return { kind: 'rejected', code: 'product_not_found' };
    if (!category && product.category_code) category = await this.index.category(product.category_code);
    if (product.status && product.status.toLowerCase() !== 'available') {
      return { kind: 'rejected', code: 'out_of_stock', detail: `status ${product.status}` };
    }
    return {
      kind: 'ok',
      quote: {
        sku,
        cost: rupiah(product.price, 'price'),
        inStock: true,
        stock: null,
        playerFields: category?.playerFields ?? FALLBACK_FIELDS,
        type: category?.type ?? 'topup',
      },
    };
  }

  async validatePlayer(sku: string, player: Record<string, string>): Promise<PlayerCheck> {
    const category = await this.index.categoryOf(sku);
    if (!category) return { kind: 'not_verifiable' };
    if (category.type === 'voucher') return { kind: 'valid', nickname: null };
    const local = validatePlayerFields(category.playerFields, player);
    if (!local.ok) return { kind: 'invalid', code: 'player_fields_invalid', ...(local.detail ? { detail: local.detail } : {}) };
    if (!category.checkId) return { kind: 'not_verifiable' };
    const clean = { ...player, ...local.value };
    const additional = additionalId(clean);
    const answer = await this.api.uidCheck({
      category_code: category.code,
      user_id: clean.player_id ?? '',
      ...(additional !== undefined ? { additional_id: additional } : {}),
    });
    if (answer.ok) return { kind: 'valid', nickname: answer.data?.name?.trim() || null };
    const meaning = codeMeaning(answer.code);
    switch (meaning.kind) {
      case 'auth':
        throw lapakError('auth', `uid-check refused our credentials (${answer.code})`);
      case 'service_error':
        throw lapakError('unavailable', `uid-check failed upstream (${answer.code})`);
      case 'rejected':
        return meaning.code === 'player_fields_invalid'
          ? { kind: 'invalid', code: 'player_fields_invalid', detail: answer.code }
          : { kind: 'not_verifiable' };
      // uid-check's "no such player" code is not documented: anything unlisted reads as that.
      default:
        return { kind: 'invalid', code: 'player_not_found', detail: answer.code };
    }
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const refused = (code: RejectionCode, detail: string): PlaceOrderResult => ({ kind: 'rejected', code, detail });
    if (!Number.isInteger(request.quantity) || request.quantity < 1) return refused('quantity_not_allowed', 'quantity must be a whole number ≥ 1');
    const price = request.expectedCost;
    if (price.currency !== 'IDR' || !price.amount.isInteger() || !price.amount.lte(Number.MAX_SAFE_INTEGER)) {
      return refused('reseller_rejected', `Lapakgaming takes whole rupiah, got ${price.toString()}`);
    }
    const group = request.extra?.groupProduct;
    const category = await this.orderCategory(request);
    let player = request.player;
    if (category?.type === 'topup') {
      const local = validatePlayerFields(category.playerFields, player);
      if (!local.ok) return refused('player_fields_invalid', local.detail ?? 'player fields do not fit the category');
      player = { ...player, ...local.value };
    }
    const needsIp = request.extra?.needsEndUserIp === 'true' || Boolean(category?.needsEndUserIp);
    if (needsIp && !request.endUserIp) return refused('reseller_rejected', 'end_user_ip_address is required for Hoyoverse games');

    const body = this.orderBody({ ...request, player }, group, needsIp);
    let answer: Enveloped<{ tid: string; total_price?: WireAmount | null | undefined }>;
    try {
      answer = await this.api.createOrder(body);
    } catch (error) {
      if (error instanceof ResellerError && UNCERTAIN.has(error.kind)) return { kind: 'unknown', detail: error.message };
      throw error;
    }
    if (answer.ok) {
      // The answer carries no status; the callback or a poll brings the outcome. `cost` is the
      // total for all units. The order exists now: a cost we cannot read must not make it an error.
      const state: ResellerOrderState = { status: 'processing', resellerOrderId: answer.data.tid };
      try {
        if (answer.data.total_price !== undefined && answer.data.total_price !== null) state.cost = idr(answer.data.total_price);
      } catch {
        state.failureDetail = 'total_price unreadable';
      }
      return { kind: 'accepted', state };
    }
    const meaning = codeMeaning(answer.code);
    switch (meaning.kind) {
      case 'rejected': {
        const detail = answer.message ?? answer.code;
        if (meaning.code === 'price_changed' && !group) {
          // Best effort: the new cost lets the core decide without another round trip.
          const fresh = await this.quote(request.sku, request.quantity).catch(() => undefined);
          if (fresh?.kind === 'ok') return { kind: 'rejected', code: meaning.code, detail, newCost: fresh.quote.cost };
        }
        return { kind: 'rejected', code: meaning.code, detail };
      }
      case 'exists': {
        // An order under our reference is already there: report it, never place another.
        const existing = await this.getOrder({ reference: request.reference }).catch((error: unknown) => error as Error);
        if (existing instanceof Error) return { kind: 'unknown', detail: `TRANSACTION_EXIST, lookup failed: ${existing.message}` };
        if (existing.status === 'not_found') return { kind: 'unknown', detail: 'TRANSACTION_EXIST but no order under our reference' };
        return { kind: 'accepted', state: existing };
      }
      case 'auth':
        throw lapakError('auth', `order refused our credentials (${answer.code})`);
      // The service failed or said something unlisted: it may have acted, so look it up.
      default:
        return { kind: 'unknown', detail: `Lapakgaming answered ${answer.code}` };
    }
  }

  async getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState> {
    const answer = await this.api.orderStatus(ref.resellerOrderId ? { tid: ref.resellerOrderId } : { partner_reference_id: ref.reference });
    if (!answer.ok) {
      if (codeMeaning(answer.code).kind === 'not_found') return { status: 'not_found' };
      throw unexpectedCode(answer.code, 'order status');
    }
    const reference = referenceOf(answer.data);
    if (!ref.resellerOrderId && reference && reference !== ref.reference) {
      throw lapakError('bad_response', `order status for ${ref.reference} answered ${reference}`);
    }
    return orderState(answer.data);
  }

  async balance(): Promise<Money> {
    return rupiah(readData(await this.api.balance(), 'balance').balance, 'balance');
  }

  async parseWebhook(request: IncomingWebhook): Promise<ResellerWebhookEvent> {
    const refused = checkCallback(request, { token: this.options.callbackToken, ips: this.options.callbackIps ?? [] });
    return refused ?? parseCallbackBody(request.rawBody, this.productClock);
  }

  /** The products a group product can route to (Lapakgaming refreshes them every 5 minutes). */
  groupProducts(groupProductCode: string, options: { categoryCode?: string; countryCode?: string } = {}): Promise<GroupProductOffer[]> {
    return listGroupProducts(this.api, groupProductCode, { ...options, countryCode: options.countryCode ?? this.country });
  }

  /** The real-time best product of a group; undefined when the group has none. */
  bestProduct(groupProductCode: string, countryCode = this.country): Promise<GroupProductOffer | undefined> {
    return findBestProduct(this.api, groupProductCode, countryCode);
  }

  /** Lapakgaming's own exchange rate, for the pricing service to record. */
  fxRate(from = 'IDR', to = 'USD'): Promise<LapakgamingFxRate> {
    return fetchFxRate(this.api, from.toUpperCase(), to.toUpperCase());
  }

  close(): Promise<void> {
    return this.api.close();
  }

  private async orderCategory(request: PlaceOrderRequest): Promise<CategoryInfo | undefined> {
    const hint = request.extra?.categoryCode;
    // A group order's sku may be the group code, which the product index does not hold.
    if (request.extra?.groupProduct) return hint ? this.index.category(hint) : undefined;
    return this.index.categoryOf(request.sku, hint);
  }

  private orderBody(request: PlaceOrderRequest, group: string | undefined, needsIp: boolean): OrderBody {
    const { player } = request;
    const additional = additionalId(player);
    const callbackUrl = request.callbackUrl ?? this.options.callbackUrl;
    return {
      ...(group ? { group_product: group, country_code: request.extra?.countryCode ?? this.country } : { product_code: request.sku }),
      count_order: request.quantity,
      price: wirePrice(request.expectedCost),
      partner_reference_id: request.reference,
      ...(player.player_id ? { user_id: player.player_id } : {}),
      ...(additional !== undefined ? { additional_id: additional } : {}),
      ...(player.additional_information ? { additional_information: player.additional_information } : {}),
      // Only where required: the buyer's IP is not shared with games that do not need it.
      ...(needsIp && request.endUserIp ? { end_user_ip_address: request.endUserIp } : {}),
      ...(callbackUrl ? { override_callback_url: callbackUrl } : {}),
    };
  }

  private rejection(code: string, message: string | undefined): QuoteResult {
    const meaning = codeMeaning(code);
    switch (meaning.kind) {
      case 'rejected':
        return { kind: 'rejected', code: meaning.code, detail: message ?? code };
      case 'not_found':
        return { kind: 'rejected', code: 'product_not_found', detail: code };
      case 'success':
      case 'exists':
      case 'unrecognized':
        return { kind: 'rejected', code: 'reseller_rejected', detail: code };
      default:
        throw unexpectedCode(code, 'quote');
    }
  }
}

/** The `additional_id` (zone or server) from the player fields. */
function additionalId(player: Record<string, string>): string | undefined {
  return player.server ?? player.zone ?? player.additional_id;
}

/** Creates the Lapakgaming reseller adapter. */
export function createLapakgamingReseller(options: LapakgamingOptions): LapakgamingReseller {
  return new LapakgamingReseller(options);
}

/**
 * Lapakgaming takes the price as a JSON number and compares it exactly. The number is made
 * from the exact decimal and refused if it would not print back as the same decimal, so no
 * float rounding can ever change the price we send.
 */
function wirePrice(cost: Money): number {
  const text = cost.amount.toFixed();
  const value = Number(text);
  if (!Number.isFinite(value) || String(value) !== text) throw new RangeError(`price ${text} ${cost.currency} cannot be sent exactly`);
  return value;
}
