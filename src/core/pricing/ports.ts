import type { Dec } from '../money.js';
import type { FxRate } from './fx.js';
import type { MarkupRule, MarkupScope } from './pricing.js';

/** A rate someone observed at a known time: an admin or a reseller. Config rates are never stored. */
export type RecordedFxRate = FxRate & { takenAt: Date };

/**
 * Durable markup rules and FX rates. Storage keeps percents to 4 decimal places and rates
 * to 12; the pricing service validates before it writes, so nothing is rounded silently.
 */
export interface PricingStore {
  /** Every markup rule, in no promised order. */
  listMarkupRules(): Promise<MarkupRule[]>;
  /** Creates or replaces the one rule for (scope, target); returns it as stored. */
  setMarkupRule(scope: MarkupScope, target: string, percent: Dec): Promise<MarkupRule>;
  /** Deletes the rule for (scope, target); `false` when there was none. */
  removeMarkupRule(scope: MarkupScope, target: string): Promise<boolean>;
  /** Every recorded rate, one per (base, quote). */
  listFxRates(): Promise<RecordedFxRate[]>;
  /**
   * Stores a rate unless the stored one for the same (base, quote) was taken later: reports
   * can arrive out of order, and an older one must not replace a newer one. Returns whether
   * the rate was stored.
   */
  upsertFxRate(rate: RecordedFxRate): Promise<boolean>;
}
