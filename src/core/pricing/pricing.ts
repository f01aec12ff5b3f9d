import { fail, ok, type Failure, type Result } from '../errors.js';
import { Dec, Money } from '../money.js';
import type { FxTable } from './fx.js';

/** Where a markup rule applies. `listing` is the per-product override. */
export type MarkupScope = 'global' | 'reseller' | 'game' | 'listing';

/** Scopes from the most to the least specific: the first rule found wins. */
export const markupPrecedence: readonly MarkupScope[] = ['listing', 'game', 'reseller', 'global'];

/** The only target a `global` rule has; the table's unique (scope, target) keeps one. */
export const GLOBAL_TARGET = '*';

/**
 * A markup the admin set. `target` is a listing id, a game name as the catalog spells it, a
 * reseller id, or {@link GLOBAL_TARGET}.
 */
export interface MarkupRule {
  scope: MarkupScope;
  target: string;
  /** Percent on top of cost: `15` means cost × 1.15. */
  percent: Dec;
  updatedAt?: Date;
}

/** What pricing needs of an offer; a catalog `Offer` fits. */
export interface PricingOfferInput {
  resellerId: string;
  sku: string;
  /** In the reseller's currency. */
  cost: Money;
}

/** What pricing needs of a listing; a catalog `Listing` fits. */
export interface PricingListingInput {
  id: string;
  game: string | null;
}

/** The rule a price came from; `default` is `PRICE_MARKUP_PERCENT`. */
export interface AppliedMarkup {
  scope: MarkupScope | 'default';
  target: string | null;
}

export interface PricedOffer {
  /** What the buyer pays per unit, in the display currency, rounded up to its minor unit. */
  price: Money;
  /** The cost in the display currency, unrounded: a basis for margins, never charged. */
  cost: Money;
  /** The percent of the rule that applied (before the minimum margin). */
  markupPercent: Dec;
  rule: AppliedMarkup;
  /** The rule's markup was below the minimum margin, so the margin set the price. */
  minMarginApplied: boolean;
}

export interface RankedOffers<O extends PricingOfferInput> {
  /** Cheapest sale price first; on a tie, the lower cost (more margin) first, then input order. */
  priced: Array<PricedOffer & { offer: O }>;
  /** Offers that cannot be priced now (stale or missing FX rate, zero cost), with why. */
  unpriced: Array<{ offer: O; failure: Failure }>;
}

export interface PricingPolicyOptions {
  displayCurrency: string;
  /** `PRICE_MARKUP_PERCENT`: used when no rule matches. */
  defaultMarkupPercent: Dec | string;
  /** `PRICE_MIN_MARGIN_PERCENT`: no price is ever below cost × (1 + this / 100). */
  minMarginPercent: Dec | string;
  rules: readonly MarkupRule[];
  fx: FxTable;
}

const ruleKey = (scope: MarkupScope, target: string) => `${scope}\u0000${target}`;
const hundred = new Dec(100);

function percentOf(value: Dec | string, what: string): Dec {
  const percent = new Dec(value);
  if (!percent.isFinite() || percent.isNegative()) throw new RangeError(`${what} must be a non-negative percent`);
  return percent;
}

/** Turns an offer's cost into a sale price. Immutable; the pricing service rebuilds it on change. */
export class PricingPolicy {
  readonly displayCurrency: string;
  readonly defaultMarkupPercent: Dec;
  readonly minMarginPercent: Dec;
  readonly fx: FxTable;
  private readonly rules = new Map<string, MarkupRule>();

  constructor(options: PricingPolicyOptions) {
    if (!/^[A-Z]{3}$/.test(options.displayCurrency)) {
      throw new RangeError(`not a currency code: ${options.displayCurrency}`);
    }
    this.displayCurrency = options.displayCurrency;
    this.defaultMarkupPercent = percentOf(options.defaultMarkupPercent, 'default markup');
    this.minMarginPercent = percentOf(options.minMarginPercent, 'minimum margin');
    this.fx = options.fx;
    for (const rule of options.rules) this.rules.set(ruleKey(rule.scope, rule.target), rule);
  }

