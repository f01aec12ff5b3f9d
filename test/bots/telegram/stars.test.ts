import { describe, expect, it } from 'vitest';
import { createStarsPaymentMethod } from '../../../src/bots/telegram/stars.js';
import { Money } from '../../../src/core/money.js';
import { MemoryKeyValueStore } from '../../../src/infra/memory-state.js';

const request = (amount: Money) => ({
  paymentReference: 'PAY-K7F3-92QX',
  purpose: 'order' as const,
  amount,
  title: 'PUBG Mobile 60 UC (K7F3-92QX)',
  buyer: { userId: 'u1', platform: 'telegram' as const, platformUserId: '42' },
});

describe('Telegram Stars as a payment method', () => {
  it('converts the price at STARS_PER_USD and rounds up to whole Stars, once', async () => {
    const stars = createStarsPaymentMethod({ starsPerUsd: '77' });
    expect(await stars.starsFor(Money.of('0.97', 'USD'))).toBe(75); // 74.69
    expect(await stars.starsFor(Money.of('1.00', 'USD'))).toBe(77);
    expect(await stars.starsFor(Money.of('0.01', 'USD'))).toBe(1);
    expect(await stars.starsFor(Money.of('12', 'XTR'))).toBe(12);
  });

  it('invoices in XTR and remembers the Stars asked for, so a later rate change is noticed', async () => {
    const kv = new MemoryKeyValueStore();
    const stars = createStarsPaymentMethod({ starsPerUsd: '100', kv });
    const start = await stars.start(request(Money.of('0.97', 'USD')));
    expect(start).toMatchObject({ kind: 'invoice', payload: 'PAY-K7F3-92QX', title: 'PUBG Mobile 60 UC (K7F3-92QX)' });
    if (start.kind !== 'invoice') throw new Error('no invoice');
    expect(start.amount.toString()).toBe('97 XTR');
    const later = createStarsPaymentMethod({ starsPerUsd: '120', kv });
    expect(await later.invoicedStars('PAY-K7F3-92QX', Money.of('0.97', 'USD'))).toBe(97);
  });

  it('is unavailable for a currency it cannot convert, and outside Telegram', async () => {
    const stars = createStarsPaymentMethod({ starsPerUsd: '100' });
    expect((await stars.start(request(Money.of('15000', 'IDR')))).kind).toBe('unavailable');
    const converted = createStarsPaymentMethod({ starsPerUsd: '100', toUsd: (m) => (m.currency === 'IDR' ? Money.of(m.amount.dividedBy(15000), 'USD') : undefined) });
    expect(await converted.starsFor(Money.of('15000', 'IDR'))).toBe(100);
    const discord = { ...request(Money.of('1', 'USD')), buyer: { userId: 'u1', platform: 'discord' as const, platformUserId: '1' } };
    expect((await stars.start(discord)).kind).toBe('unavailable');
  });

  it('cannot refund before it is bound to a running bot', async () => {
    const stars = createStarsPaymentMethod({ starsPerUsd: '100' });
    const outcome = await stars.refund({ paymentReference: 'PAY-1', externalId: 'stx1', amount: Money.of('1', 'USD'), detail: { telegramUserId: '42' } });
    expect(outcome.kind).toBe('failed');
  });

  it('rejects a rate that is not a positive number', () => {
    expect(() => createStarsPaymentMethod({ starsPerUsd: '0' })).toThrow(/STARS_PER_USD/);
    expect(() => createStarsPaymentMethod({ starsPerUsd: 'abc' })).toThrow();
  });
});
