import { createHash } from 'node:crypto';
import type { CoreLogger } from '../clock.js';
import type { CatalogRule, CatalogRuleRepository } from '../ports/storage.js';
import { ResellerError, type Reseller } from '../ports/reseller.js';
import { parseDenomination } from './denomination.js';
import { normalizeSearchText } from './search-normalize.js';
import { SearchIndex, type SearchResult } from './search.js';
import type { Listing, Offer, PlayerFieldSpec, ResellerProduct } from './types.js';

export interface RefreshReport {
  reseller: string;
  ok: boolean;
  products: number;
  /** Why it failed; the previous products are still served. */
  error?: string;
}

interface Snapshot {
  listings: Listing[];
  byId: Map<string, Listing>;
  index: SearchIndex;
  games: string[];
  builtAt: Date;
}

const emptySnapshot = (): Snapshot => ({ listings: [], byId: new Map(), index: new SearchIndex([]), games: [], builtAt: new Date(0) });

/** The key that merges the same item from several resellers into one listing. */
export function listingKey(product: ResellerProduct): string {
  if (!product.game) {
    // A voucher without a game is its brand: only the same name merges ("Steam Wallet 10 USD"
    // never joins "Gift Card 10 USD" just because both sit in "Gift Cards").
    return `${product.type}|-|${normalizeSearchText(product.name)}|${normalizeSearchText(product.region ?? 'global')}`;
  }
  const denomination = product.denomination ?? parseDenomination(product.name);
  const what = denomination ? `${denomination.amount} ${denomination.unit}` : normalizeSearchText(product.name);
  const game = normalizeSearchText(product.game);
  const region = normalizeSearchText(product.region ?? 'global');
  return `${product.type}|${game}|${what}|${region}`;
}

/** Short and stable: fits in chat button data (Telegram allows 64 bytes). */
export function listingIdFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

export const offerIdOf = (product: { resellerId: string; sku: string }) => `${product.resellerId}:${product.sku}`;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Fields every offer of a listing needs: a field any offer requires is required. */
function mergeFields(offers: Offer[]): PlayerFieldSpec[] {
  const merged = new Map<string, PlayerFieldSpec>();
  for (const offer of offers) {
    for (const field of offer.playerFields) {
      const known = merged.get(field.key);
      merged.set(field.key, known ? { ...known, required: known.required || field.required, options: known.options ?? field.options } : { ...field });
    }
  }
  return [...merged.values()];
}

/**
 * The unified catalog: every enabled reseller's products merged into listings, the shop
 * owner's rules applied, and a search index over them. A refresh replaces the snapshot in
 * one step; a reseller that fails keeps serving its previous products.
 */
