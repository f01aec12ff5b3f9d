import { sql } from 'kysely';
import { Dec } from '../core/money.js';
import type { MarkupRule, MarkupScope } from '../core/pricing/pricing.js';
import type { PricingStore, RecordedFxRate } from '../core/pricing/ports.js';
import type { Db } from './database.js';

/** The `PricingStore` over the ledger database. `numeric` columns travel as strings both ways. */
export function createPricingStore(db: Db): PricingStore {
  const ruleColumns = ['scope', 'target', 'percent', 'updated_at'] as const;

  const toRule = (row: { scope: MarkupScope; target: string; percent: string; updated_at: Date }): MarkupRule => ({
    scope: row.scope,
    target: row.target,
    percent: new Dec(row.percent),
    updatedAt: row.updated_at,
  });

  return {
    async listMarkupRules() {
      const rows = await db
        .selectFrom('markup_rules')
        .select(ruleColumns)
        .orderBy('scope')
        .orderBy('target')
        .execute();
      return rows.map(toRule);
    },

    async setMarkupRule(scope, target, percent) {
      const row = await db
        .insertInto('markup_rules')
        .values({ scope, target, percent: percent.toFixed() })
        .onConflict((oc) =>
          oc.columns(['scope', 'target']).doUpdateSet({ percent: (eb) => eb.ref('excluded.percent'), updated_at: sql`now()` }),
        )
        .returning(ruleColumns)
        .executeTakeFirstOrThrow();
      return toRule(row);
    },

    async removeMarkupRule(scope, target) {
      const deleted = await db
        .deleteFrom('markup_rules')
        .where('scope', '=', scope)
        .where('target', '=', target)
        .returning('id')
        .execute();
      return deleted.length > 0;
    },

    async listFxRates() {
      const rows = await db.selectFrom('fx_rates').selectAll().orderBy('base').orderBy('quote').execute();
      return rows.map(
        (row): RecordedFxRate => ({
          base: row.base,
          quote: row.quote,
          rate: new Dec(row.rate),
          source: row.source,
          takenAt: row.taken_at,
        }),
      );
    },

    async upsertFxRate(rate) {
      // `returning` rather than an affected-row count: both drivers report it the same way.
      const stored = await db
        .insertInto('fx_rates')
        .values({ base: rate.base, quote: rate.quote, rate: rate.rate.toFixed(), source: rate.source, taken_at: rate.takenAt })
        .onConflict((oc) =>
          oc
            .columns(['base', 'quote'])
            .doUpdateSet({
              rate: (eb) => eb.ref('excluded.rate'),
              source: (eb) => eb.ref('excluded.source'),
              taken_at: (eb) => eb.ref('excluded.taken_at'),
            })
            .where('fx_rates.taken_at', '<=', (eb) => eb.ref('excluded.taken_at')),
        )
        .returning('base')
        .execute();
      return stored.length > 0;
    },
  };
}
