import { Money } from '../src/core/money.js';
import type { Listing, Offer, PlayerFieldSpec, ProductType } from '../src/core/catalog/types.js';

/**
 * A deterministic catalog shaped like a real top-up shop's: the well-known games and voucher
 * brands with their real pack sizes in many regions, then a long tail of lesser games, each
 * listing backed by one to four reseller offers. Same seed, same catalog, byte for byte.
 */

/** mulberry32: tiny, fast and good enough for test data; `Math.random` cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProductLine {
  game: string | null;
  /** Brand for vouchers ("Steam Wallet"), the game otherwise. */
  title: string;
  category: string;
  unit: string;
  amounts: readonly string[];
  /** Items sold without a pack size. */
  extras: readonly string[];
  type: ProductType;
  regions: readonly string[];
}

const ALL_REGIONS = ['Global', 'ID', 'MY', 'PH', 'SG', 'TH', 'VN', 'BR', 'TR', 'US', 'EU', 'IN', 'SEA', 'MENA', 'JP', 'KR', 'TW', 'RU', 'LATAM', 'MX', 'PK', 'BD'];
const ASIA = ['Global', 'ID', 'MY', 'PH', 'SG', 'TH', 'VN', 'SEA', 'IN', 'PK', 'BD', 'TW'];
const RESELLERS = ['gamexbulk', 'gamesdrop', 'lapakgaming', 'xzian'];
const RESELLER_CURRENCY: Record<string, string> = { gamexbulk: 'USD', gamesdrop: 'USD', lapakgaming: 'IDR', xzian: 'MYR' };

const topup = (game: string, category: string, unit: string, amounts: string[], extras: string[] = [], regions = ALL_REGIONS): ProductLine => ({
  game, title: game, category, unit, amounts, extras, type: 'topup', regions,
});
const voucher = (brand: string, unit: string, amounts: string[], regions: string[]): ProductLine => ({
  game: null, title: brand, category: `${brand} Vouchers`, unit, amounts, extras: [], type: 'voucher', regions,
});

