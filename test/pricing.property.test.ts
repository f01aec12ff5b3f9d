import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, Money, currencyScale } from '../src/core/money.js';
import { FxTable, type FxRate } from '../src/core/pricing/fx.js';
import { PricingPolicy, applyCoupon } from '../src/core/pricing/pricing.js';

// Every amount, rate and percent here is built from bigints and decimal strings: a JS float
// never enters, so a failure is the code's, not the generator's.

const now = new Date('2025-03-01T12:00:00Z');
const currencies = ['USD', 'IDR', 'XTR', 'BDT', 'AZN'] as const;
const currency = fc.constantFrom(...currencies);

/** `mantissa × 10^-places` as an exact decimal string. */
const decimal = (max: bigint, maxPlaces: number, min = 0n) =>
  fc
    .tuple(fc.bigInt(min, max), fc.integer({ min: 0, max: maxPlaces }))
    .map(([m, places]) => new Dec(m.toString()).dividedBy(new Dec(10).pow(places)).toFixed());

/** A positive rate with up to 12 decimals, as storage keeps them: 0.000000000001 to 999 999. */
const rateString = decimal(999_999_999_999n, 12, 1n);
/** A positive amount in minor units of its currency, up to a trillion minor units. */
const money = (cur: string) => fc.bigInt(1n, 1_000_000_000_000n).map((minor) => Money.fromMinorUnits(minor, cur));
/** A raw cost as a reseller may send it: more digits than the currency's minor unit. */
const rawCost = (cur: string) => decimal(10n ** 15n, 8, 1n).map((a) => Money.of(a, cur));
/** `0` to `max / 100` in steps of 0.01. */
const hundredths = (max: bigint) => fc.bigInt(0n, max).map((m) => new Dec(m.toString()).dividedBy(100).toFixed());
const percent = hundredths(100_000n); // 0 to 1000.00, the range an admin may set

const rateOf = (base: string, quote: string, value: string): FxRate => ({ base, quote, rate: new Dec(value), source: 'test', takenAt: null });
const minorUnit = (cur: string) => new Dec(10).pow(-currencyScale(cur));

function policyFor(displayCurrency: string, costCurrency: string, rate: string, markup: string, minMargin: string) {
  const rates = costCurrency === displayCurrency ? [] : [rateOf(costCurrency, displayCurrency, rate)];
  return new PricingPolicy({
    displayCurrency,
    defaultMarkupPercent: markup,
    minMarginPercent: minMargin,
    rules: [],
    fx: new FxTable(rates, { maxAgeMinutes: 60 }),
  });
}

const pricingCase = fc
  .tuple(currency, currency)
  .chain(([display, cost]) =>
    fc.record({
      display: fc.constant(display),
      cost: rawCost(cost),
      rate: rateString,
      markup: percent,
      minMargin: percent,
    }),
  );

const listing = { id: 'listing', game: 'Game' };

