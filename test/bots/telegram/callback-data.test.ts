import { describe, expect, it } from 'vitest';
import { decode, decodeAs, encode, MAX_CALLBACK_BYTES, nameKey } from '../../../src/bots/telegram/callback-data.js';

describe('callback data', () => {
  it('round-trips every kind of button', () => {
    const quote = '988de646-77d3-4b3f-a5d2-143e211fd92e';
    const samples = [
      encode('m', 'shop'),
      encode('lang', 'ru'),
      encode('bg', 2),
      encode('bc', nameKey('PUBG Mobile')),
      encode('bl', nameKey('PUBG Mobile'), nameKey('PUBG Mobile', 'UC Packages'), 3),
      encode('pb', 'AbC-12_xyz90'),
      encode('sr', 4),
      encode('f', 'NhlISj', 'c'),
      encode('f', 'NhlISj', 'o', 3),
      encode('pw', quote),
      encode('ps', quote),
      encode('pt', quote),
      encode('op', 1),
      encode('od', 'K7F3-92QX'),
      encode('wb'),
      encode('wh', 2),
      encode('wt'),
      encode('wa', '10'),
      encode('wm', 'stars', '25.50'),
    ];
    for (const data of samples) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decode(data), data).toBeDefined();
    }
    expect(decodeAs('bl', samples[4])).toEqual([nameKey('PUBG Mobile'), nameKey('PUBG Mobile', 'UC Packages'), 3]);
    expect(decodeAs('f', encode('f', 'abc', 'o', 7))).toEqual(['abc', 'o', 7]);
    expect(decodeAs('pw', encode('pw', quote))).toEqual([quote]);
  });

  it('treats unknown, malformed or oversized data as expired', () => {
    for (const data of ['', 'zz:1', 'pb', 'pb:../../etc', 'bg:0', 'bg:x', 'f:toolongflowid:c', 'f:abc:q', 'wm:paypal:10', 'wa:-5', `pb:${'a'.repeat(70)}`, 'm:shop:extra']) {
      expect(decode(data), data).toBeUndefined();
    }
    expect(decodeAs('pw', encode('ps', '988de646-77d3-4b3f-a5d2-143e211fd92e'))).toBeUndefined();
  });

  it('refuses to build data that would not decode or fit', () => {
    expect(() => encode('pb', 'has space')).toThrow(TypeError);
    expect(() => encode('bg', 0)).toThrow(TypeError);
  });
});