/** The games and brands buyers actually ask for, with their real pack sizes. */
export const KNOWN_LINES: readonly ProductLine[] = [
  topup('PUBG Mobile', 'UC Packages', 'UC', ['60', '325', '660', '1800', '3850', '8100'], ['Royale Pass', 'Elite Pass Plus']),
  topup('Mobile Legends', 'Diamonds', 'Diamonds', ['86', '172', '257', '344', '429', '514', '706', '878', '963', '1050', '2195', '3688', '5532', '9288'], ['Weekly Diamond Pass', 'Twilight Pass']),
  topup('Free Fire', 'Diamonds', 'Diamonds', ['100', '210', '355', '720', '1450', '2180', '3640', '7290'], ['Weekly Membership', 'Monthly Membership'], ASIA.concat(['BR', 'LATAM', 'MENA'])),
  topup('Genshin Impact', 'Genesis Crystals', 'Genesis Crystals', ['60', '330', '1090', '2240', '3880', '8080'], ['Blessing of the Welkin Moon']),
  topup('Honkai: Star Rail', 'Oneiric Shards', 'Oneiric Shards', ['60', '330', '1090', '2240', '3880', '8080'], ['Express Supply Pass']),
  topup('Call of Duty: Mobile', 'CP', 'CP', ['80', '420', '880', '2400', '5000', '10800'], ['Battle Pass']),
  topup('Valorant', 'Valorant Points', 'VP', ['475', '1000', '2050', '3650', '5350', '11000'], [], ['Global', 'ID', 'MY', 'PH', 'SG', 'TH', 'VN', 'BR', 'TR', 'US', 'EU', 'KR', 'JP']),
  topup('Honor of Kings', 'Tokens', 'Tokens', ['16', '80', '240', '400', '560', '800', '1200', '2400', '4000', '8000']),
  topup('Zenless Zone Zero', 'Monochrome', 'Monochrome', ['60', '330', '1090', '2240', '3880', '8080'], ['Inter-Knot Membership']),
  topup('Wuthering Waves', 'Lunite', 'Lunite', ['60', '300', '980', '1980', '3280', '6480'], ['Lunite Subscription']),
  topup('League of Legends', 'Riot Points', 'RP', ['575', '1380', '2800', '4500', '6500', '13500']),
  topup('League of Legends: Wild Rift', 'Wild Cores', 'Wild Cores', ['425', '1000', '1850', '3275', '4800', '10000']),
  topup('Roblox', 'Robux', 'Robux', ['80', '400', '800', '1700', '4500', '10000']),
  topup('Clash of Clans', 'Gems', 'Gems', ['80', '500', '1200', '2500', '6500', '14000'], ['Gold Pass']),
  topup('Clash Royale', 'Gems', 'Gems', ['80', '500', '1200', '2500', '6500', '14000'], ['Pass Royale']),
  topup('Arena of Valor', 'Vouchers', 'Vouchers', ['40', '90', '230', '470', '950', '1430']),
  topup('Apex Legends Mobile', 'Syndicate Gold', 'Syndicate Gold', ['60', '300', '680', '1280', '3280', '6480']),
  topup('Fortnite', 'V-Bucks', 'V-Bucks', ['1000', '2800', '5000', '13500']),
  topup('EA Sports FC Mobile', 'FC Points', 'FC Points', ['100', '500', '1050', '2200', '5750', '12000']),
  topup('Sausage Man', 'Candies', 'Candies', ['60', '300', '980', '1980', '3280', '6480']),
  topup('Stumble Guys', 'Gems', 'Gems', ['150', '400', '1000', '2500', '6000']),
  topup('Lords Mobile', 'Diamonds', 'Diamonds', ['70', '350', '700', '1400', '3500', '7000']),
  topup('Point Blank', 'Cash', 'Cash', ['1200', '2400', '6000', '12000', '36000', '60000']),
  topup('Ragnarok Origin', 'Nyan Berry', 'Nyan Berry', ['6', '30', '60', '120', '300', '600']),
  topup('Minecraft', 'Minecoins', 'Minecoins', ['320', '1720', '3500', '8000']),
  topup('Pokémon Unite', 'Aeos Gems', 'Aeos Gems', ['60', '245', '490', '1220', '2450', '6000']),
  voucher('Steam Wallet', 'USD', ['5', '10', '20', '50', '100'], ['US', 'Global']),
  voucher('Steam Wallet', 'IDR', ['12000', '45000', '60000', '90000', '120000', '250000', '400000', '600000'], ['ID']),
  voucher('Steam Wallet', 'MYR', ['10', '20', '30', '50', '100', '200'], ['MY']),
  voucher('Google Play', 'USD', ['5', '10', '15', '25', '50', '100'], ['US', 'Global']),
  voucher('Google Play', 'IDR', ['5000', '10000', '20000', '50000', '100000', '150000', '300000', '500000'], ['ID']),
  voucher('Google Play', 'TRY', ['25', '50', '100', '250', '500'], ['TR']),
  voucher('Razer Gold', 'USD', ['1', '2', '5', '10', '20', '50', '100'], ['Global', 'US']),
  voucher('Razer Gold', 'MYR', ['10', '20', '50', '100', '200', '500'], ['MY']),
  voucher('PlayStation Network', 'USD', ['10', '20', '25', '50', '75', '100'], ['US']),
  voucher('PlayStation Network', 'EUR', ['5', '10', '20', '25', '50', '100'], ['EU']),
  voucher('Apple Gift Card', 'USD', ['2', '5', '10', '15', '25', '50', '100'], ['US']),
  voucher('Xbox Gift Card', 'USD', ['10', '15', '25', '50', '100'], ['US', 'Global']),
  voucher('Nintendo eShop', 'USD', ['10', '20', '35', '50'], ['US']),
  voucher('Netflix', 'USD', ['15', '25', '30', '50', '100'], ['US', 'Global']),
  voucher('Spotify Premium', 'USD', ['10', '30', '60'], ['US', 'Global']),
  voucher('Garena Shells', 'Shells', ['33', '66', '165', '330', '1650', '3300'], ['ID', 'MY', 'PH', 'SG', 'TH', 'VN']),
];

const TAIL_FIRST = ['Dragon', 'Shadow', 'Eternal', 'Legend of', 'Heroes of', 'Rise of', 'Age of', 'Tower of', 'Tales of', 'Mystic', 'Cyber', 'Star', 'Infinity', 'Pixel', 'Idle', 'Last', 'Lost', 'Crystal', 'Iron', 'Royal', 'Brave', 'Phantom', 'Neon', 'Summoners', 'Ocean', 'Sky', 'Blade', 'Demon', 'Celestial', 'Wild'];
const TAIL_SECOND = ['Raja', 'Nikki', 'Arena', 'Kingdoms', 'Empires', 'Odyssey', 'Knights', 'Souls', 'Realms', 'Warriors', 'Hunters', 'Survivors', 'Galaxy', 'Dynasty', 'Frontier', 'Chronicles', 'Saga', 'Storm', 'Conquest', 'Guardians', 'Tactics', 'Racing', 'Heroes', 'Clans', 'Island', 'Fantasy', 'Valkyrie', 'Paradise', 'Dungeon', 'War'];
const TAIL_SUFFIX = ['', '', '', ' M', ' Mobile', ' Online', ' Origin', ' Reborn', ' 2', ' X', ' Idle', ' SEA'];
const TAIL_UNITS = ['Diamonds', 'Gems', 'Coins', 'Crystals', 'Gold', 'Tokens', 'Points', 'Shards', 'Orbs', 'Credits', 'Jades', 'Tickets', 'Stars', 'Pearls', 'Rubies'];
const TAIL_AMOUNTS = ['10', '30', '50', '60', '60', '100', '120', '250', '300', '330', '500', '600', '680', '980', '1000', '1280', '1980', '2500', '3280', '5000', '6480', '10000'];

