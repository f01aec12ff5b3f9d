import { describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { categoryInfo, idr, needsEndUserIp, playerFields } from '../../src/providers/lapakgaming/lapakgaming.catalog.js';
import { parseCreatedDate, toFxRate } from '../../src/providers/lapakgaming/lapakgaming.fx.js';
import { parseVoucherCode } from '../../src/providers/lapakgaming/lapakgaming.order.js';
import { codeMeaning, lapakgamingCodes, lapakgamingOrderStatuses, orderStatus } from '../../src/providers/lapakgaming/lapakgaming.status.js';
import { categoriesData, envelope, productsData, wireCategory } from '../../src/providers/lapakgaming/lapakgaming.wire.js';

/** The "Status Codes" list of lapakgaming.md, verbatim. */
const documentedCodes = [
  'SUCCESS', 'UNAUTHORIZED', 'PRODUCT_NOT_FOUND', 'PRODUCT_EMPTY', 'PROVIDER_NOT_FOUND', 'PRICE_NOT_MATCH', 'PROVIDER_INACTIVE', 'TID_NOT_FOUND',
  'USER_ID_CONTAIN_SPACE', 'STOCK_NOT_FOUND', 'USER_ID_EMPTY', 'INSUFFICIENT_BALANCE', 'SYSTEM_ERROR', 'UNKNOWN_ERROR', 'NOT_ALLOWED',
];

describe('lapakgaming status mapping', () => {
  it('maps every status code of the document, and TRANSACTION_EXIST, to a meaning', () => {
    expect(lapakgamingCodes).toEqual(expect.arrayContaining([...documentedCodes, 'TRANSACTION_EXIST']));
    for (const code of lapakgamingCodes) expect(codeMeaning(code).kind, code).not.toBe('unrecognized');
    expect(codeMeaning('TRANSACTION_EXIST')).toEqual({ kind: 'exists' });
    expect(codeMeaning('PRODUCT_EMPTY')).toEqual({ kind: 'rejected', code: 'out_of_stock' });
    expect(codeMeaning('PROVIDER_INACTIVE')).toEqual({ kind: 'rejected', code: 'provider_inactive' });
    expect(codeMeaning('INSUFFICIENT_BALANCE')).toEqual({ kind: 'rejected', code: 'reseller_balance_low' });
    expect(codeMeaning('BRAND_NEW')).toEqual({ kind: 'unrecognized', code: 'BRAND_NEW' });
  });

  it('maps the order statuses, keeping unknown ones processing', () => {
    expect(lapakgamingOrderStatuses.map(orderStatus)).toEqual(['completed', 'processing', 'failed']);
    expect(orderStatus('success')).toBe('completed');
    expect(orderStatus('FAILED?')).toBe('processing');
  });
});

describe('lapakgaming voucher codes', () => {
  it('splits "PIN : … <tab> Serial : …" into a pin and a serial', () => {
    expect(parseVoucherCode('PIN : 1234\tSerial : 5678')).toEqual({ pin: '1234', serial: '5678' });
    expect(parseVoucherCode('PIN: 1234\nSN: 5678', 'Shells')).toEqual({ pin: '1234', serial: '5678', label: 'Shells' });
  });

  it('takes a bare value as the code and nothing from an empty one', () => {
    expect(parseVoucherCode('ABCD-EFGH-IJKL')).toEqual({ code: 'ABCD-EFGH-IJKL' });
    expect(parseVoucherCode('Code : XYZ-1')).toEqual({ code: 'XYZ-1' });
    expect(parseVoucherCode('')).toBeUndefined();
    expect(parseVoucherCode(null)).toBeUndefined();
  });
});

describe('lapakgaming wire shapes', () => {
  const category = { code: 'ML', name: 'Mobile Legends', forms: [{ name: 'user_id' }], servers: [] };

  it('accepts categories as documented and as a bare list', () => {
    expect(categoriesData.parse({ categories: [category] })).toHaveLength(1);
    expect(categoriesData.parse([category])).toHaveLength(1);
    expect(() => categoriesData.parse({ items: [category] })).toThrow();
  });

  it('accepts products wrapped or bare, with prices as numbers or strings', () => {
    const p = { code: 'A', name: 'A', price: 100 };
    expect(productsData.parse({ products: [p, { ...p, code: 'B', price: '200' }] }).map((x) => x.price)).toEqual([100, '200']);
    expect(productsData.parse([p])).toHaveLength(1);
  });

  it('refuses SUCCESS without the data it needs, and reads any other code as a business answer', () => {
    const schema = envelope(productsData);
    expect(schema.safeParse({ code: 'SUCCESS', data: null }).success).toBe(false);
    expect(schema.parse({ code: 'PRODUCT_NOT_FOUND', data: null })).toEqual({ ok: false, code: 'PRODUCT_NOT_FOUND', message: undefined });
    expect(schema.parse({ code: 'SUCCESS', data: [] })).toEqual({ ok: true, data: [] });
  });

  it('reads check_id as a boolean, a number or a string', () => {
    for (const [value, expected] of [[true, true], [1, true], ['1', true], [false, false], [0, false], [null, false]] as const) {
      expect(categoryInfo(wireCategory.parse({ ...category, check_id: value }), new Set()).checkId).toBe(expected);
    }
  });

  it('takes server options from the form when the category has no servers, and a free zone otherwise', () => {
    const withOptions = wireCategory.parse({ code: 'X', name: 'X', forms: [{ name: 'user_id' }, { name: 'additional_id', options: ['eu', { value: 'na', name: 'America' }] }] });
    expect(playerFields(withOptions)[1]).toEqual({ key: 'server', label: 'Server', required: true, options: [{ value: 'eu', label: 'eu' }, { value: 'na', label: 'America' }] });
    const free = wireCategory.parse({ code: 'X', name: 'X', forms: [{ name: 'user_id', label: 'User ID' }, { name: 'additional_id', required: false }, { name: 'nickname', type: 'text' }] });
    expect(playerFields(free)).toEqual([
      { key: 'player_id', label: 'User ID', required: true, hint: 'no spaces' },
      { key: 'zone', label: 'Zone ID', required: false, hint: 'no spaces' },
      { key: 'nickname', label: 'nickname', required: true, hint: 'no spaces' },
    ]);
  });

  it('knows Hoyoverse games by name, by publisher, or by a configured code', () => {
    const cat = (name: string, extra: Record<string, unknown> = {}) => wireCategory.parse({ code: 'C', name, ...extra });
    expect(needsEndUserIp(cat('Honkai: Star Rail'), new Set())).toBe(true);
    expect(needsEndUserIp(cat('Zenless Zone Zero (Global)'), new Set())).toBe(true);
    expect(needsEndUserIp(cat('Some Game', { publisher: 'HoYoverse' }), new Set())).toBe(true);
    expect(needsEndUserIp(cat('Mobile Legends'), new Set())).toBe(false);
    expect(needsEndUserIp(cat('Mobile Legends'), new Set(['C']))).toBe(true);
  });
});

describe('lapakgaming amounts', () => {
  it('reads rupiah exactly from numbers and strings and refuses fractions', () => {
    expect(idr(33120).equals(Money.of('33120', 'IDR'))).toBe(true);
    expect(idr('993229432').toString()).toBe('993229432 IDR');
    expect(idr('20500.00').toString()).toBe('20500 IDR');
    for (const bad of [12.5, Number.NaN, 1e21, '12.5', 'abc', '-5']) expect(() => idr(bad)).toThrow(RangeError);
  });

});

describe('lapakgaming FX', () => {
  const data = { from_currency: 'IDR', to_currency: 'USD', buy_rate: 0.0000615, sell_rate: '0.0000625', created_date: '2025-05-05 08:30:00' };

  it('uses the larger rate and reads a zoneless date as Jakarta time', () => {
    expect(toFxRate(data, 'IDR', 'USD')).toEqual({ from: 'IDR', to: 'USD', rate: '0.0000625', buyRate: '0.0000615', sellRate: '0.0000625', takenAt: new Date('2025-05-05T01:30:00Z') });
  });

  it('inverts an answer for the reverse pair and refuses another pair', () => {
    expect(toFxRate({ ...data, from_currency: 'USD', to_currency: 'IDR', buy_rate: 16000, sell_rate: 16000 }, 'IDR', 'USD')?.rate).toBe('0.0000625');
    expect(toFxRate({ ...data, to_currency: 'EUR' }, 'IDR', 'USD')).toBeUndefined();
    expect(() => toFxRate({ ...data, buy_rate: 0 }, 'IDR', 'USD')).toThrow(RangeError);
  });

  it('reads ISO dates with a zone as given and refuses unreadable ones', () => {
    expect(parseCreatedDate('2025-05-05T08:30:00Z')).toEqual(new Date('2025-05-05T08:30:00Z'));
    expect(parseCreatedDate('yesterday')).toBeUndefined();
  });
});
