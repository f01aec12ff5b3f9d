import { describe, expect, it } from 'vitest';
import { SearchIndex, normalizeSearchText, parseDenomination } from '../src/core/catalog/search.js';
import { SEARCH_ALIASES, REGION_NAMES } from '../src/core/catalog/search-aliases.js';
import { tokenize } from '../src/core/catalog/search-normalize.js';
import type { Listing, Offer, ProductType } from '../src/core/catalog/types.js';
import { Money } from '../src/core/money.js';

interface Draft {
  id: string;
  game: string | null;
  category: string;
  name: string;
  region: string | null;
  displayName?: string;
  type?: ProductType;
  featured?: boolean;
  inStock?: boolean;
}

function listing(d: Draft): Listing {
  const type = d.type ?? (d.game === null ? 'voucher' : 'topup');
  const denomination = parseDenomination(d.name);
  const offer: Offer = {
    resellerId: 'gamexbulk',
    sku: `SKU-${d.id}`,
    offerId: `gamexbulk:SKU-${d.id}`,
    enabled: true,
    game: d.game,
    category: d.category,
    name: d.name,
    denomination,
    region: d.region,
    type,
    playerFields: [],
    cost: Money.of('0.99', 'USD'),
    inStock: d.inStock ?? true,
  };
  return {
    id: d.id,
    game: d.game,
    category: d.category,
    name: d.name,
    displayName: d.displayName ?? d.name,
    region: d.region,
    type,
    denomination,
    featured: d.featured ?? false,
    offers: [offer],
    playerFields: [],
  };
}

const pubg = (amount: string, region = 'Global', extra: Partial<Draft> = {}): Listing =>
  listing({ id: `pubg-${amount}-${region}`, game: 'PUBG Mobile', category: 'UC Packages', name: `PUBG Mobile ${amount} UC`, region, ...extra });

const catalog: Listing[] = [
  pubg('60'),
  pubg('600', 'Global', { featured: true }),
  pubg('6000'),
  pubg('660'),
  pubg('325', 'ID'),
  listing({ id: 'ml-86-id', game: 'Mobile Legends', category: 'Diamonds', name: 'Mobile Legends 86 Diamonds', region: 'ID' }),
  listing({ id: 'ml-172-my', game: 'Mobile Legends', category: 'Diamonds', name: 'Mobile Legends 172 Diamonds', region: 'MY' }),
  listing({ id: 'ml-wdp-ph', game: 'Mobile Legends', category: 'Passes', name: 'Mobile Legends Weekly Diamond Pass', region: 'PH' }),
  // Has both words of "mobile legend" exactly, in the wrong order: a decoy for typo ranking.
  listing({ id: 'decoy', game: 'Legend of Mobile Heroes', category: 'Gems', name: 'Legend of Mobile Heroes 86 Gems', region: 'Global' }),
  listing({ id: 'ff-100', game: 'Free Fire', category: 'Diamonds', name: 'Free Fire 100 Diamonds', region: 'ID' }),
  listing({ id: 'ff-210', game: 'Free Fire', category: 'Diamonds', name: 'Free Fire 210 Diamonds', region: 'ID', featured: true }),
  listing({ id: 'gi-60', game: 'Genshin Impact', category: 'Genesis Crystals', name: 'Genshin Impact 60 Genesis Crystals', region: 'Global' }),
  listing({ id: 'gi-welkin', game: 'Genshin Impact', category: 'Passes', name: 'Blessing of the Welkin Moon', region: 'Global', displayName: 'Genshin Impact Welkin Moon' }),
  listing({ id: 'hsr-60', game: 'Honkai: Star Rail', category: 'Oneiric Shards', name: 'Honkai: Star Rail 60 Oneiric Shards', region: 'Global' }),
  listing({ id: 'codm-80', game: 'Call of Duty: Mobile', category: 'CP', name: 'Call of Duty: Mobile 80 CP', region: 'Global' }),
  listing({ id: 'val-475-my', game: 'Valorant', category: 'Valorant Points', name: 'Valorant 475 VP', region: 'MY' }),
  listing({ id: 'val-475-tr', game: 'Valorant', category: 'Valorant Points', name: 'Valorant 475 VP', region: 'TR' }),
  listing({ id: 'steam-10-usd', game: null, category: 'Steam Wallet', name: 'Steam Wallet 10 USD', region: 'US' }),
  listing({ id: 'steam-12000-idr', game: null, category: 'Steam Wallet', name: 'Steam Wallet 12,000 IDR', region: 'Indonesia' }),
  listing({ id: 'gp-10-usd', game: null, category: 'Google Play', name: 'Google Play 10 USD', region: 'US' }),
  listing({ id: 'pokemon-60', game: 'Pokémon Unite', category: 'Aeos Gems', name: 'Pokémon Unite 60 Aeos Gems', region: 'Global' }),
  // Same display name and score; the out-of-stock one sorts first by id.
  listing({ id: 'a-razer-10-global', game: null, category: 'Razer Gold', name: 'Razer Gold 10 USD', region: 'Global', inStock: false }),
  listing({ id: 'b-razer-10-us', game: null, category: 'Razer Gold', name: 'Razer Gold 10 USD', region: 'US' }),
];

