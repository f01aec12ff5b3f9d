import { Decimal } from 'decimal.js';

/** An exact decimal; never a JavaScript `number` for money. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = Decimal;

/** Minor-unit digits of the currencies the shop meets; anything else uses 2. */
const scales: Record<string, number> = {
  IDR: 0,
  JPY: 0,
  KRW: 0,
  VND: 0,
  XTR: 0, // Telegram Stars
  CLP: 0,
  BDT: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  RUB: 2,
  MYR: 2,
  PHP: 2,
  THB: 2,
  BRL: 2,
  AZN: 2,
  TRY: 2,
  INR: 2,
};

export function currencyScale(currency: string): number {
  return scales[currency] ?? 2;
}

export type DecimalLike = Decimal | string | number | bigint;

function dec(value: DecimalLike): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new TypeError('Money never takes a fractional JavaScript number; pass a string');
  }
  return new Dec(typeof value === 'bigint' ? value.toString() : value);
}

/** An exact amount with its currency. Immutable. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  static of(amount: DecimalLike, currency: string): Money {
    const value = dec(amount);
    if (!value.isFinite()) throw new RangeError(`not a finite amount: ${String(amount)}`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`not a currency code: ${currency}`);
    return new Money(new Dec(value), currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  /** Parses `"12.50 USD"` or a `{amount, currency}` record from storage. */
  static parse(value: { amount: string; currency: string } | string): Money {
    if (typeof value === 'string') {
      const [amount, currency] = value.trim().split(/\s+/);
      if (!amount || !currency) throw new RangeError(`not money: ${value}`);
      return Money.of(amount, currency.toUpperCase());
    }
    return Money.of(value.amount, value.currency);
  }

  private same(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`currency mismatch: ${this.currency} vs ${other.currency}`);
    }
  }

  add(other: Money): Money {
    this.same(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  sub(other: Money): Money {
    this.same(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  mul(factor: DecimalLike): Money {
    return new Money(this.amount.times(dec(factor)), this.currency);
  }

  negate(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  /** Rounds to the currency's minor unit (or `scale` digits), half up unless told otherwise. */
  round(mode: 'half_up' | 'up' | 'down' = 'half_up', scale = currencyScale(this.currency)): Money {
    const rounding = mode === 'up' ? Decimal.ROUND_UP : mode === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP;
    return new Money(this.amount.toDecimalPlaces(scale, rounding), this.currency);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.same(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  equals(other: Money): boolean {
    return other.currency === this.currency && this.amount.equals(other.amount);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.greaterThan(0);
  }

  /** The amount as a plain decimal string, fixed to the currency's minor unit. */
  toDecimalString(scale = currencyScale(this.currency)): string {
    return this.amount.toFixed(scale);
  }

  /** Integer count of minor units (cents, or whole Stars); the amount must already be rounded. */
  toMinorUnits(): bigint {
    const minor = this.amount.times(new Dec(10).pow(currencyScale(this.currency)));
    if (!minor.isInteger()) throw new RangeError(`${this.toString()} has more digits than ${this.currency} allows`);
    return BigInt(minor.toFixed(0));
  }

  static fromMinorUnits(minor: bigint | number, currency: string): Money {
    return Money.of(dec(minor).dividedBy(new Dec(10).pow(currencyScale(currency))), currency);
  }

  toString(): string {
    return `${this.toDecimalString()} ${this.currency}`;
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.amount.toFixed(), currency: this.currency };
  }
}
