import { fail, ok, type Result } from '../errors.js';
import { Dec } from '../money.js';
import { FxTable, mergeRates, type FxRate } from './fx.js';
import { GLOBAL_TARGET, PricingPolicy, markupPrecedence, type MarkupRule, type MarkupScope } from './pricing.js';
import type { PricingStore, RecordedFxRate } from './ports.js';

export interface PricingServiceOptions {
  store: PricingStore;
  displayCurrency: string;
  defaultMarkupPercent: Dec | string;
  minMarginPercent: Dec | string;
  /** Manual rates from `FX_RATES` (see `parseFxRatesConfig`); a recorded rate for a pair wins. */
  configRates?: readonly FxRate[];
  fxMaxAgeMinutes: number;
  /**
   * Reload from the store after this long even without a change here, so a change made by
   * another process (a second bot instance) shows up. Default one minute.
   */
  reloadAfterMs?: number;
  clock?: () => Date;
  /** Checks that a listing, game or reseller named by an admin exists; absent, any is taken. */
  targetExists?: (scope: Exclude<MarkupScope, 'global'>, target: string) => boolean | Promise<boolean>;
}

/** What a reseller adapter or an admin reports; `rate` is `1 base = rate quote`. */
export interface RateReport {
  base: string;
  quote: string;
  rate: Dec | string;
  /** `admin` or the reseller id, e.g. `lapakgaming`. */
  source: string;
  takenAt: Date;
}

const MAX_MARKUP_PERCENT = new Dec(1000);
// The columns: markup_rules.percent numeric(10, 4), fx_rates.rate numeric(30, 12).
const PERCENT_DECIMALS = 4;
const RATE_DECIMALS = 12;
const RATE_INTEGER_DIGITS = 18;
// A rate "from the future" would stay fresh for longer than the maximum age allows.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const plainDecimal = /^\d+(\.\d+)?$/;

/** A non-negative decimal from admin or reseller input, or null; never a JS number. */
function decimalInput(value: Dec | string): Dec | null {
  if (typeof value === 'string') return plainDecimal.test(value.trim()) ? new Dec(value.trim()) : null;
  return value.isFinite() && !value.isNegative() ? new Dec(value) : null;
}

/**
 * Holds the current {@link PricingPolicy}: built from the stored markup rules and rates plus
 * the config rates, cached, and rebuilt after any change made through this service.
 */
export class PricingService {
  private cached: { policy: Promise<PricingPolicy>; loadedAt: number } | null = null;
  private readonly clock: () => Date;

  constructor(private readonly options: PricingServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    // Fails at startup, not at the first sale, on a bad currency or percent.
    this.build([], []);
  }

  /** The current policy; loads it on first use, after a change, and once it is older than `reloadAfterMs`. */
  policy(): Promise<PricingPolicy> {
    const now = this.clock().getTime();
    if (this.cached && now - this.cached.loadedAt < (this.options.reloadAfterMs ?? 60_000)) return this.cached.policy;
    const entry = { policy: this.load(), loadedAt: now };
    this.cached = entry;
    // A failed load is not cached: the next caller tries again.
    entry.policy.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return entry.policy;
  }

  /** Forgets the cached policy; the next `policy()` reloads. */
  invalidate(): void {
    this.cached = null;
  }

  /**
   * Sets the markup for a scope and target, as an admin asks. `percent` is 0..1000 with at
   * most 4 decimals; a `global` rule's target is `*` (an empty target is taken as `*`).
   */
  async setMarkup(scope: string, target: string, percent: Dec | string): Promise<Result<MarkupRule, 'invalid_input'>> {
    const checked = await this.checkTarget(scope, target);
    if (!checked.ok) return checked;
    const value = decimalInput(percent);
    if (value === null || value.greaterThan(MAX_MARKUP_PERCENT)) {
      return fail('invalid_input', `markup must be a percent from 0 to 1000, got "${String(percent)}"`);
    }
    if (value.decimalPlaces() > PERCENT_DECIMALS) {
      return fail('invalid_input', `markup has more than ${PERCENT_DECIMALS} decimals: ${value.toString()}`);
    }
    const rule = await this.options.store.setMarkupRule(checked.value.scope, checked.value.target, value);
    this.invalidate();
    return ok(rule);
  }