describe('pricing properties', () => {
  it('converts there and back within one minor unit, by a direct rate and its inverse', () => {
    fc.assert(
      fc.property(
        fc.tuple(currency, currency).filter(([a, b]) => a !== b),
        rateString,
        fc.bigInt(1n, 10n ** 15n),
        ([from, to], rate, minor) => {
          const original = Money.fromMinorUnits(minor, from);
          const fx = new FxTable([rateOf(from, to, rate)], { maxAgeMinutes: 60 });
          const there = fx.convert(original, to, now);
          if (!there.ok) throw new Error(there.code);
          const back = fx.convert(there.value, from, now);
          if (!back.ok) throw new Error(back.code);
          expect(back.value.amount.minus(original.amount).abs().lessThanOrEqualTo(minorUnit(from))).toBe(true);
          expect(back.value.round().equals(original)).toBe(true);
        },
      ),
    );
  });

  it('converts there and back within one minor unit through the USD cross rate', () => {
    fc.assert(
      fc.property(rateString, rateString, money('IDR'), (idrUsd, bdtUsd, original) => {
        const fx = new FxTable([rateOf('IDR', 'USD', idrUsd), rateOf('BDT', 'USD', bdtUsd)], { maxAgeMinutes: 60 });
        const there = fx.convert(original, 'BDT', now);
        if (!there.ok) throw new Error(there.code);
        const back = fx.convert(there.value, 'IDR', now);
        if (!back.ok) throw new Error(back.code);
        expect(back.value.amount.minus(original.amount).abs().lessThanOrEqualTo(minorUnit('IDR'))).toBe(true);
      }),
    );
  });

  it('never prices below cost × (1 + minimum margin)', () => {
    fc.assert(
      fc.property(pricingCase, ({ display, cost, rate, markup, minMargin }) => {
        const result = policyFor(display, cost.currency, rate, markup, minMargin).priceOffer({ resellerId: 'r', sku: 's', cost }, listing, now);
        if (!result.ok) throw new Error(result.code);
        const floor = result.value.cost.mul(new Dec(minMargin).dividedBy(100).plus(1));
        expect(result.value.price.compare(floor)).toBeGreaterThanOrEqual(0);
        expect(result.value.price.compare(result.value.cost)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('gives a price with no more decimals than the currency has, which rounding leaves alone', () => {
    fc.assert(
      fc.property(pricingCase, ({ display, cost, rate, markup, minMargin }) => {
        const result = policyFor(display, cost.currency, rate, markup, minMargin).priceOffer({ resellerId: 'r', sku: 's', cost }, listing, now);
        if (!result.ok) throw new Error(result.code);
        const { price } = result.value;
        expect(price.currency).toBe(display);
        expect(price.amount.decimalPlaces()).toBeLessThanOrEqual(currencyScale(display));
        expect(price.round('up').equals(price)).toBe(true);
        expect(() => price.toMinorUnits()).not.toThrow();
      }),
    );
  });

  it('rounds idempotently in every mode', () => {
    fc.assert(
      fc.property(currency, decimal(10n ** 18n, 12), fc.constantFrom(...(['up', 'down', 'half_up'] as const)), (cur, amount, mode) => {
        const once = Money.of(amount, cur).round(mode);
        expect(once.round(mode).equals(once)).toBe(true);
      }),
    );
  });

  it('never charges less for an offer that costs more', () => {
    fc.assert(
      fc.property(pricingCase, rawCost('USD'), ({ display, cost, rate, markup, minMargin }, extra) => {
        const policy = policyFor(display, cost.currency, rate, markup, minMargin);
        const dearer = cost.add(Money.of(extra.amount, cost.currency));
        const cheap = policy.priceOffer({ resellerId: 'r', sku: 's', cost }, listing, now);
        const dear = policy.priceOffer({ resellerId: 'r', sku: 's', cost: dearer }, listing, now);
        if (!cheap.ok || !dear.ok) throw new Error('unpriced');
        expect(dear.value.price.compare(cheap.value.price)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('keeps a coupon price between zero and the price, in the currency’s minor unit', () => {
    fc.assert(
      fc.property(currency.chain(money), hundredths(10_000n), (price, off) => {
        const discounted = applyCoupon(price, off);
        expect(discounted.isNegative()).toBe(false);
        expect(discounted.compare(price)).toBeLessThanOrEqual(0);
        expect(discounted.amount.decimalPlaces()).toBeLessThanOrEqual(currencyScale(price.currency));
      }),
    );
  });

  it('hands out amounts as exact decimals, never JavaScript numbers', () => {
    fc.assert(
      fc.property(pricingCase, ({ display, cost, rate, markup, minMargin }) => {
        const result = policyFor(display, cost.currency, rate, markup, minMargin).priceOffer({ resellerId: 'r', sku: 's', cost }, listing, now);
        if (!result.ok) throw new Error(result.code);
        const json = JSON.parse(JSON.stringify(result.value)) as { price: { amount: unknown }; cost: { amount: unknown } };
        expect(typeof json.price.amount).toBe('string');
        expect(typeof json.cost.amount).toBe('string');
        expect(Money.parse(json.price as { amount: string; currency: string }).equals(result.value.price)).toBe(true);
      }),
    );
  });
});
