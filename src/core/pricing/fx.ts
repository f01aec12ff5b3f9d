import { fail, ok, type Failure, type Result } from '../errors.js';
import { Dec, Money } from '../money.js';

/**
 * One exchange rate: `1 base = rate quote`.
 *
 * `takenAt` is when the rate was observed. Rates from a reseller (Lapakgaming reports its
 * own) or set by an admin always carry it and go stale after the table's maximum age. A
 * manual rate from the `FX_RATES` setting has `takenAt: null` and never goes stale: the
 * owner typed it and is responsible for keeping it current.
 */
export interface FxRate {
  base: string;
  quote: string;
  rate: Dec;
  /** Who said so: `config`, `admin`, or a reseller id. */
  source: string;
  takenAt: Date | null;
}

export interface FxTableOptions {
  /** A timestamped rate older than this refuses to price (`FX_MAX_AGE_MINUTES`). */
  maxAgeMinutes: number;
  /** The currency cross rates go through; USD because resellers quote against it. */
  pivot?: string;
}

const pairKey = (base: string, quote: string) => `${base}:${quote}`;

/** One way to get from one currency to another: each step multiplies or divides by a rate. */
type Step = { rate: FxRate; invert: boolean };

/**
 * The exchange rates the shop prices with. Immutable; build a new table when rates change.
 *
 * Arithmetic is decimal with 40 significant digits (`Dec`), so multiplying is exact for any
 * amount and rate the shop meets; only an inverse rate (dividing) can have an endless
 * expansion, which is cut at 40 digits — far below any currency's minor unit. Nothing is
 * rounded to a minor unit here: pricing rounds once, at the end.
 */
export class FxTable {
  private readonly byPair = new Map<string, FxRate>();
  private readonly maxAgeMs: number;
  private readonly pivot: string;

  constructor(rates: Iterable<FxRate>, options: FxTableOptions) {
    if (!(options.maxAgeMinutes > 0)) throw new RangeError('maxAgeMinutes must be positive');
    this.maxAgeMs = options.maxAgeMinutes * 60_000;
    this.pivot = options.pivot ?? 'USD';
    for (const rate of rates) {
      if (!rate.rate.isFinite() || !rate.rate.greaterThan(0)) {
        throw new RangeError(`FX rate ${pairKey(rate.base, rate.quote)} must be positive`);
      }
      // A later rate for the same pair replaces an earlier one.
      this.byPair.set(pairKey(rate.base, rate.quote), { ...rate, rate: new Dec(rate.rate) });
    }
  }

  /** Every rate in the table, for admin views. */
  rates(): FxRate[] {
    return [...this.byPair.values()];
  }

  /** The rate stored for exactly this direction, if any. */
  find(base: string, quote: string): FxRate | undefined {
    return this.byPair.get(pairKey(base, quote));
  }

  /** A rate that is stale at `now`; manual rates (`takenAt: null`) never are. */
  isStale(rate: FxRate, now: Date): boolean {
    return rate.takenAt !== null && now.getTime() - rate.takenAt.getTime() > this.maxAgeMs;
  }

  /**
   * `money` in `toCurrency`, unrounded. Tries, in order: the direct rate, the inverse of the
   * reverse rate, then a cross through the pivot (USD) built from either direction of each
   * leg. The first path whose rates are all fresh wins.
   *
   * Fails with `stale_fx_rate` when paths exist but each uses a rate older than the maximum
   * age (we would rather not sell than sell at a price from an old rate), and with
   * `not_for_sale` when no rate connects the two currencies at all.
   */
  convert(money: Money, toCurrency: string, now: Date): Result<Money> {
    const from = money.currency;
    if (from === toCurrency) return ok(money);
    const paths = this.paths(from, toCurrency);
    if (paths.length === 0) return fail('not_for_sale', `no FX rate from ${from} to ${toCurrency}`);
    const fresh = paths.find((path) => path.every((step) => !this.isStale(step.rate, now)));
    if (!fresh) return this.staleFailure(paths[0] ?? [], now);
    let amount = money.amount;
    for (const step of fresh) {
      amount = step.invert ? amount.dividedBy(step.rate.rate) : amount.times(step.rate.rate);
    }
    return ok(Money.of(amount, toCurrency));
  }

