import type { ResellerProduct } from '../../core/catalog/types.js';
import type { CatalogPage } from '../../core/ports/reseller.js';
import type { LapakgamingApi } from './lapakgaming.api.js';
import { categoryInfo, toResellerProduct, type CategoryInfo } from './lapakgaming.catalog.js';
import type { Enveloped, WireProduct } from './lapakgaming.wire.js';

export interface CatalogIndexOptions {
  resellerId: string;
  country: string;
  extraIpCodes: ReadonlySet<string>;
  ttlMs: number;
  /** Unwraps a read's envelope or throws the adapter's typed error. */
  read: <T>(answer: Enveloped<T>, what: string) => T;
}

/** An unknown sku triggers at most one catalog refresh per minute. */
const MISS_REFRESH_MS = 60_000;
const CURSOR = /^category:(\d+)$/;

/**
 * Categories (player forms, servers) and which category each sku belongs to. Product
 * callbacks, quotes and orders name only a product code, so this index supplies the rest.
 */
export class LapakgamingCatalogIndex {
  private categories = new Map<string, CategoryInfo>();
  private categoryCodes: string[] = [];
  private categoriesAt = Number.NEGATIVE_INFINITY;
  private categoriesLoading: Promise<void> | undefined;
  private readonly skuCategory = new Map<string, string>();
  private indexAt = Number.NEGATIVE_INFINITY;
  private indexLoading: Promise<WireProduct[]> | undefined;

  constructor(
    private readonly api: LapakgamingApi,
    private readonly options: CatalogIndexOptions,
  ) {}

  /**
   * One catalog page. Get All Products (with `category_code` since v1.4) gives the whole
   * catalog in one page; when its products lack `category_code` (the older shape), the
   * walk goes category by category through Get Products, one category per page.
   */
  async page(cursor?: string): Promise<CatalogPage> {
    if (cursor === undefined) {
      await this.loadCategories(true);
      const all = await this.loadIndex();
      if (all.every((p) => p.category_code)) return { products: this.normalize(all) };
      return this.categoryPage(0);
    }
    const match = CURSOR.exec(cursor);
    if (!match?.[1]) throw new RangeError(`not a Lapakgaming catalog cursor: ${cursor}`);
    await this.loadCategories(false);
    return this.categoryPage(Number(match[1]));
  }

  /** The category of a sku: from the hint, the index, or one refresh of the index. */
  async categoryOf(sku: string, hint?: string): Promise<CategoryInfo | undefined> {
    let code = hint ?? this.skuCategory.get(sku);
    if (!code && Date.now() - this.indexAt > MISS_REFRESH_MS) {
      await this.loadIndex();
      code = this.skuCategory.get(sku);
    }
    return code ? this.category(code) : undefined;
  }

  /** A category by code, refreshing the categories once if it is unknown or stale. */
  async category(code: string): Promise<CategoryInfo | undefined> {
    await this.loadCategories(false);
    if (!this.categories.has(code) && Date.now() - this.categoriesAt > MISS_REFRESH_MS) await this.loadCategories(true);
    return this.categories.get(code);
  }

  private async categoryPage(position: number): Promise<CatalogPage> {
    const code = this.categoryCodes[position];
    if (code === undefined) return { products: [] };
    const answer = await this.api.products({ category_code: code, country_code: this.options.country });
    const products = this.options.read(answer, `products of ${code}`).map((p) => ({ ...p, category_code: p.category_code ?? code }));
    for (const p of products) this.skuCategory.set(p.code, code);
    const next = position + 1 < this.categoryCodes.length ? `category:${position + 1}` : undefined;
    return { products: this.normalize(products), ...(next ? { next } : {}) };
  }

  /**
   * Products we can describe. One without a known category is left out: without its
   * player forms it could not be sold safely.
   */
  private normalize(products: WireProduct[]): ResellerProduct[] {
    const seen = new Set<string>();
    const out: ResellerProduct[] = [];
    for (const product of products) {
      const category = product.category_code ? this.categories.get(product.category_code) : undefined;
      if (!category || seen.has(product.code)) continue;
      seen.add(product.code);
      try {
        out.push(toResellerProduct(this.options.resellerId, product, category, this.options.country));
      } catch {
        // An unreadable price leaves this product out rather than the whole catalog.
      }
    }
    return out;
  }

  private async loadCategories(force: boolean): Promise<void> {
    if (!force && Date.now() - this.categoriesAt < this.options.ttlMs) return;
    this.categoriesLoading ??= (async () => {
      const answer = await this.api.categories(this.options.country);
      const list = this.options.read(answer, 'categories');
      this.categories = new Map(list.map((c) => [c.code, categoryInfo(c, this.options.extraIpCodes)]));
      this.categoryCodes = list.map((c) => c.code);
      this.categoriesAt = Date.now();
    })().finally(() => (this.categoriesLoading = undefined));
    await this.categoriesLoading;
  }

  private async loadIndex(): Promise<WireProduct[]> {
    this.indexLoading ??= (async () => {
      const answer = await this.api.allProducts(this.options.country);
      const products = this.options.read(answer, 'all products');
      for (const p of products) if (p.category_code) this.skuCategory.set(p.code, p.category_code);
      this.indexAt = Date.now();
      return products;
    })().finally(() => (this.indexLoading = undefined));
    return this.indexLoading;
  }
}