  /** Removes a markup rule; `false` when there was none. */
  async removeMarkup(scope: string, target: string): Promise<Result<boolean, 'invalid_input'>> {
    const checked = await this.checkTarget(scope, target, false);
    if (!checked.ok) return checked;
    const removed = await this.options.store.removeMarkupRule(checked.value.scope, checked.value.target);
    this.invalidate();
    return ok(removed);
  }

  /**
   * Records a rate reported by a reseller that provides FX (Lapakgaming) or set by an admin.
   * `stored` is false when a later rate for the pair is already stored. Rates with more than
   * 12 decimals are refused rather than silently rounded by storage: record the reverse pair.
   */
  async recordRate(report: RateReport): Promise<Result<{ rate: RecordedFxRate; stored: boolean }, 'invalid_input'>> {
    const base = report.base.trim().toUpperCase();
    const quote = report.quote.trim().toUpperCase();
    const name = `${base}:${quote}`;
    if (!/^[A-Z]{3}$/.test(base) || !/^[A-Z]{3}$/.test(quote) || base === quote) {
      return fail('invalid_input', `FX pair ${name} must be two different three-letter currency codes`);
    }
    const rate = decimalInput(report.rate);
    if (rate === null || rate.isZero()) return fail('invalid_input', `FX rate ${name} must be a positive decimal, got "${String(report.rate)}"`);
    if (rate.decimalPlaces() > RATE_DECIMALS || rate.truncated().toFixed().length > RATE_INTEGER_DIGITS) {
      const hint = `record ${quote}:${base} instead`;
      return fail('invalid_input', `FX rate ${name}=${rate.toFixed()} does not fit 18 digits before and 12 after the point; ${hint}`);
    }
    const source = report.source.trim();
    if (source === '' || source.length > 64) return fail('invalid_input', `FX rate ${name} needs a source of 1 to 64 characters`);
    const takenAt = report.takenAt;
    if (Number.isNaN(takenAt.getTime()) || takenAt.getTime() - this.clock().getTime() > MAX_CLOCK_SKEW_MS) {
      return fail('invalid_input', `FX rate ${name} has an invalid or future time`);
    }
    const recorded: RecordedFxRate = { base, quote, rate, source, takenAt };
    const stored = await this.options.store.upsertFxRate(recorded);
    if (stored) this.invalidate();
    return ok({ rate: recorded, stored });
  }

  private async checkTarget(
    scope: string,
    target: string,
    mustExist = true,
  ): Promise<Result<{ scope: MarkupScope; target: string }, 'invalid_input'>> {
    if (!(markupPrecedence as readonly string[]).includes(scope)) {
      return fail('invalid_input', `markup scope must be one of ${markupPrecedence.join(', ')}, got "${scope}"`);
    }
    const markupScope = scope as MarkupScope;
    const trimmed = target.trim();
    if (markupScope === 'global') {
      if (trimmed !== '' && trimmed !== GLOBAL_TARGET) return fail('invalid_input', `a global markup has no target, got "${target}"`);
      return ok({ scope: markupScope, target: GLOBAL_TARGET });
    }
    if (trimmed === '' || trimmed.length > 200) return fail('invalid_input', `a ${scope} markup needs a target of 1 to 200 characters`);
    // Removing a rule for something that has left the catalog must still work.
    if (mustExist && this.options.targetExists && !(await this.options.targetExists(markupScope, trimmed))) {
      return fail('invalid_input', `no ${scope} "${trimmed}" is known`);
    }
    return ok({ scope: markupScope, target: trimmed });
  }

  private async load(): Promise<PricingPolicy> {
    const [rules, rates] = await Promise.all([this.options.store.listMarkupRules(), this.options.store.listFxRates()]);
    return this.build(rules, rates);
  }

  private build(rules: readonly MarkupRule[], rates: readonly RecordedFxRate[]): PricingPolicy {
    const { displayCurrency, defaultMarkupPercent, minMarginPercent, configRates = [], fxMaxAgeMinutes } = this.options;
    const fx = new FxTable(mergeRates(configRates, rates), { maxAgeMinutes: fxMaxAgeMinutes });
    return new PricingPolicy({ displayCurrency, defaultMarkupPercent, minMarginPercent, rules, fx });
  }
}
