import { describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { regionOf, toResellerProduct } from '../../src/providers/gamexbulk/gamexbulk.products.js';
import { gamexErrorCodes, gamexStatuses, mapError, mapOrderStatus, orderStateOf, playerCheckOf } from '../../src/providers/gamexbulk/gamexbulk.status.js';
import { errorEnvelope, listEnvelope, orderSchema, productSchema } from '../../src/providers/gamexbulk/gamexbulk.wire.js';

const names = { games: new Map<string, string>(), categories: new Map<string, string>() };

describe('gamexbulk status mapping', () => {
  it('maps every documented order status, FAILED and CANCELED both to failed', () => {
    const mapped = Object.fromEntries(gamexStatuses.map((s) => [s, mapOrderStatus(s)]));
    expect(mapped).toEqual({ PENDING: 'pending', PROCESSING: 'processing', COMPLETED: 'completed', CANCELED: 'failed', FAILED: 'failed' });
  });

  it('never turns an unknown status into a final one', () => {
    expect(mapOrderStatus('REFUNDING')).toBe('processing');
    expect(mapOrderStatus('')).toBe('processing');
    expect(mapOrderStatus('completed')).toBe('completed');
    expect(mapOrderStatus('CANCELLED')).toBe('failed');
  });

  it('maps every error code to a rejection or "look it up"', () => {
    const mapped = Object.fromEntries(gamexErrorCodes.map((code) => [code, mapError({ code, message: 'x' }, 400)]));
    expect(mapped).toEqual({
      VALIDATION_ERROR: { kind: 'rejected', code: 'player_fields_invalid' },
      INSUFFICIENT_BALANCE: { kind: 'rejected', code: 'reseller_balance_low' },
      OUT_OF_STOCK: { kind: 'rejected', code: 'out_of_stock' },
      PRODUCT_NOT_FOUND: { kind: 'rejected', code: 'product_not_found' },
      PRODUCT_INACTIVE: { kind: 'rejected', code: 'provider_inactive' },
      PLAYER_NOT_FOUND: { kind: 'rejected', code: 'player_not_found' },
      INVALID_QTY: { kind: 'rejected', code: 'quantity_not_allowed' },
      IDEMPOTENCY_CONFLICT: { kind: 'unknown' },
      ORDER_NOT_FOUND: { kind: 'rejected', code: 'reseller_rejected' },
    });
    expect(mapError({ code: 'VALIDATION_ERROR', message: 'Top-up orders must use qty 1.' }, 422)).toEqual({ kind: 'rejected', code: 'quantity_not_allowed' });
  });

  it('falls back on the HTTP status for a code it does not know', () => {
    expect(mapError({ code: 'LOW_FUNDS' }, 402)).toEqual({ kind: 'rejected', code: 'reseller_balance_low' });
    expect(mapError({ code: 'NOPE' }, 404)).toEqual({ kind: 'rejected', code: 'product_not_found' });
    expect(mapError({ code: 'DUPLICATE' }, 409)).toEqual({ kind: 'unknown' });
    expect(mapError({ code: 'SOMETHING_NEW' }, 422)).toEqual({ kind: 'rejected', code: 'reseller_rejected' });
  });

  it('reads a player check answer with and without nickname_verified', () => {
    expect(playerCheckOf({ success: true, data: { nickname: 'A', nickname_verified: true, validation_optional: false } }, 200, false)).toEqual({ kind: 'valid', nickname: 'A' });
    expect(playerCheckOf({ success: true, data: { nickname: 'A' } }, 200, false)).toEqual({ kind: 'valid', nickname: 'A' });
    expect(playerCheckOf({ success: true, data: { nickname: null, nickname_verified: false } }, 200, false)).toMatchObject({ kind: 'invalid', code: 'player_not_found' });
    expect(playerCheckOf({ success: true, data: { nickname: null, nickname_verified: false } }, 200, true)).toEqual({ kind: 'not_verifiable' });
    expect(playerCheckOf({ success: false, error: { code: 'PLAYER_NOT_FOUND' } }, 404, true)).toEqual({ kind: 'not_verifiable' });
    expect(playerCheckOf({ success: false, error: { code: 'PRODUCT_NOT_FOUND' } }, 404, false)).toEqual({ kind: 'not_verifiable' });
  });
});

describe('gamexbulk wire shapes', () => {
  const documented = {
    id: 55, name: 'Steam Wallet 10 USD', game_id: 0, game: '', category_id: 3, category: 'Gift Cards',
    type: 'VOUCHER', price: '9.9900', stock_status: 'FINITE', stock_count: 120, fields: [],
  };

  it('reads the document’s product example', () => {
    const product = toResellerProduct(productSchema.parse(documented), 'USD', names);
    expect(product).toMatchObject({ sku: '55', game: null, category: 'Gift Cards', type: 'voucher', stock: 120, maxQuantity: 120 });
    expect(product?.cost.equals(Money.of('9.99', 'USD'))).toBe(true);
  });

  it('accepts a JSON-number price and string ids, exactly', () => {
    const product = toResellerProduct(productSchema.parse({ ...documented, id: '55', price: 0.1, stock_count: null, stock_status: null }), 'USD', names);
    expect(product?.cost.amount.toString()).toBe('0.1');
    expect(product).toMatchObject({ sku: '55', inStock: true, stock: null });
    expect(() => productSchema.parse({ ...documented, price: Number.NaN })).toThrow();
    expect(() => productSchema.parse({ ...documented, price: '-1' })).toThrow();
  });

  it('reads player fields as names or as objects with options', () => {
    const topup = { ...documented, type: 'TOPUP', fields: [{ name: 'player_id', label: 'UID', required: true }, { name: 'server_id', label: 'Server', required: true, options: [{ value: 1, label: 'Asia' }, 'Europe'] }, { name: 'input_2', label: 'Character' }] };
    const product = toResellerProduct(productSchema.parse(topup), 'USD', names)!;
    expect(product.playerFields).toEqual([
      { key: 'player_id', label: 'UID', required: true, pattern: '^\\S+$', hint: 'no spaces' },
      { key: 'server', label: 'Server', required: true, options: [{ value: '1', label: 'Asia' }, { value: 'Europe', label: 'Europe' }] },
      { key: 'input_2', label: 'Character', required: true },
    ]);
    const zone = toResellerProduct(productSchema.parse({ ...topup, fields: ['player_id', 'zone_id'] }), 'USD', names)!;
    expect(zone.playerFields.map((f) => f.key)).toEqual(['player_id', 'zone']);
  });

  it('skips a product type the shop does not sell', () => {
    expect(toResellerProduct(productSchema.parse({ ...documented, type: 'SUBSCRIPTION' }), 'USD', names)).toBeUndefined();
  });

  it('reads delivery as an array (document) or a single string, and error envelopes of both kinds', () => {
    expect(orderStateOf(orderSchema.parse({ order_id: 1, status: 'COMPLETED', delivery: 'PIN-1' }), 'USD')).toMatchObject({ items: [{ code: 'PIN-1' }], deliveryCode: 'PIN-1' });
    expect(orderStateOf(orderSchema.parse({ order_id: '1', status: 'PENDING', delivery: null, price: null }), undefined)).toEqual({ status: 'pending', resellerOrderId: '1' });
    expect(errorEnvelope.parse({ success: false, error: { code: 'VALIDATION_ERROR', message: 'player_id is required.' } }).error.code).toBe('VALIDATION_ERROR');
    expect(errorEnvelope.parse({ success: false, error: 'Server busy' }).error).toEqual({ code: 'UNKNOWN', message: 'Server busy' });
    expect(listEnvelope(orderSchema).safeParse({ success: true, data: [{ order_id: 8821, status: 'COMPLETED', price: '19.9800' }] }).success).toBe(true);
  });

  it('parses region and denomination (shared parser) from names', () => {
    expect(regionOf('PUBG Mobile 60 UC (Global)')).toBe('Global');
    expect(regionOf('Free Fire 100 Diamonds [ID]')).toBe('ID');
    expect(regionOf('Valorant 475 VP (Bonus)')).toBeNull();
    const named = (name: string) => toResellerProduct(productSchema.parse({ ...documented, name }), 'USD', names);
    expect(named('Mobile Legends 86 Diamonds')?.denomination).toEqual({ amount: '86', unit: 'DIAMONDS' });
    expect(named('Weekly Pass')?.denomination).toBeUndefined();
  });
});