  /** Every markup rule, for admin views. */
  markupRules(): MarkupRule[] {
    return [...this.rules.values()];
  }

  /** The markup for an offer: listing > game > reseller > global rule > default. */
  markupFor(offer: PricingOfferInput, listing: PricingListingInput): { percent: Dec; rule: AppliedMarkup } {
    const targets: Record<MarkupScope, string | null> = {
      listing: listing.id,
      game: listing.game, // vouchers may have no game: no game rule applies
      reseller: offer.resellerId,
      global: GLOBAL_TARGET,
    };
    for (const scope of markupPrecedence) {
      const target = targets[scope];
      const rule = target === null ? undefined : this.rules.get(ruleKey(scope, target));
      if (rule) return { percent: new Dec(rule.percent), rule: { scope, target: rule.target } };
    }
    return { percent: this.defaultMarkupPercent, rule: { scope: 'default', target: null } };
  }

  /**
   * The sale price of one unit of an offer in the display currency.
   *
   * Cost is converted and marked up exactly, lifted to the minimum margin if the markup
   * falls short, and rounded once, at the end, UP to the currency's minor unit (cents for
   * USD, whole rupiah for IDR, whole Stars for XTR): rounding down or half-up could land
   * below cost + minimum margin, and with tiny costs below cost itself. A price that is not
   * positive (a zero or negative cost) is `not_for_sale`; a stale rate is `stale_fx_rate`.
   */
  priceOffer(offer: PricingOfferInput, listing: PricingListingInput, now: Date): Result<PricedOffer> {
    const converted = this.fx.convert(offer.cost, this.displayCurrency, now);
    if (!converted.ok) return converted;
    const cost = converted.value;
    const { percent, rule } = this.markupFor(offer, listing);
    const marked = cost.mul(percent.dividedBy(hundred).plus(1));
    const floor = cost.mul(this.minMarginPercent.dividedBy(hundred).plus(1));
    const minMarginApplied = marked.compare(floor) < 0;
    const price = (minMarginApplied ? floor : marked).round('up');
    if (!price.isPositive()) {
      return fail('not_for_sale', `offer ${offer.resellerId}:${offer.sku} costs ${offer.cost.toString()}`);
    }
    return ok({ price, cost, markupPercent: percent, rule, minMarginApplied });
  }

  /** Prices every offer of a listing and sorts them cheapest first; see {@link RankedOffers}. */
  rankOffers<O extends PricingOfferInput>(offers: readonly O[], listing: PricingListingInput, now: Date): RankedOffers<O> {
    const ranked: RankedOffers<O> = { priced: [], unpriced: [] };
    for (const offer of offers) {
      const priced = this.priceOffer(offer, listing, now);
      if (priced.ok) ranked.priced.push({ ...priced.value, offer });
      else ranked.unpriced.push({ offer, failure: priced });
    }
    // Array.prototype.sort is stable, so equal offers keep the caller's order.
    ranked.priced.sort((a, b) => a.price.compare(b.price) || a.cost.compare(b.cost));
    return ranked;
  }
}

/**
 * A price after a percent-off coupon, rounded half-up to the currency's minor unit.
 *
 * The discount may take the price below cost + minimum margin, even below cost: a coupon is
 * the owner's decision, so pricing does not second-guess it; it only never goes below zero.
 * Half-up (not up) because the buyer is owed the discount the coupon promises, and any
 * rounding is at most half a minor unit either way.
 */
export function applyCoupon(price: Money, percentOff: Dec | string): Money {
  const percent = new Dec(percentOff);
  if (!percent.isFinite() || percent.isNegative() || percent.greaterThan(hundred)) {
    throw new RangeError(`coupon percent must be between 0 and 100, got ${percent.toString()}`);
  }
  const discounted = price.mul(hundred.minus(percent).dividedBy(hundred)).round('half_up');
  return discounted.isNegative() ? Money.zero(price.currency) : discounted;
}
