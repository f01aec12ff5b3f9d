import { describe, expect, it } from 'vitest';
import { Dec, Money } from '../src/core/money.js';
import { FxTable, mergeRates, parseFxRatesConfig, type FxRate } from '../src/core/pricing/fx.js';
import { PricingPolicy, applyCoupon, type MarkupRule, type PricingOfferInput } from '../src/core/pricing/pricing.js';

const now = new Date('2025-03-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

function rate(pair: string, value: string, takenAt: Date | null = null, source = 'config'): FxRate {
  const [base = '', quote = ''] = pair.split(':');
  return { base, quote, rate: new Dec(value), source, takenAt };
}

const table = (...rates: FxRate[]) => new FxTable(rates, { maxAgeMinutes: 60 });
const rule = (scope: MarkupRule['scope'], target: string, percent: string): MarkupRule => ({ scope, target, percent: new Dec(percent) });

function policy(options: { rules?: MarkupRule[]; fx?: FxTable; displayCurrency?: string; markup?: string; minMargin?: string } = {}) {
  return new PricingPolicy({
    displayCurrency: options.displayCurrency ?? 'USD',
    defaultMarkupPercent: options.markup ?? '10',
    minMarginPercent: options.minMargin ?? '2',
    rules: options.rules ?? [],
    fx: options.fx ?? table(rate('IDR:USD', '0.0000625'), rate('XTR:USD', '0.013')),
  });
}

const offer = (cost: string, currency = 'USD', resellerId = 'gamexbulk', sku = 'sku-1'): PricingOfferInput => ({
  resellerId,
  sku,
  cost: Money.of(cost, currency),
});
const pubg = { id: 'pubg-60-uc-global', game: 'PUBG Mobile' };

function priced(result: ReturnType<PricingPolicy['priceOffer']>) {
  if (!result.ok) throw new Error(`expected a price, got ${result.code}: ${result.detail}`);
  return result.value;
}

describe('FX conversion', () => {
  it('converts with a direct rate', () => {
    const result = table(rate('IDR:USD', '0.0000625')).convert(Money.of('160000', 'IDR'), 'USD', now);
    expect(result).toEqual({ ok: true, value: Money.of('10', 'USD') });
  });

  it('converts with the inverse of the reverse rate', () => {
    const result = table(rate('USD:IDR', '16000')).convert(Money.of('1', 'IDR'), 'USD', now);
    expect(result.ok && result.value.amount.toFixed()).toBe('0.0000625');
  });

  it('converts through USD when no rate connects the two currencies', () => {
    const fx = table(rate('IDR:USD', '0.0000625'), rate('BDT:USD', '0.0082'));
    const result = fx.convert(Money.of('16000', 'IDR'), 'BDT', now);
    expect(result.ok && result.value.amount.equals(new Dec(1).dividedBy('0.0082'))).toBe(true);
    expect(result.ok && result.value.currency).toBe('BDT');
  });

  it('returns the same money when the currency already matches', () => {
    const money = Money.of('3.14159', 'USD');
    expect(table().convert(money, 'USD', now)).toEqual({ ok: true, value: money });
  });

  it('refuses to convert with a rate older than the maximum age', () => {
    const fx = table(rate('IDR:USD', '0.0000625', minutesAgo(61), 'lapakgaming'));
    const result = fx.convert(Money.of('16000', 'IDR'), 'USD', now);
    expect(result).toMatchObject({ ok: false, code: 'stale_fx_rate', params: { pair: 'IDR:USD' } });
    expect(!result.ok && result.detail).toContain('lapakgaming');
  });

  it('still uses a rate exactly as old as the maximum age', () => {
    const fx = table(rate('IDR:USD', '0.0000625', minutesAgo(60), 'admin'));
    expect(fx.convert(Money.of('16000', 'IDR'), 'USD', now).ok).toBe(true);
  });

  it('refuses a cross rate when one leg is stale', () => {
    const fx = table(rate('IDR:USD', '0.0000625'), rate('BDT:USD', '0.0082', minutesAgo(90), 'admin'));
    expect(fx.convert(Money.of('16000', 'IDR'), 'BDT', now)).toMatchObject({ ok: false, code: 'stale_fx_rate' });
  });

  it('never treats a manual config rate as stale', () => {
    const fx = table(rate('IDR:USD', '0.0000625', null));
    expect(fx.convert(Money.of('16000', 'IDR'), 'USD', new Date('2099-01-01T00:00:00Z')).ok).toBe(true);
  });

  it('uses a fresh reverse rate when the direct one is stale', () => {
    const fx = table(rate('IDR:USD', '0.00005', minutesAgo(600), 'admin'), rate('USD:IDR', '16000', minutesAgo(5), 'lapakgaming'));
    const result = fx.convert(Money.of('16000', 'IDR'), 'USD', now);
    expect(result.ok && result.value.toString()).toBe('1.00 USD');
  });

  it('says an offer is not for sale when no rate reaches the display currency', () => {
    expect(table().convert(Money.of('1', 'AZN'), 'USD', now)).toMatchObject({ ok: false, code: 'not_for_sale' });
  });

  it('lets a recorded rate replace the config rate for either direction of the pair', () => {
    const merged = mergeRates(
      [rate('IDR:USD', '0.00006'), rate('BDT:USD', '0.0082')],
      [rate('USD:IDR', '16000', minutesAgo(1), 'lapakgaming')],
    );
    expect(merged.map((r) => `${r.base}:${r.quote}`).sort()).toEqual(['BDT:USD', 'USD:IDR']);
  });
});

describe('FX_RATES setting', () => {
  it('parses the documented form into manual rates', () => {
    const result = parseFxRatesConfig(' IDR:USD=0.0000625 , bdt:usd = 0.0082,');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((r) => [r.base, r.quote, r.rate.toFixed(), r.source, r.takenAt])).toEqual([
      ['IDR', 'USD', '0.0000625', 'config', null],
      ['BDT', 'USD', '0.0082', 'config', null],
    ]);
  });

  it('accepts an empty setting as no rates', () => {
    expect(parseFxRatesConfig('')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['IDR:USD=abc', 'IDR:USD: rate "abc"'],
    ['IDR:USD=0', 'IDR:USD: rate "0"'],
    ['IDR:USD=-1', 'IDR:USD: rate "-1"'],
    ['IDR:USD=1e-5', 'IDR:USD: rate "1e-5"'],
    ['IDRUSD=1', '"IDRUSD=1": expected BASE:QUOTE=rate'],
    ['IDR:USD', '"IDR:USD": expected BASE:QUOTE=rate'],
    ['IDR:US=1', '"IDR:US=1": expected'],
    ['USD:USD=1', 'USD:USD: base and quote are the same'],
    ['IDR:USD=1,IDR:USD=2', 'IDR:USD: given more than once'],
    ['IDR:USD=0.0000625,USD:IDR=16000', 'USD:IDR: IDR:USD is also given'],
  ])('rejects %s naming the bad pair', (value, message) => {
    const result = parseFxRatesConfig(value);
    expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(!result.ok && result.detail).toContain(message);
  });

  it('reports every bad entry at once', () => {
    const result = parseFxRatesConfig('IDR:USD=x,BDT:USD=0.0082,AZN:USD=');
    expect(!result.ok && result.detail).toMatch(/IDR:USD.*AZN:USD/);
  });
});

describe('markup rule precedence', () => {
  const all = [rule('listing', pubg.id, '5'), rule('game', 'PUBG Mobile', '7'), rule('reseller', 'gamexbulk', '9'), rule('global', '*', '11')];

  it.each([
    ['a listing override over every other rule', all, 'listing', '5', '105.00 USD'],
    ['a game rule over reseller and global rules', all.slice(1), 'game', '7', '107.00 USD'],
    ['a reseller rule over the global rule', all.slice(2), 'reseller', '9', '109.00 USD'],
    ['the global rule over the configured default', all.slice(3), 'global', '11', '111.00 USD'],
    ['the configured default when no rule matches', [], 'default', '10', '110.00 USD'],
  ])('applies %s', (_name, rules, scope, percent, price) => {
    const result = priced(policy({ rules }).priceOffer(offer('100'), pubg, now));
    expect(result.rule.scope).toBe(scope);
    expect(result.markupPercent.toFixed()).toBe(percent);
    expect(result.price.toString()).toBe(price);
  });

  it('ignores rules for another listing, game or reseller', () => {
    const rules = [rule('listing', 'other', '50'), rule('game', 'Free Fire', '50'), rule('reseller', 'xzian', '50')];
    expect(priced(policy({ rules }).priceOffer(offer('100'), pubg, now)).rule).toEqual({ scope: 'default', target: null });
  });

  it('skips game rules for a voucher without a game', () => {
    const rules = [rule('game', 'PUBG Mobile', '50'), rule('reseller', 'gamexbulk', '20')];
    const result = priced(policy({ rules }).priceOffer(offer('100'), { id: 'steam-10', game: null }, now));
    expect(result.rule).toEqual({ scope: 'reseller', target: 'gamexbulk' });
  });
});

describe('minimum margin', () => {
  it('lifts a markup below the minimum margin up to it', () => {
    const result = priced(policy({ markup: '1', minMargin: '3' }).priceOffer(offer('100'), pubg, now));
    expect(result.price.toString()).toBe('103.00 USD');
    expect(result.minMarginApplied).toBe(true);
  });

  it('keeps a zero-percent rule above cost', () => {
    const result = priced(policy({ rules: [rule('listing', pubg.id, '0')] }).priceOffer(offer('50'), pubg, now));
    expect(result.price.toString()).toBe('51.00 USD');
  });

  it('leaves a markup above the minimum margin alone', () => {
    expect(priced(policy().priceOffer(offer('100'), pubg, now)).minMarginApplied).toBe(false);
  });
});

describe('rounding the sale price', () => {
  it('rounds a USD price up to the next cent', () => {
    expect(priced(policy().priceOffer(offer('1.001'), pubg, now)).price.toString()).toBe('1.11 USD');
  });

  it('does not move a price that is already whole cents', () => {
    expect(priced(policy().priceOffer(offer('10'), pubg, now)).price.amount.toFixed()).toBe('11');
  });

  it('rounds an IDR price up to a whole rupiah', () => {
    const fx = table(rate('USD:IDR', '16321.5'));
    const result = priced(policy({ displayCurrency: 'IDR', fx }).priceOffer(offer('0.99'), pubg, now));
    // 0.99 × 16321.5 × 1.1 = 17774.1135
    expect(result.price.toString()).toBe('17775 IDR');
  });

  it('rounds a Telegram Stars price up to a whole Star', () => {
    const result = priced(policy({ displayCurrency: 'XTR' }).priceOffer(offer('1'), pubg, now));
    // 1 / 0.013 × 1.1 = 84.615…
    expect(result.price.toString()).toBe('85 XTR');
  });

  it('never prices a tiny positive cost at zero', () => {
    expect(priced(policy().priceOffer(offer('1', 'IDR'), pubg, now)).price.toString()).toBe('0.01 USD');
  });

  it('does not sell an offer whose cost is zero', () => {
    expect(policy().priceOffer(offer('0'), pubg, now)).toMatchObject({ ok: false, code: 'not_for_sale' });
  });

  it('refuses to sell when the rate for the cost currency is stale', () => {
    const fx = table(rate('IDR:USD', '0.0000625', minutesAgo(120), 'lapakgaming'));
    expect(policy({ fx }).priceOffer(offer('16000', 'IDR'), pubg, now)).toMatchObject({ ok: false, code: 'stale_fx_rate' });
  });
});

describe('ranking offers', () => {
  it('sorts priced offers cheapest first and sets aside those that cannot be priced', () => {
    const fx = table(rate('IDR:USD', '0.0000625'), rate('BDT:USD', '0.0082', minutesAgo(500), 'admin'));
    const offers = [
      offer('1.10', 'USD', 'gamesdrop'),
      offer('16000', 'IDR', 'lapakgaming'),
      offer('100', 'BDT', 'xzian'),
      offer('1.05', 'USD', 'gamexbulk'),
    ];
    const ranked = policy({ fx }).rankOffers(offers, pubg, now);
    expect(ranked.priced.map((p) => [p.offer.resellerId, p.price.toString()])).toEqual([
      ['lapakgaming', '1.10 USD'],
      ['gamexbulk', '1.16 USD'],
      ['gamesdrop', '1.21 USD'],
    ]);
    expect(ranked.unpriced.map((u) => [u.offer.resellerId, u.failure.code])).toEqual([['xzian', 'stale_fx_rate']]);
  });

  it('prefers the lower cost when two offers round to the same price', () => {
    const ranked = policy().rankOffers([offer('1.0001', 'USD', 'a'), offer('1', 'USD', 'b')], pubg, now);
    expect(ranked.priced.map((p) => [p.offer.resellerId, p.price.toString()])).toEqual([
      ['b', '1.10 USD'],
      ['a', '1.11 USD'],
    ]);
    const tie = policy().rankOffers([offer('1.0009', 'USD', 'a'), offer('1.0001', 'USD', 'b')], pubg, now);
    expect(tie.priced.map((p) => p.offer.resellerId)).toEqual(['b', 'a']);
  });
});

describe('coupons', () => {
  it('takes the percent off and rounds half up to the minor unit', () => {
    expect(applyCoupon(Money.of('9.99', 'USD'), '10').toString()).toBe('8.99 USD');
    expect(applyCoupon(Money.of('0.05', 'USD'), '50').toString()).toBe('0.03 USD');
    expect(applyCoupon(Money.of('17775', 'IDR'), '12.5').toString()).toBe('15553 IDR');
  });

  it('may go below cost, because a coupon is the owner’s decision', () => {
    const { price, cost } = priced(policy().priceOffer(offer('10'), pubg, now));
    expect(applyCoupon(price, '50').compare(cost)).toBe(-1);
  });

  it('never goes below zero', () => {
    expect(applyCoupon(Money.of('4.20', 'USD'), '100').toString()).toBe('0.00 USD');
  });

  it('rejects a percent outside 0 to 100', () => {
    expect(() => applyCoupon(Money.of('1', 'USD'), '100.01')).toThrow(RangeError);
    expect(() => applyCoupon(Money.of('1', 'USD'), '-1')).toThrow(RangeError);
  });
});
