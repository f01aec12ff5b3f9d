import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { FxFeed, type FxSource } from '../../src/core/pricing/fx-feed.js';
import { PricingService } from '../../src/core/pricing/pricing-service.js';
import { createPricingStore } from '../../src/storage/pricing-store.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';

describe('exchange rates from a reseller', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('prices IDR costs with the published rate, and stops selling once that rate is stale', async () => {
    let now = new Date('2026-11-21T08:00:00Z');
    const pricing = new PricingService({
      store: createPricingStore(database.handle.db),
      displayCurrency: 'USD',
      defaultMarkupPercent: '10',
      minMarginPercent: '2',
      fxMaxAgeMinutes: 60,
      reloadAfterMs: 0,
      clock: () => now,
    });
    let available = true;
    const source: FxSource = {
      id: 'lapakgaming',
      async fxRate(base, quote) {
        if (!available) throw new Error('HTTP 503');
        expect([base, quote]).toEqual(['IDR', 'USD']);
        return { rate: '0.0000625', takenAt: now };
      },
    };
    const feed = new FxFeed({ pricing, sources: [{ source, pairs: [['IDR', 'USD']] }], logger: pino({ level: 'silent' }) });
    const offer = { resellerId: 'lapakgaming', sku: 'ML78_8-S2', cost: Money.of('16000', 'IDR') };
    const listing = { id: 'l1', game: 'Mobile Legends' };

    expect((await pricing.policy()).priceOffer(offer, listing, now).ok).toBe(false);
    expect(await feed.refresh()).toBe(1);
    const priced = (await pricing.policy()).priceOffer(offer, listing, now);
    expect(priced.ok && priced.value.price.toString()).toBe('1.10 USD');

    available = false;
    now = new Date(now.getTime() + 61 * 60_000);
    expect(await feed.refresh()).toBe(0);
    expect((await pricing.policy()).priceOffer(offer, listing, now)).toMatchObject({ ok: false, code: 'stale_fx_rate' });
  });
});