const slug = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Price as an exact decimal string built from integer cents: no float ever reaches Money. */
function price(random: () => number, currency: string): Money {
  const cents = 50 + Math.floor(random() * 20_000);
  if (currency === 'IDR') return Money.of(String(cents * 150), currency);
  const whole = Math.floor(cents / 100);
  return Money.of(`${whole}.${String(cents % 100).padStart(2, '0')}`, currency);
}

function tailLines(random: () => number): ProductLine[] {
  const lines: ProductLine[] = [];
  const seen = new Set<string>();
  for (const first of TAIL_FIRST) {
    for (const second of TAIL_SECOND) {
      const game = `${first} ${second}${pick(random, TAIL_SUFFIX)}`;
      if (seen.has(game)) continue;
      seen.add(game);
      const unit = pick(random, TAIL_UNITS);
      const amounts = TAIL_AMOUNTS.filter(() => random() < 0.3);
      const regions = ALL_REGIONS.filter(() => random() < 0.25);
      if (amounts.length === 0 || regions.length === 0) continue;
      lines.push(topup(game, unit, unit, amounts, random() < 0.3 ? ['Monthly Card'] : [], regions));
    }
  }
  return lines;
}

function playerFields(line: ProductLine): PlayerFieldSpec[] {
  if (line.type === 'voucher') return [];
  const fields: PlayerFieldSpec[] = [{ key: 'player_id', label: 'Player ID', required: true, pattern: '^[0-9]{5,12}$' }];
  if (line.game === 'Mobile Legends') fields.push({ key: 'zone', label: 'Zone ID', required: true, pattern: '^[0-9]{2,5}$' });
  return fields;
}

/**
 * `count` listings (50,000 for the bench) from `seed`. Known lines come first in every region
 * they sell in; the long tail fills the rest.
 */
export function syntheticCatalog(count = 50_000, seed = 20261121): Listing[] {
  const random = seededRandom(seed);
  const listings: Listing[] = [];
  const ids = new Set<string>();
  const emit = (line: ProductLine, item: { name: string; denomination?: { amount: string; unit: string } }, region: string): void => {
    const id = `${slug(item.name)}:${slug(region)}:${line.type}`;
    if (listings.length >= count || ids.has(id)) return;
    ids.add(id);
    const offers: Offer[] = [];
    const sellers = RESELLERS.filter(() => random() < 0.55);
    if (sellers.length === 0) sellers.push(pick(random, RESELLERS));
    for (const resellerId of sellers) {
      const sku = `${resellerId.slice(0, 3).toUpperCase()}-${listings.length}-${offers.length}`;
      offers.push({
        resellerId, sku, offerId: `${resellerId}:${sku}`, enabled: true,
        game: line.game, category: line.category, name: item.name, denomination: item.denomination,
        region, type: line.type, playerFields: playerFields(line),
        cost: price(random, RESELLER_CURRENCY[resellerId] ?? 'USD'), inStock: random() < 0.9,
      });
    }
    const renamed = random() < 0.03;
    listings.push({
      id, game: line.game, category: line.category, name: item.name,
      displayName: renamed ? `${item.name} (${region}) - Promo` : `${item.name} (${region})`,
      region, type: line.type, denomination: item.denomination, featured: random() < 0.02,
      offers, playerFields: playerFields(line),
    });
  };
  const lines = [...KNOWN_LINES, ...tailLines(random)];
  for (const line of lines) {
    for (const region of line.regions) {
      for (const amount of line.amounts) {
        emit(line, { name: `${line.title} ${amount} ${line.unit}`, denomination: { amount, unit: line.unit.toUpperCase() } }, region);
      }
      for (const extra of line.extras) emit(line, { name: `${line.title} ${extra}` }, region);
    }
  }
  // The long tail again with bundles and bonus packs until the catalog is full, as resellers
  // list "x2 first top-up" and "bundle" variants beside the plain packs.
  const variants = ['Bundle', 'First Top-up Bonus', 'Starter Pack', 'Value Pack', 'Mega Pack', 'Promo'];
  for (let round = 0; listings.length < count; round++) {
    const line = pick(random, lines);
    const amount = pick(random, line.amounts.length > 0 ? line.amounts : TAIL_AMOUNTS);
    const variant = `${pick(random, variants)}${round > 5000 ? ` ${1 + (round % 97)}` : ''}`;
    const region = pick(random, line.regions);
    emit(line, { name: `${line.title} ${amount} ${line.unit} ${variant}`, denomination: { amount, unit: line.unit.toUpperCase() } }, region);
  }
  return listings;
}
