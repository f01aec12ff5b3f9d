import type { ProductType, ResellerProduct } from '../../core/catalog/types.js';
import { ResellerError, type CatalogPage } from '../../core/ports/reseller.js';
import type { UpstreamClient } from '../shared/upstream-client.js';
import { needsNames, toResellerProduct, type NameLookup } from './gamexbulk.products.js';
import { categorySchema, gameSchema, listEnvelope, productSchema, type WireProduct } from './gamexbulk.wire.js';

/** The document's maximum page size for `/products`. */
export const PRODUCTS_PER_PAGE = 100;

/** What a catalog pass taught us about a product, to narrow later lookups. */
interface KnownProduct {
  categoryId?: string;
  type: ProductType;
  validationOptional?: boolean;
}

type Filter = Record<string, string | number | undefined>;

/**
 * GamexBulk's catalog: `/products` page by page (per_page 100), with `/games` and
 * `/categories` fetched only when a product carries ids without names. There is no
 * single-product endpoint, so a live lookup reads the product's category (learned from an
 * earlier page) and falls back on the whole list.
 */
export class GamexBulkCatalog {
  private readonly knownProducts = new Map<string, KnownProduct>();
  private names: NameLookup | undefined;

  constructor(
    private readonly client: UpstreamClient,
    private readonly paths: { games: string; categories: string; products: string },
    private readonly currency: () => Promise<string>,
  ) {}

  /** One page; the cursor is the next page number. */
  async page(cursor?: string): Promise<CatalogPage> {
    if (cursor !== undefined && !/^[1-9]\d*$/.test(cursor)) throw new RangeError(`not a GamexBulk catalog cursor: ${cursor}`);
    const page = cursor ? Number(cursor) : 1;
    // A new pass refreshes the names, in case games or categories were renamed.
    if (page === 1) this.names = undefined;
    const { products, lastPage } = await this.fetchPage(page, {});
    const normalized = await this.normalize(products);
    return { products: normalized, ...(lastPage !== undefined && page < lastPage ? { next: String(page + 1) } : {}) };
  }

  /** The live product for a sku, or undefined when GamexBulk does not list it (inactive or unknown). */
  async find(sku: string): Promise<ResellerProduct | undefined> {
    if (!/^\d+$/.test(sku)) return undefined;
    const categoryId = this.knownProducts.get(sku)?.categoryId;
    const hit = (categoryId ? await this.scan({ category_id: categoryId }, sku) : undefined) ?? (await this.scan({}, sku));
    return hit ? (await this.normalize([hit]))[0] : undefined;
  }

  known(sku: string): KnownProduct | undefined {
    return this.knownProducts.get(sku);
  }

  /** Why a quantity of a product cannot be ordered now, if it cannot. */
  refusal(product: ResellerProduct, quantity: number): 'quantity_not_allowed' | 'out_of_stock' | undefined {
    if (product.type === 'topup' && quantity !== 1) return 'quantity_not_allowed';
    if (!product.inStock || (typeof product.stock === 'number' && product.stock < quantity)) return 'out_of_stock';
    return undefined;
  }

  async games(): Promise<Array<{ id: string; name: string }>> {
    const { data } = await this.client.request({
      operation: 'getGames',
      method: 'GET',
      path: this.paths.games,
      idempotent: true,
      schema: listEnvelope(gameSchema),
    });
    if (!data.success) throw new ResellerError('gamexbulk', 'bad_response', `getGames: ${data.error.code}`);
    return data.data;
  }

  async categories(gameId?: string): Promise<Array<{ id: string; name: string; game_id?: string | null | undefined }>> {
    const { data } = await this.client.request({
      operation: 'getCategories',
      method: 'GET',
      path: this.paths.categories,
      query: { game_id: gameId },
      idempotent: true,
      schema: listEnvelope(categorySchema),
    });
    if (!data.success) throw new ResellerError('gamexbulk', 'bad_response', `getCategories: ${data.error.code}`);
    return data.data;
  }

  private async scan(filter: Filter, sku: string): Promise<WireProduct | undefined> {
    for (let page = 1; ; page++) {
      const { products, lastPage } = await this.fetchPage(page, filter);
      const hit = products.find((p) => p.id === sku);
      if (hit) return hit;
      if (lastPage === undefined || page >= lastPage || products.length === 0) return undefined;
    }
  }

  private async fetchPage(page: number, filter: Filter): Promise<{ products: WireProduct[]; lastPage?: number }> {
    const { data } = await this.client.request({
      operation: 'getProducts',
      method: 'GET',
      path: this.paths.products,
      query: { ...filter, page, per_page: PRODUCTS_PER_PAGE },
      idempotent: true,
      schema: listEnvelope(productSchema),
    });
    if (!data.success) throw new ResellerError('gamexbulk', 'bad_response', `getProducts: ${data.error.code}`);
    for (const product of data.data) {
      const type = product.type === 'voucher' ? 'voucher' : 'topup';
      this.knownProducts.set(product.id, {
        ...(product.category_id ? { categoryId: product.category_id } : {}),
        type,
        ...(product.validation_optional !== undefined ? { validationOptional: product.validation_optional } : {}),
      });
    }
    // Without page metadata there is no telling whether `page` is honoured: one page only.
    return { products: data.data, ...(data.meta ? { lastPage: data.meta.last_page } : {}) };
  }

  private async normalize(products: WireProduct[]): Promise<ResellerProduct[]> {
    const currency = await this.currency();
    if (!this.names && products.some(needsNames)) {
      const [games, categories] = await Promise.all([this.games(), this.categories()]);
      this.names = {
        games: new Map(games.map((g) => [g.id, g.name])),
        categories: new Map(categories.map((c) => [c.id, c.name])),
      };
    }
    const names = this.names ?? { games: new Map(), categories: new Map() };
    return products.map((p) => toResellerProduct(p, currency, names)).filter((p): p is ResellerProduct => p !== undefined);
  }
}