const index = new SearchIndex(catalog);
const ids = (query: string, pageSize = 100): string[] => index.search(query, { pageSize }).hits.map((h) => h.listing.id);
const first = (query: string): string | undefined => ids(query)[0];

describe('product search', () => {
  describe('typed the way people type', () => {
    it('finds Mobile Legends for "mobil legend", above a game that has both words in another order', () => {
      const found = ids('mobil legend');
      expect(found.slice(0, 3).every((id) => id.startsWith('ml-'))).toBe(true);
      expect(found.indexOf('decoy')).toBeGreaterThan(2);
    });

    it('finds Genshin Impact for "genshn"', () => {
      expect(first('genshn')).toMatch(/^gi-/);
    });

    it('finds Valorant for "valornt" (two typos allowed in a long word)', () => {
      expect(first('valornt')).toMatch(/^val-/);
    });

    it('finds Steam Wallet for "steam walet 10"', () => {
      expect(first('steam walet 10')).toBe('steam-10-usd');
    });

    it('completes the word still being typed: "gens" finds Genshin Impact', () => {
      expect(first('gens')).toMatch(/^gi-/);
    });

    it('completes a word still being typed that holds a typo: "mobile legnd"', () => {
      expect(first('mobile legnd')).toMatch(/^ml-/);
    });

    it('does not complete a word followed by a space', () => {
      expect(index.search('gens ').total).toBe(0);
    });

    it('is case-, accent- and punctuation-insensitive', () => {
      expect(first('pokemon')).toBe('pokemon-60');
      expect(first('POKÉMON!!')).toBe('pokemon-60');
      expect(first('honkai star-rail')).toBe('hsr-60');
    });

    it('reads letters glued to a number as two words: "60uc"', () => {
      expect(first('60uc')).toBe('pubg-60-Global');
    });

    it('ignores words that match nothing in the catalog', () => {
      expect(first('cheap pubg 60 pls')).toBe('pubg-60-Global');
    });

    it('returns the listings matching most words when none matches them all', () => {
      const found = ids('valorant google');
      expect(found).toEqual(expect.arrayContaining(['val-475-my', 'gp-10-usd']));
    });
  });

  describe('aliases', () => {
    it.each([
      ['ml', 'ml-'],
      ['mlbb', 'ml-'],
      ['ff', 'ff-'],
      ['pubgm', 'pubg-'],
      ['gi', 'gi-'],
      ['genshin', 'gi-'],
      ['cod', 'codm-'],
      ['codm', 'codm-'],
      ['hsr', 'hsr-'],
      ['val', 'val-'],
    ])('finds the game for "%s"', (query, prefix) => {
      const found = ids(query);
      expect(found.length).toBeGreaterThan(0);
      for (const id of found) expect(id.startsWith(prefix)).toBe(true);
    });

    it('reads "dm" as diamonds and "uc" as UC', () => {
      expect(first('ml 86 dm')).toBe('ml-86-id');
      expect(ids('uc').every((id) => id.startsWith('pubg-'))).toBe(true);
    });

    it('keeps every alias a single search word, so it can be looked up', () => {
      for (const [alias, phrases] of Object.entries(SEARCH_ALIASES)) {
        expect(tokenize(alias)).toHaveLength(1);
        for (const phrase of phrases) expect(tokenize(phrase).length).toBeGreaterThan(0);
      }
      for (const code of Object.keys(REGION_NAMES)) expect(tokenize(code)).toHaveLength(1);
    });
  });

  describe('numbers as pack sizes', () => {
    it('ranks 60 UC before 600 UC for "pubg 60"', () => {
      const found = ids('pubg 60');
      expect(found[0]).toBe('pubg-60-Global');
      expect(found.indexOf('pubg-600-Global')).toBeLessThan(found.indexOf('pubg-6000-Global'));
    });

    it('ranks an exact pack size above a featured longer one', () => {
      expect(index.search('pubg 60').hits[1]?.listing.id).toBe('pubg-600-Global');
      expect(first('pubg 60')).toBe('pubg-60-Global');
    });

    it('does not match a number by typo: "66" is neither 60 nor 660', () => {
      expect(index.search('66 ').total).toBe(0);
    });

    it('completes a number still being typed, shortest first', () => {
      expect(ids('pubg 6').slice(0, 2)).toEqual(['pubg-60-Global', 'pubg-600-Global']);
    });

    it('matches amounts however they are written: "12000" finds "12,000 IDR"', () => {
      expect(first('steam 12000')).toBe('steam-12000-idr');
    });
  });

  describe('regions', () => {
    it('matches region codes and names against the listing region', () => {
      expect(ids('ml id')).toEqual(['ml-86-id']);
      expect(ids('mobile legends indonesia')).toEqual(['ml-86-id']);
      expect(ids('valorant my')).toEqual(['val-475-my']);
      expect(ids('valorant turkey')).toEqual(['val-475-tr']);
      expect(ids('ml ph')).toEqual(['ml-wdp-ph']);
    });

    it('finds a region written out in the catalog by its code', () => {
      expect(ids('steam id')).toEqual(['steam-12000-idr']);
    });
  });

  describe('ranking and paging', () => {
    it('puts a featured listing first among equals', () => {
      expect(ids('free fire')).toEqual(['ff-210', 'ff-100']);
    });

    it('puts out-of-stock listings after in-stock ones when otherwise tied', () => {
      const hits = index.search('razer gold 10').hits;
      expect(hits.map((h) => h.listing.id)).toEqual(['b-razer-10-us', 'a-razer-10-global']);
      expect(hits[0]?.score).toBe(hits[1]?.score);
    });

    it('orders ties by display name with numbers as numbers, then by id', () => {
      expect(ids('pubgm')).toEqual([
        'pubg-600-Global', // featured
        'pubg-60-Global',
        'pubg-325-ID',
        'pubg-660-Global',
        'pubg-6000-Global',
      ]);
    });

    it('pages through the same order it ranks in', () => {
      const all = ids('pubg', 100);
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const result = index.search('pubg', { page, pageSize: 2 });
        expect(result.total).toBe(all.length);
        paged.push(...result.hits.map((h) => h.listing.id));
      }
      expect(paged).toEqual(all);
      expect(index.search('pubg', { page: 4, pageSize: 2 }).hits).toEqual([]);
    });

    it('picks the same first page from many matches as a full ranking does', () => {
      const many = Array.from({ length: 300 }, (_, i) =>
        listing({
          id: `coins-${String(i).padStart(3, '0')}`,
          game: `Coin Game ${i % 7}`,
          category: 'Coins',
          name: `Coin Game ${i % 7} ${(i * 37) % 1000} Coins`,
          region: i % 3 === 0 ? 'Global' : 'ID',
          featured: i % 11 === 0,
          inStock: i % 5 !== 0,
        }),
      );
      const big = new SearchIndex(many);
      const full = big.search('coin', { pageSize: 100 }).hits.map((h) => h.listing.id);
      for (let page = 1; page <= 4; page++) {
        const paged = big.search('coin', { page, pageSize: 5 }).hits.map((h) => h.listing.id);
        expect(paged).toEqual(full.slice((page - 1) * 5, page * 5));
      }
    });

    it('gives the same order whatever order the catalog came in', () => {
      const reversed = new SearchIndex([...catalog].reverse());
      for (const query of ['pubg', 'diamonds', 'mobile', 'razer gold 10', '60']) {
        expect(reversed.search(query, { pageSize: 100 }).hits.map((h) => h.listing.id)).toEqual(ids(query));
      }
    });

    it('returns nothing for an empty query or one without letters or digits', () => {
      for (const query of ['', '   ', '!!!', '🔥']) expect(index.search(query)).toEqual({ total: 0, hits: [] });
    });

    it('returns nothing when no word matches the catalog', () => {
      expect(index.search('zzzzqqq').total).toBe(0);
    });

    it('searches an empty catalog', () => {
      expect(new SearchIndex([]).search('pubg')).toEqual({ total: 0, hits: [] });
    });
  });
});

