import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/core/catalog/catalog-service.js';
import type { ResellerProduct } from '../../src/core/catalog/types.js';
import { Money } from '../../src/core/money.js';
import { ResellerError, type Reseller } from '../../src/core/ports/reseller.js';
import type { Storage } from '../../src/core/ports/storage.js';
import { createStorage } from '../../src/storage/storage.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';

function product(resellerId: string, sku: string, name: string, cost: string, extra: Partial<ResellerProduct> = {}): ResellerProduct {
  return {
    resellerId,
    sku,
    game: 'PUBG Mobile',
    category: 'UC',
    name,
    region: 'Global',
    type: 'topup',
    playerFields: [{ key: 'player_id', label: 'Player ID', required: true, pattern: '\\d+' }],
    cost: Money.of(cost, 'USD'),
    inStock: true,
    ...extra,
  };
}

/** A reseller serving a fixed list, that can be told to fail. */
function listReseller(id: string, products: ResellerProduct[]): Reseller & { down: boolean; products: ResellerProduct[] } {
  const self = {
    id,
    displayName: id,
    down: false,
    products,
    capabilities: { webhooks: false, playerCheck: false, quantityOrders: false, balance: false, statusByReference: false, idempotentOrders: false },
    async listCatalog(cursor?: string) {
      if (self.down) throw new ResellerError(id, 'unavailable', 'HTTP 503');
      const start = Number(cursor ?? 0);
      const page = self.products.slice(start, start + 2);
      return { products: page, ...(start + 2 < self.products.length ? { next: String(start + 2) } : {}) };
    },
  } as unknown as Reseller & { down: boolean; products: ResellerProduct[] };
  return self;
}

describe('catalog', () => {
  let database: TestDatabase;
  let storage: Storage;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    storage = createStorage(database.handle.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  function catalogOf(...resellers: Reseller[]) {
    return new CatalogService({ resellers, rules: storage.catalogRules, logger: pino({ level: 'silent' }) });
  }

  it('merges the same item from several resellers into one listing with its offers, cheapest first', async () => {
    const a = listReseller('alpha', [product('alpha', 'a60', 'PUBG Mobile 60 UC', '0.95'), product('alpha', 'a600', 'PUBG Mobile 600 UC', '9.10')]);
    const b = listReseller('beta', [product('beta', 'b60', 'PUBG Mobile UC 60', '0.90', { playerFields: [{ key: 'player_id', label: 'ID', required: true }, { key: 'zone', label: 'Zone', required: false }] })]);
    const catalog = catalogOf(a, b);
    await catalog.refresh();
    expect(catalog.size).toBe(2);
    const sixty = catalog.search('pubg 60').hits[0]!.listing;
    expect(sixty.offers.map((o) => o.offerId)).toEqual(['beta:b60', 'alpha:a60']);
    expect(sixty.playerFields.map((f) => f.key)).toEqual(['player_id', 'zone']);
    expect(catalog.listing(sixty.id)).toBe(sixty);
  });

  it('keeps serving a reseller’s previous products while it is down', async () => {
    const a = listReseller('alpha', [product('alpha', 'a60', 'PUBG Mobile 60 UC', '0.95')]);
    const catalog = catalogOf(a);
    await catalog.refresh();
    a.down = true;
    const reports = await catalog.refresh();
    expect(reports).toEqual([{ reseller: 'alpha', ok: false, products: 1, error: expect.stringContaining('503') }]);
    expect(catalog.size).toBe(1);
  });

  it('applies the owner’s rules on every refresh: disabled reseller, game and listing, rename, featured', async () => {
    const a = listReseller('alpha', [
      product('alpha', 'a60', 'PUBG Mobile 60 UC', '0.95'),
      product('alpha', 'ml86', 'Mobile Legends 86 Diamonds', '1.50', { game: 'Mobile Legends', category: 'Diamonds' }),
      product('alpha', 'steam10', 'Steam Wallet 10 USD', '10.00', { game: null, category: 'Gift Cards', type: 'voucher', playerFields: [] }),
    ]);
    const b = listReseller('beta', [product('beta', 'b60', 'PUBG Mobile 60 UC', '0.90')]);
    const catalog = catalogOf(a, b);
    await catalog.refresh();
    const sixty = catalog.search('pubg 60').hits[0]!.listing;
    await storage.catalogRules.upsert({ scope: 'reseller', target: 'beta', enabled: false, displayName: null, featured: null });
    await storage.catalogRules.upsert({ scope: 'game', target: 'mobile legends', enabled: false, displayName: null, featured: null });
    await storage.catalogRules.upsert({ scope: 'listing', target: sixty.id, enabled: null, displayName: '60 UC — best seller', featured: true });
    await catalog.refresh();
    const renamed = catalog.listing(sixty.id)!;
    expect(renamed.displayName).toBe('60 UC — best seller');
    expect(renamed.featured).toBe(true);
    expect(renamed.offers.map((o) => o.resellerId)).toEqual(['alpha']);
    expect(catalog.games()).toEqual(['PUBG Mobile']);
    expect(catalog.gamelessCategories()).toEqual(['Gift Cards']);
    await storage.catalogRules.upsert({ scope: 'listing', target: sixty.id, enabled: false, displayName: null, featured: null });
    await catalog.reloadRules();
    expect(catalog.listing(sixty.id)).toBeUndefined();
    for (const rule of await storage.catalogRules.list()) await storage.catalogRules.remove(rule.scope, rule.target);
  });

  it('updates one offer at once from a reseller’s product callback', async () => {
    const a = listReseller('alpha', [product('alpha', 'a60', 'PUBG Mobile 60 UC', '0.95')]);
    const catalog = catalogOf(a);
    await catalog.refresh();
    expect(await catalog.applyProductUpdate('alpha', { sku: 'a60', cost: Money.of('1.05', 'USD'), inStock: false })).toBe(true);
    const offer = catalog.search('pubg 60').hits[0]!.listing.offers[0]!;
    expect(offer.cost.toString()).toBe('1.05 USD');
    expect(offer.inStock).toBe(false);
    expect(await catalog.applyProductUpdate('alpha', { sku: 'nope' })).toBe(false);
  });

  it('keeps answering while a 50,000-product refresh runs', async () => {
    const big = Array.from({ length: 50_000 }, (_, i) => product('bulk', `p${i}`, `Game ${i % 500} ${i} Coins`, '1.00', { game: `Game ${i % 500}` }));
    const bulk = { ...listReseller('bulk', []), listCatalog: async (cursor?: string) => {
      const start = Number(cursor ?? 0);
      return { products: big.slice(start, start + 1000), ...(start + 1000 < big.length ? { next: String(start + 1000) } : {}) };
    } } as Reseller;
    const catalog = catalogOf(bulk);
    // Count turns of the event loop during the refresh (not time: this must not flake on a busy
    // machine; bench:catalog measures the stalls). Each turn is a chance to handle a message.
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await catalog.refresh();
    running = false;
    expect(catalog.size).toBe(50_000);
    // 50 pages, 50 merge slices of 1,000 products, 50 listing slices and 25+ index slices.
    expect(turns).toBeGreaterThanOrEqual(150);
  });
});
