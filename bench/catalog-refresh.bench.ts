import pino from 'pino';
import { CatalogService } from '../src/core/catalog/catalog-service.js';
import { SearchIndex } from '../src/core/catalog/search.js';
import type { ResellerProduct } from '../src/core/catalog/types.js';
import type { Reseller } from '../src/core/ports/reseller.js';
import type { CatalogRuleRepository } from '../src/core/ports/storage.js';
import { syntheticCatalog } from './synthetic-catalog.js';

/**
 * A 50,000-product catalog refresh while the bot keeps handling messages: how long the event
 * loop stalls at worst (p100 of the loop delay) during the refresh, against the baseline of
 * building the same search index in one synchronous step. Last line: one JSON record.
 */

const PRODUCTS = 50_000;
const products: ResellerProduct[] = syntheticCatalog(PRODUCTS).map((listing) => ({ ...listing.offers[0]!, name: listing.name, resellerId: 'bench' }));
const reseller = {
  id: 'bench',
  displayName: 'bench',
  capabilities: { webhooks: false, playerCheck: false, quantityOrders: false, balance: false, statusByReference: false, idempotentOrders: false },
  async listCatalog(cursor?: string) {
    const start = Number(cursor ?? 0);
    return { products: products.slice(start, start + 1000), ...(start + 1000 < products.length ? { next: String(start + 1000) } : {}) };
  },
} as unknown as Reseller;
const rules: CatalogRuleRepository = { list: async () => [], upsert: async () => {}, remove: async () => {} };

/** Runs `work` while a 2 ms ticker records the gaps between its ticks: a gap is a stall. */
async function measure(work: () => Promise<unknown>) {
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 2);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 10)); // one more tick, so a stall at the very end counts
  clearInterval(ticker);
  gaps.sort((a, b) => a - b);
  const p99 = gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.99))] ?? 0;
  return { ms: Math.round(ms), maxStallMs: Math.round(gaps.at(-1) ?? 0), p99StallMs: Math.round(p99) };
}

const catalog = new CatalogService({ resellers: [reseller], rules, logger: pino({ level: 'silent' }) });
await catalog.refresh(); // warm-up: JIT and caches
const refresh = await measure(() => catalog.refresh());
const listings = syntheticCatalog(PRODUCTS);
const baseline = await measure(async () => new SearchIndex(listings));

console.log(`catalog refresh of ${PRODUCTS} products: ${refresh.ms} ms, worst event-loop stall ${refresh.maxStallMs} ms (p99 ${refresh.p99StallMs} ms)`);
console.log(`baseline, one synchronous index build: ${baseline.ms} ms, stall ${baseline.maxStallMs} ms`);
console.log(
  JSON.stringify({
    bench: 'catalog_refresh',
    products: PRODUCTS,
    refresh_ms: refresh.ms,
    max_stall_ms: refresh.maxStallMs,
    p99_stall_ms: refresh.p99StallMs,
    baseline: { sync_index_build_ms: baseline.ms, sync_stall_ms: baseline.maxStallMs },
  }),
);
