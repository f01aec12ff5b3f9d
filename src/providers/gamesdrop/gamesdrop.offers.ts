import type { ResellerProduct } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import { ResellerError, type ResellerErrorKind } from '../../core/ports/reseller.js';
import type { UpstreamClient, UpstreamResponse } from '../shared/upstream-client.js';
import { TEST_OFFER_ID, needsFromFindOne, productFromRow, skuOf, type PlayerNeeds } from './gamesdrop.catalog.js';
import { BUSINESS_STATUSES, numericId } from './gamesdrop.orders.js';
import { describeError, errorMeaning } from './gamesdrop.status.js';
import { answer, findOneSchema, offerRowSchema, syncPageSchema, type Answer } from './gamesdrop.wire.js';

/** An offer's terms from `find-one`, and when they were read. */
export interface LiveOffer {
  cost: Money;
  needs: PlayerNeeds;
  inStock: boolean;
  at: number;
}

export interface OffersOptions {
  pageSize: number;
  accountCurrency: string;
  includeTestOffer: boolean;
}

/** A success body, or the error answer as a typed throw. */
export function okOrThrow<T>(response: UpstreamResponse<Answer<T>>, operation: string): T {
  if (response.data.kind === 'ok') return response.data.data;
  const error = response.data.error;
  const meaning = errorMeaning(error.code);
  const kind: ResellerErrorKind = meaning === 'auth' ? 'auth' : meaning === 'unavailable' ? 'unavailable' : 'bad_response';
  throw new ResellerError('gamesdrop', kind, `${operation}: ${describeError(error, response.status)}`);
}

/**
 * The catalog (`offers/sync`, page by page) and live terms (`offers/find-one`). What the catalog
 * says about an offer's player fields is kept, because find-one does not repeat it.
 */
export class GamesDropOffers {
  private readonly known = new Map<string, PlayerNeeds & { inStock: boolean }>();
  private readonly live = new Map<string, LiveOffer>();

  constructor(
    private readonly client: UpstreamClient,
    private readonly options: OffersOptions,
  ) {}

  /** One catalog page; the cursor is the next page number, while `page × limit` is below `count`. */
  async page(page: number): Promise<{ products: ResellerProduct[]; next?: string }> {
    const response = await this.client.request({
      operation: 'syncOffers',
      method: 'POST',
      path: '/api/v1/offers/sync',
      body: { limit: this.options.pageSize, page },
      idempotent: true,
      schema: answer(syncPageSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    const data = okOrThrow(response, 'syncOffers');
    const products: ResellerProduct[] = [];
    let malformed = 0;
    for (const raw of data.rows) {
      const row = offerRowSchema.safeParse(raw);
      if (!row.success) {
        malformed++;
        continue;
      }
      const product = productFromRow(row.data, this.options.accountCurrency);
      this.known.set(product.sku, {
        userId: row.data.isRequiredGameUserId === true,
        serverId: row.data.isRequiredGameServerId === true,
        inStock: product.inStock,
      });
      if (skuOf(row.data) === TEST_OFFER_ID && !this.options.includeTestOffer) continue;
      products.push(product);
    }
    // One odd row among a thousand is skipped; a page of nothing but odd rows is a changed API.
    if (data.rows.length > 0 && malformed === data.rows.length) {
      throw new ResellerError('gamesdrop', 'bad_response', `syncOffers: no row of page ${page} has the documented shape`);
    }
    const next = data.rows.length > 0 && page * this.options.pageSize < data.count ? String(page + 1) : undefined;
    return { products, ...(next ? { next } : {}) };
  }

  /** Asks `find-one`: the live terms, or undefined when GamesDrop has no such offer. */
  async find(sku: string): Promise<LiveOffer | undefined> {
    const response = await this.client.request({
      operation: 'findOffer',
      method: 'POST',
      path: '/api/v1/offers/find-one',
      body: { offerId: numericId(sku) },
      idempotent: true,
      schema: answer(findOneSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    if (response.data.kind === 'error' && errorMeaning(response.data.error.code) === 'offer_not_found') {
      this.live.delete(sku);
      return undefined;
    }
    const found = okOrThrow(response, 'findOffer');
    const known = this.known.get(sku);
    const offer: LiveOffer = {
      cost: Money.of(found.price, found.currency),
      needs: needsFromFindOne(found, known),
      inStock: found.inStock ?? known?.inStock ?? true,
      at: Date.now(),
    };
    this.live.set(sku, offer);
    return offer;
  }

  /** Live terms read at most `maxAgeMs` ago, else undefined. */
  fresh(sku: string, maxAgeMs: number): LiveOffer | undefined {
    const offer = this.live.get(sku);
    return offer && Date.now() - offer.at <= maxAgeMs ? offer : undefined;
  }

  /** Terms read before (any age): enough for what does not depend on the price being current. */
  remembered(sku: string): LiveOffer | undefined {
    return this.live.get(sku);
  }

  forget(sku: string): void {
    this.live.delete(sku);
  }
}