describe('normalizeSearchText', () => {
  it('strips accents, case and punctuation and splits letters from digits', () => {
    expect(normalizeSearchText('Pokémon 60UC!')).toBe('pokemon 60 uc');
    expect(normalizeSearchText('Honkai: Star-Rail')).toBe('honkai star rail');
    expect(normalizeSearchText('Çağrı Straße')).toBe('cagri strasse');
    expect(normalizeSearchText('Ｆｕｌｌｗｉｄｔｈ ５０')).toBe('fullwidth 50');
  });

  it('writes numbers one way: thousands separators dropped, decimal comma as a dot', () => {
    expect(normalizeSearchText('1,000 Diamonds')).toBe('1000 diamonds');
    expect(normalizeSearchText('Rp 50.000')).toBe('rp 50000');
    expect(normalizeSearchText('12,50 EUR')).toBe('12.50 eur');
    expect(normalizeSearchText('9.99 USD')).toBe('9.99 usd');
  });
});

describe('parseDenomination', () => {
  it.each([
    ['PUBG Mobile 60 UC', '60', 'UC'],
    ['Mobile Legends 86 Diamonds', '86', 'DIAMONDS'],
    ['Steam Wallet 10 USD', '10', 'USD'],
    ['Genshin Impact 60 Genesis Crystals', '60', 'GENESIS CRYSTALS'],
    ['Call of Duty: Mobile 80 CP', '80', 'CP'],
    ['Fortnite 1000 V-Bucks', '1000', 'VBUCKS'],
    ['Mobile Legends 1,050 DM', '1050', 'DIAMONDS'],
    ['Free Fire 100 Diamonds + 10 Bonus', '100', 'DIAMONDS'],
    ['PUBG Mobile 60+6 UC', '60', 'UC'],
    ['Honkai Impact 3rd 60 Crystals', '60', 'CRYSTALS'],
    ['Steam Wallet $10', '10', 'USD'],
    ['Google Play Rp 50.000', '50000', 'IDR'],
    ['PSN €20', '20', 'EUR'],
    ['Razer Gold 10.00 USD', '10', 'USD'],
    ['Steam Wallet 12,50 EUR', '12.5', 'EUR'],
    ['60UC', '60', 'UC'],
    ['Roblox 800 Robux', '800', 'ROBUX'],
    ['PUBG Mobile UC 60', '60', 'UC'],
    ['Razer Gold 10 USD', '10', 'USD'],
    ['Razer Gold USD 10', '10', 'USD'],
  ])('reads %s as %s %s', (name, amount, unit) => {
    expect(parseDenomination(name)).toEqual({ amount, unit });
  });

  it('gives one answer for every spelling of the same pack', () => {
    const spellings = ['Mobile Legends 86 Diamonds', 'MLBB 86 dm', 'ML 86 diamond', 'Mobile Legends - 86 DIAMONDS', 'mobile legends 086 diamonds'];
    for (const name of spellings) expect(parseDenomination(name)).toEqual({ amount: '86', unit: 'DIAMONDS' });
  });

  it('finds nothing in a name without a pack size', () => {
    expect(parseDenomination('Weekly Diamond Pass')).toBeUndefined();
    expect(parseDenomination('Blessing of the Welkin Moon')).toBeUndefined();
    expect(parseDenomination('')).toBeUndefined();
  });
});