  private legs(from: string, to: string): Step[][] {
    const direct = this.find(from, to);
    const reverse = this.find(to, from);
    const legs: Step[][] = [];
    if (direct) legs.push([{ rate: direct, invert: false }]);
    if (reverse) legs.push([{ rate: reverse, invert: true }]);
    return legs;
  }

  private paths(from: string, to: string): Step[][] {
    const paths = this.legs(from, to);
    if (from !== this.pivot && to !== this.pivot) {
      for (const first of this.legs(from, this.pivot)) {
        for (const second of this.legs(this.pivot, to)) paths.push([...first, ...second]);
      }
    }
    return paths;
  }

  private staleFailure(path: Step[], now: Date): Failure<'stale_fx_rate'> {
    const stale = path.find((step) => this.isStale(step.rate, now))?.rate;
    const minutes = this.maxAgeMs / 60_000;
    const detail = stale
      ? `FX rate ${pairKey(stale.base, stale.quote)} from ${stale.source} taken ${stale.takenAt?.toISOString()} is older than ${minutes} minutes`
      : 'FX rate is stale';
    return fail('stale_fx_rate', detail, stale ? { pair: pairKey(stale.base, stale.quote) } : undefined);
  }
}

/**
 * Rates to build an {@link FxTable} from: the recorded rates (admin, resellers) plus the
 * manual config rates for pairs nobody records. A recorded rate for either direction of a
 * pair drops the config rate for it, so a live feed is never shadowed by a typed-in
 * fallback that would keep pricing after the feed went stale.
 */
export function mergeRates(configRates: readonly FxRate[], recordedRates: readonly FxRate[]): FxRate[] {
  const recorded = new Set(recordedRates.flatMap((r) => [pairKey(r.base, r.quote), pairKey(r.quote, r.base)]));
  return [...configRates.filter((r) => !recorded.has(pairKey(r.base, r.quote))), ...recordedRates];
}

const plainDecimal = /^\d+(\.\d+)?$/;
const pairPattern = /^([A-Za-z]{3}):([A-Za-z]{3})$/;

/**
 * Parses the `FX_RATES` setting, e.g. `"IDR:USD=0.0000625, BDT:USD=0.0082"`: comma-separated
 * `BASE:QUOTE=rate` entries meaning `1 BASE = rate QUOTE`. The rates are manual
 * (`source: 'config'`, `takenAt: null`) and never go stale. Every bad entry is reported,
 * each naming the entry, in `detail`.
 */
export function parseFxRatesConfig(value: string): Result<FxRate[], 'invalid_input'> {
  const rates: FxRate[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [pair = '', rate, ...rest] = entry.split('=').map((s) => s.trim());
    const match = pairPattern.exec(pair);
    if (!match || rate === undefined || rest.length > 0) {
      problems.push(`"${entry}": expected BASE:QUOTE=rate, e.g. IDR:USD=0.0000625`);
      continue;
    }
    const base = match[1]!.toUpperCase();
    const quote = match[2]!.toUpperCase();
    const name = pairKey(base, quote);
    if (base === quote) {
      problems.push(`${name}: base and quote are the same currency`);
    } else if (!plainDecimal.test(rate) || new Dec(rate).isZero()) {
      problems.push(`${name}: rate "${rate}" must be a positive decimal number such as 0.0082`);
    } else if (seen.has(name)) {
      problems.push(`${name}: given more than once`);
    } else if (seen.has(pairKey(quote, base))) {
      // Two directions could disagree; which one wins would be a guess.
      problems.push(`${name}: ${pairKey(quote, base)} is also given; give one direction only`);
    } else {
      seen.add(name);
      rates.push({ base, quote, rate: new Dec(rate), source: 'config', takenAt: null });
    }
  }
  if (problems.length > 0) return fail('invalid_input', `FX_RATES: ${problems.join('; ')}`);
  return ok(rates);
}
