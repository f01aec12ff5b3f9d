import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Dec, Money } from '../src/core/money.js';
import { parseFxRatesConfig } from '../src/core/pricing/fx.js';
import { PricingService, type PricingServiceOptions } from '../src/core/pricing/pricing-service.js';
import type { PricingStore } from '../src/core/pricing/ports.js';
import { createPricingStore } from '../src/storage/pricing-store.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.js';

const t0 = new Date('2025-03-01T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const listing = { id: 'pubg-60-uc-global', game: 'PUBG Mobile' };
const idrOffer = { resellerId: 'lapakgaming', sku: 'PUBG60', cost: Money.of('16000', 'IDR') };

/** Counts loads, so a test can tell a cached policy from a rebuilt one. */
function counting(store: PricingStore) {
  const counter = { loads: 0 };
  const wrapped: PricingStore = {
    ...store,
    listMarkupRules: () => {
      counter.loads += 1;
      return store.listMarkupRules();
    },
  };
  return { store: wrapped, counter };
}

describe.each(databaseKinds)('pricing store on %s', (kind) => {
  let database: TestDatabase;
  let store: PricingStore;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    store = createPricingStore(database.handle.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await database.handle.db.deleteFrom('markup_rules').execute();
    await database.handle.db.deleteFrom('fx_rates').execute();
  });

  describe('markup rules', () => {
    it('keeps a percent exactly as set', async () => {
      const stored = await store.setMarkupRule('game', 'PUBG Mobile', new Dec('12.3456'));
      expect(stored.percent.toFixed()).toBe('12.3456');
      const [rule] = await store.listMarkupRules();
      expect(rule).toMatchObject({ scope: 'game', target: 'PUBG Mobile' });
      expect(rule?.percent.equals(new Dec('12.3456'))).toBe(true);
      expect(rule?.updatedAt).toBeInstanceOf(Date);
    });

    it('replaces the rule for the same scope and target instead of adding one', async () => {
      await store.setMarkupRule('reseller', 'xzian', new Dec('5'));
      await store.setMarkupRule('reseller', 'xzian', new Dec('7.5'));
      const rules = await store.listMarkupRules();
      expect(rules.map((r) => [r.scope, r.target, r.percent.toFixed()])).toEqual([['reseller', 'xzian', '7.5']]);
    });

    it('removes a rule and says whether there was one', async () => {
      await store.setMarkupRule('listing', listing.id, new Dec('3'));
      expect(await store.removeMarkupRule('listing', listing.id)).toBe(true);
      expect(await store.removeMarkupRule('listing', listing.id)).toBe(false);
      expect(await store.listMarkupRules()).toEqual([]);
    });
  });

  describe('FX rates', () => {
    it('keeps a rate exactly, with its source and time', async () => {
      expect(await store.upsertFxRate({ base: 'IDR', quote: 'USD', rate: new Dec('0.0000625'), source: 'lapakgaming', takenAt: t0 })).toBe(true);
      const [rate] = await store.listFxRates();
      expect(rate).toMatchObject({ base: 'IDR', quote: 'USD', source: 'lapakgaming', takenAt: t0 });
      expect(rate?.rate.equals(new Dec('0.0000625'))).toBe(true);
    });

    it('replaces a rate with a later one', async () => {
      await store.upsertFxRate({ base: 'USD', quote: 'IDR', rate: new Dec('16000'), source: 'admin', takenAt: t0 });
      expect(await store.upsertFxRate({ base: 'USD', quote: 'IDR', rate: new Dec('16250.5'), source: 'lapakgaming', takenAt: at(10) })).toBe(true);
      const [rate] = await store.listFxRates();
      expect([rate?.rate.toFixed(), rate?.source, rate?.takenAt]).toEqual(['16250.5', 'lapakgaming', at(10)]);
    });

    it('ignores a report that arrives after a later one', async () => {
      await store.upsertFxRate({ base: 'USD', quote: 'IDR', rate: new Dec('16250'), source: 'lapakgaming', takenAt: at(10) });
      expect(await store.upsertFxRate({ base: 'USD', quote: 'IDR', rate: new Dec('15000'), source: 'lapakgaming', takenAt: t0 })).toBe(false);
      const [rate] = await store.listFxRates();
      expect(rate?.rate.toFixed()).toBe('16250');
    });
  });

  describe('pricing service', () => {
    let now: Date;
    const service = (overrides: Partial<PricingServiceOptions> = {}) =>
      new PricingService({
        store,
        displayCurrency: 'USD',
        defaultMarkupPercent: '10',
        minMarginPercent: '2',
        fxMaxAgeMinutes: 60,
        clock: () => now,
        ...overrides,
      });
    beforeEach(() => {
      now = t0;
    });

    it('prices with the markup an admin sets, without a restart', async () => {
      const pricing = service({ configRates: [{ base: 'IDR', quote: 'USD', rate: new Dec('0.0000625'), source: 'config', takenAt: null }] });
      const before = (await pricing.policy()).priceOffer(idrOffer, listing, now);
      expect(before.ok && before.value.price.toString()).toBe('1.10 USD');
      const set = await pricing.setMarkup('game', 'PUBG Mobile', '25');
      expect(set.ok && [set.value.scope, set.value.target, set.value.percent.toFixed()]).toEqual(['game', 'PUBG Mobile', '25']);
      const priced = (await pricing.policy()).priceOffer(idrOffer, listing, now);
      expect(priced).toMatchObject({ ok: true, value: { rule: { scope: 'game', target: 'PUBG Mobile' } } });
      expect(priced.ok && priced.value.price.toString()).toBe('1.25 USD');
    });

    it('refuses to sell on a stale reseller rate until a fresh one is recorded', async () => {
      const pricing = service();
      await pricing.recordRate({ base: 'USD', quote: 'IDR', rate: '16000', source: 'lapakgaming', takenAt: t0 });
      now = at(61);
      expect((await pricing.policy()).priceOffer(idrOffer, listing, now)).toMatchObject({ ok: false, code: 'stale_fx_rate' });
      expect(await pricing.recordRate({ base: 'usd', quote: 'idr', rate: '16000', source: 'lapakgaming', takenAt: at(60) })).toMatchObject({
        ok: true,
        value: { stored: true },
      });
      expect((await pricing.policy()).priceOffer(idrOffer, listing, now).ok).toBe(true);
    });

    it('prefers a recorded rate over the config rate for the same pair', async () => {
      const config = parseFxRatesConfig('IDR:USD=0.00005');
      if (!config.ok) throw new Error(config.detail);
      const pricing = service({ configRates: config.value });
      await pricing.recordRate({ base: 'USD', quote: 'IDR', rate: '16000', source: 'lapakgaming', takenAt: t0 });
      const priced = (await pricing.policy()).priceOffer(idrOffer, listing, now);
      expect(priced.ok && priced.value.cost.toString()).toBe('1.00 USD');
    });

    it('loads once and reuses the policy until something changes or it grows old', async () => {
      const { store: spied, counter } = counting(store);
      const pricing = service({ store: spied, reloadAfterMs: 60_000 });
      const [a, b] = await Promise.all([pricing.policy(), pricing.policy()]);
      expect(a).toBe(b);
      expect(await pricing.policy()).toBe(a);
      expect(counter.loads).toBe(1);
      await pricing.setMarkup('global', '', '12');
      expect(await pricing.policy()).not.toBe(a);
      expect(counter.loads).toBe(2);
      now = at(2);
      await pricing.policy();
      expect(counter.loads).toBe(3);
    });

    it('removes a markup so the next wider rule applies', async () => {
      const pricing = service();
      await pricing.setMarkup('reseller', 'lapakgaming', '20');
      await pricing.setMarkup('listing', listing.id, '30');
      expect(await pricing.removeMarkup('listing', listing.id)).toEqual({ ok: true, value: true });
      const { rule } = (await pricing.policy()).markupFor(idrOffer, listing);
      expect(rule).toEqual({ scope: 'reseller', target: 'lapakgaming' });
    });

    it.each([
      ['a percent above 1000', 'global', '*', '1000.01', 'from 0 to 1000'],
      ['a negative percent', 'global', '*', '-5', 'from 0 to 1000'],
      ['a negative decimal percent', 'global', '*', new Dec('-0.5'), 'from 0 to 1000'],
      ['a percent that is not a number', 'global', '*', 'ten', 'from 0 to 1000'],
      ['more than 4 decimals', 'global', '*', '1.23456', 'more than 4 decimals'],
      ['an unknown scope', 'category', 'UC Packages', '5', 'scope must be one of'],
      ['a target on a global rule', 'global', 'PUBG Mobile', '5', 'global markup has no target'],
      ['an empty target', 'game', '  ', '5', 'needs a target'],
      ['a listing the catalog does not know', 'listing', 'nope', '5', 'no listing "nope"'],
    ])('refuses a markup with %s', async (_name, scope, target, percent, message) => {
      const pricing = service({ targetExists: (_scope, value) => value !== 'nope' });
      const result = await pricing.setMarkup(scope, target, percent);
      expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(!result.ok && result.detail).toContain(message);
      expect(await store.listMarkupRules()).toEqual([]);
    });

    it.each([
      ['the same currency twice', { base: 'USD', quote: 'USD' }, 'two different'],
      ['a zero rate', { rate: '0' }, 'positive decimal'],
      ['a negative rate', { rate: new Dec('-0.5') }, 'positive decimal'],
      ['more than 12 decimals', { rate: '0.0000000000001' }, 'record USD:IDR instead'],
      ['no source', { source: ' ' }, 'needs a source'],
      ['a time in the future', { takenAt: at(10) }, 'invalid or future time'],
    ])('refuses a rate with %s', async (_name, change, message) => {
      const result = await service().recordRate({ base: 'IDR', quote: 'USD', rate: '0.0000625', source: 'lapakgaming', takenAt: t0, ...change });
      expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
      expect(!result.ok && result.detail).toContain(message);
      expect(await store.listFxRates()).toEqual([]);
    });
  });
});
