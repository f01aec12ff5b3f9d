import { canonicalNumber, foldCase, unifyNumbers } from './search-normalize.js';

/**
 * Unit spellings resellers use, by the one unit we store. Offers from different resellers are
 * merged on the parsed denomination, so every spelling of one unit must land on one name here.
 */
const UNITS: Readonly<Record<string, readonly string[]>> = {
  DIAMONDS: ['diamonds', 'diamond', 'dm', 'dms', 'dias'],
  UC: ['uc', 'unknown cash'],
  BC: ['bc'],
  'GENESIS CRYSTALS': ['genesis crystals', 'genesis crystal', 'genesis', 'gc'],
  'ONEIRIC SHARDS': ['oneiric shards', 'oneiric shard', 'oneiric'],
  'STELLAR JADE': ['stellar jades', 'stellar jade'],
  MONOCHROME: ['monochromes', 'monochrome'],
  LUNITE: ['lunites', 'lunite'],
  CRYSTALS: ['crystals', 'crystal'],
  SHARDS: ['shards', 'shard'],
  CP: ['cp', 'cod points', 'cod point'],
  VP: ['vp', 'valorant points', 'valorant point'],
  RP: ['rp', 'riot points', 'riot point'],
  'WILD CORES': ['wild cores', 'wild core'],
  ROBUX: ['robux', 'rbx'],
  VBUCKS: ['v bucks', 'vbucks', 'v buck'],
  COINS: ['coins', 'coin'],
  GEMS: ['gems', 'gem'],
  TOKENS: ['tokens', 'token'],
  POINTS: ['points', 'point', 'pts'],
  CREDITS: ['credits', 'credit'],
  CASH: ['cash'],
  GOLD: ['gold'],
  SHELLS: ['shells', 'shell'],
  CANDIES: ['candies', 'candy'],
  TICKETS: ['tickets', 'ticket'],
  // Face values of vouchers.
  USD: ['usd', 'us dollars', 'us dollar', 'dollars', 'dollar'],
  EUR: ['eur', 'euros', 'euro'],
  GBP: ['gbp', 'pounds', 'pound'],
  IDR: ['idr', 'rupiah'],
  MYR: ['myr', 'ringgit'],
  PHP: ['php', 'peso', 'pesos'],
  SGD: ['sgd'],
  THB: ['thb', 'baht'],
  VND: ['vnd'],
  BRL: ['brl', 'reais'],
  TRY: ['try', 'lira'],
  INR: ['inr', 'rupees', 'rupee'],
  JPY: ['jpy', 'yen'],
  KRW: ['krw'],
  TWD: ['twd'],
  AUD: ['aud'],
  CAD: ['cad'],
  NZD: ['nzd'],
  HKD: ['hkd'],
  AED: ['aed'],
  SAR: ['sar'],
  MXN: ['mxn'],
  PLN: ['pln'],
  ZAR: ['zar'],
  RUB: ['rub', 'rubles', 'roubles'],
};