export class CatalogService {
  private snapshot: Snapshot = emptySnapshot();
  private readonly products = new Map<string, ResellerProduct[]>();
  private rules: CatalogRule[] = [];
  private refreshing: Promise<RefreshReport[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      resellers: Reseller[];
      rules: CatalogRuleRepository;
      logger: CoreLogger;
      /** Pages fetched per reseller at most, a guard against a cursor that never ends. */
      maxPages?: number;
    },
  ) {}

  /** Fetches every reseller's catalog (concurrently) and rebuilds; one refresh at a time. */
  refresh(): Promise<RefreshReport[]> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<RefreshReport[]> {
    const reports = await Promise.all(this.deps.resellers.map((reseller) => this.fetchReseller(reseller)));
    this.rules = await this.deps.rules.list();
    await this.rebuild();
    return reports;
  }

  private async fetchReseller(reseller: Reseller): Promise<RefreshReport> {
    const products: ResellerProduct[] = [];
    try {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await reseller.listCatalog(cursor);
        products.push(...page.products);
        cursor = page.next;
        pages++;
        await yieldToEventLoop();
      } while (cursor && pages < (this.deps.maxPages ?? 1000));
      this.products.set(reseller.id, products);
      return { reseller: reseller.id, ok: true, products: products.length };
    } catch (error) {
      const message = error instanceof ResellerError ? error.message : error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ reseller: reseller.id, err: message }, 'catalog refresh failed; keeping the previous catalog');
      return { reseller: reseller.id, ok: false, products: this.products.get(reseller.id)?.length ?? 0, error: message };
    }
  }

  /** Re-reads the owner's rules and rebuilds from the products already fetched. */
  async reloadRules(): Promise<void> {
    this.rules = await this.deps.rules.list();
    await this.rebuild();
  }

  /** A reseller's product callback: updates one offer's cost or stock at once. */
  async applyProductUpdate(resellerId: string, update: Partial<ResellerProduct> & { sku: string }): Promise<boolean> {
    const list = this.products.get(resellerId);
    const index = list?.findIndex((p) => p.sku === update.sku) ?? -1;
    if (!list || index < 0) return false;
    list[index] = { ...list[index]!, ...update, resellerId };
    await this.rebuild();
    return true;
  }

  private rule(scope: CatalogRule['scope'], target: string): CatalogRule | undefined {
    return this.rules.find((r) => r.scope === scope && r.target === target);
  }

  private async rebuild(): Promise<void> {
    const groups = new Map<string, { key: string; offers: Offer[] }>();
    let seen = 0;
    for (const [resellerId, products] of this.products) {
      if (this.rule('reseller', resellerId)?.enabled === false) continue;
      for (const product of products) {
        if (++seen % 1_000 === 0) await yieldToEventLoop();
        const offerId = offerIdOf(product);
        const gameKey = normalizeSearchText(product.game ?? '');
        if (product.game && this.rule('game', gameKey)?.enabled === false) continue;
        if (this.rule('category', `${gameKey}/${normalizeSearchText(product.category)}`)?.enabled === false) continue;
        if (this.rule('offer', offerId)?.enabled === false) continue;
        const key = listingKey(product);
        const group = groups.get(key) ?? { key, offers: [] };
        group.offers.push({ ...product, offerId, enabled: true });
        groups.set(key, group);
      }
    }
    const listings: Listing[] = [];
    let built = 0;
    for (const { key, offers } of groups.values()) {
      if (++built % 1_000 === 0) await yieldToEventLoop();
      const id = listingIdFor(key);
      const listingRule = this.rule('listing', id);
      if (listingRule?.enabled === false) continue;
      // Cheapest first by cost in one currency; pricing re-ranks across currencies at sale time.
      offers.sort((a, b) => (a.cost.currency === b.cost.currency ? a.cost.compare(b.cost) : a.cost.currency.localeCompare(b.cost.currency)));
      const first = offers[0]!;
      const denomination = first.denomination ?? parseDenomination(first.name);
      const gameRule = first.game ? this.rule('game', normalizeSearchText(first.game)) : undefined;
      listings.push({
        id,
        game: first.game,
        category: first.category,
        name: first.name,
        displayName: listingRule?.displayName ?? first.name,
        region: first.region,
        type: first.type,
        ...(denomination ? { denomination } : {}),
        featured: Boolean(listingRule?.featured ?? gameRule?.featured ?? false),
        offers,
        playerFields: mergeFields(offers),
      });
    }
    await yieldToEventLoop();
    // Plain code-unit comparison: localeCompare over 50,000 listings alone stalls for ~1 s.
    listings.sort((a, b) => Number(b.featured) - Number(a.featured) || compareText(a.game ?? '', b.game ?? '') || compareDenominations(a, b));
    await yieldToEventLoop();
    const index = await SearchIndex.build(listings);
    const games = [...new Set(listings.map((l) => l.game).filter((g): g is string => Boolean(g)))];
    this.snapshot = { listings, byId: new Map(listings.map((l) => [l.id, l])), index, games, builtAt: new Date() };
  }

  get size(): number {
    return this.snapshot.listings.length;
  }

  get builtAt(): Date {
    return this.snapshot.builtAt;
  }

  listing(id: string): Listing | undefined {
    return this.snapshot.byId.get(id);
  }

  search(query: string, page = 1, pageSize = 8): SearchResult {
    return this.snapshot.index.search(query, { page, pageSize });
  }

  /** Games with featured ones first, then by name; vouchers without a game are grouped by category. */
  games(): string[] {
    const featured = new Set(this.snapshot.listings.filter((l) => l.featured && l.game).map((l) => l.game!));
    return [...this.snapshot.games].sort((a, b) => Number(featured.has(b)) - Number(featured.has(a)) || a.localeCompare(b));
  }

  /** Voucher categories that have no game ("Gift Cards"). */
  gamelessCategories(): string[] {
    return [...new Set(this.snapshot.listings.filter((l) => !l.game).map((l) => l.category))].sort();
  }

  categories(game: string | null): string[] {
    return [...new Set(this.snapshot.listings.filter((l) => l.game === game).map((l) => l.category))];
  }

  listings(filter: { game: string | null; category?: string }, page = 1, pageSize = 8): { total: number; items: Listing[] } {
    const all = this.snapshot.listings.filter((l) => l.game === filter.game && (!filter.category || l.category === filter.category));
    return { total: all.length, items: all.slice((page - 1) * pageSize, page * pageSize) };
  }

  /** Periodic refresh, the first at once unless told otherwise. Errors are logged, never thrown. */
  start(intervalMs: number, options: { immediately?: boolean } = {}): void {
    const run = () =>
      void this.refresh().catch((error: unknown) => this.deps.logger.error({ err: error }, 'catalog refresh crashed'));
    if (options.immediately ?? true) run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => undefined);
  }
}

function compareDenominations(a: Listing, b: Listing): number {
  const x = a.denomination ? Number.parseFloat(a.denomination.amount) : Number.POSITIVE_INFINITY;
  const y = b.denomination ? Number.parseFloat(b.denomination.amount) : Number.POSITIVE_INFINITY;
  // Ordering only, never money: a pack size as a float is fine here.
  return x - y || compareText(a.displayName, b.displayName);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