/** Currency signs written before (or after) a face value: "$10", "Rp 50.000", "10€". */
const SIGNS: ReadonlyArray<readonly [string, string]> = [
  ['us$', 'USD'],
  ['r$', 'BRL'],
  ['rm', 'MYR'],
  ['rp', 'IDR'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₺', 'TRY'],
  ['₩', 'KRW'],
  ['₫', 'VND'],
];

// Words after a number that are not what the number counts ("3 in 1", "1 x").
const NOT_UNITS = new Set(['x', 'in', 'of', 'for', 'and', 'or', 'to', 'with', 'plus', 'bonus', 'st', 'nd', 'rd', 'th']);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const unitBySpelling = new Map<string, string>();
for (const [unit, spellings] of Object.entries(UNITS)) {
  for (const spelling of spellings) unitBySpelling.set(spelling, unit);
}
// Longest spelling first, so "genesis crystals" wins over "genesis".
const spellings = [...unitBySpelling.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const NUM = String.raw`(\d+(?:\.\d+)?)`;
// "60 + 6 UC" / "100+10 bonus diamonds": the bonus is the reseller's promotion, not the pack.
const BONUS = String.raw`(?:\s*\+\s*\d+(?:\.\d+)?(?:\s*bonus)?)?`;
const BEFORE = String.raw`(?<![\p{L}\p{N}.])`;
const AFTER = String.raw`(?![\p{L}\p{N}])`;
const KNOWN_UNIT_RE = new RegExp(`${BEFORE}${NUM}${BONUS}\\s*(${spellings.map(escape).join('|')})${AFTER}`, 'u');
const signAlternation = SIGNS.map(([sign]) => escape(sign)).join('|');
const SIGN_BEFORE_RE = new RegExp(`(?<![\\p{L}])(${signAlternation})\\s*${NUM}(?![\\p{N}])`, 'u');
const SIGN_AFTER_RE = new RegExp(`${BEFORE}${NUM}\\s*(${SIGNS.filter(([s]) => !/^\p{L}/u.test(s)).map(([s]) => escape(s)).join('|')})`, 'u');
const currencyCodes = Object.entries(UNITS)
  .filter(([unit]) => /^[A-Z]{3}$/.test(unit))
  .map(([unit]) => unit.toLowerCase());
const CODE_BEFORE_RE = new RegExp(`(?<![\\p{L}])(${currencyCodes.join('|')})\\s*${NUM}(?![\\p{N}])`, 'u');
const ANY_UNIT_RE = new RegExp(`${BEFORE}${NUM}${BONUS}\\s+(\\p{L}{2,})${AFTER}`, 'gu');
const signUnit = new Map(SIGNS);

/**
 * Reads the pack size or face value out of a product name: "PUBG Mobile 60 UC" →
 * `{ amount: '60', unit: 'UC' }`, "Steam Wallet $10" → `{ amount: '10', unit: 'USD' }`,
 * "Weekly Diamond Pass" → `undefined`.
 *
 * Deterministic, because offers from several resellers are merged on its result: the amount is
 * canonical (no thousands separators, leading zeros or trailing fractional zeros, so "1,000",
 * "1.000" and "01000" all give `'1000'`) and the unit is one uppercase name per unit
 * ("diamond", "DM" → `DIAMONDS`; "Genesis Crystal" → `GENESIS CRYSTALS`; "Rp" → `IDR`).
 *
 * Rules, first that matches wins: the earliest number followed by a known unit or preceded by a
 * currency sign or code; otherwise the first number followed by any word, uppercased.
 * A "+ 6" bonus after the number is ignored ("60 + 6 UC" → 60 UC).
 */
export function parseDenomination(name: string): { amount: string; unit: string } | undefined {
  const text = unifyNumbers(foldCase(name))
    .replace(/[^\p{L}\p{N}.+$€£₹₱฿₺₩₫]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ');
  let best: { index: number; amount: string; unit: string } | undefined;
  const consider = (index: number, amount: string | undefined, unit: string | undefined): void => {
    if (amount === undefined || unit === undefined) return;
    if (best === undefined || index < best.index) best = { index, amount: canonicalNumber(amount), unit };
  };
  const known = KNOWN_UNIT_RE.exec(text);
  if (known) consider(known.index, known[1], unitBySpelling.get((known[2] ?? '').replace(/\s+/g, ' ')));
  const signBefore = SIGN_BEFORE_RE.exec(text);
  if (signBefore) consider(signBefore.index, signBefore[2], signUnit.get(signBefore[1] ?? ''));
  const signAfter = SIGN_AFTER_RE.exec(text);
  if (signAfter) consider(signAfter.index, signAfter[1], signUnit.get(signAfter[2] ?? ''));
  const codeBefore = CODE_BEFORE_RE.exec(text);
  if (codeBefore) consider(codeBefore.index, codeBefore[2], (codeBefore[1] ?? '').toUpperCase());
  if (best) return { amount: best.amount, unit: best.unit };

  for (const match of text.matchAll(ANY_UNIT_RE)) {
    const word = match[2] ?? '';
    if (!NOT_UNITS.has(word) && match[1] !== undefined) {
      return { amount: canonicalNumber(match[1]), unit: word.toUpperCase() };
    }
  }
  return undefined;
}
