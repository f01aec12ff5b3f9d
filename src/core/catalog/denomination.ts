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
const UNIT_BEFORE_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${spellings.map(escape).join('|')})\\s*${NUM}(?![\\p{L}\\p{N}])`, 'u');
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
 * currency sign or code; then a known unit followed by a number ("UC 60"); then the first
 * number followed by any word, uppercased.
 * A "+ 6" bonus after the number is ignored ("60 + 6 UC" → 60 UC).
 */
export function parseDenomination(name: string): { amount: string; unit: string } | undefined {
  const text = unifyNumbers(foldCase(name))
    .replace(/[^\p{L}\p{N}.+$€£₹₱฿₺₩₫]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ');
  if (!/\d/.test(text)) return undefined;
  const unitAfter = KNOWN_UNIT_RE.exec(text);
  const signBefore = SIGN_BEFORE_RE.exec(text);
  const signAfter = SIGN_AFTER_RE.exec(text);
  const codeBefore = CODE_BEFORE_RE.exec(text);
  const found =
    earliest([
      unitAfter && { index: unitAfter.index, amount: unitAfter[1], unit: unitBySpelling.get(spaced(unitAfter[2])) },
      signBefore && { index: signBefore.index, amount: signBefore[2], unit: signUnit.get(signBefore[1] ?? '') },
      signAfter && { index: signAfter.index, amount: signAfter[1], unit: signUnit.get(signAfter[2] ?? '') },
      codeBefore && { index: codeBefore.index, amount: codeBefore[2], unit: codeBefore[1]?.toUpperCase() },
    ]) ??
    // "PUBG Mobile UC 60": only when no number is followed by a unit, or "Razer Gold 10 USD"
    // would read as 10 GOLD.
    earliest([UNIT_BEFORE_RE.exec(text)].map((m) => m && { index: m.index, amount: m[2], unit: unitBySpelling.get(spaced(m[1])) }));
  if (found) return found;

  for (const match of text.matchAll(ANY_UNIT_RE)) {
    const word = match[2] ?? '';
    if (!NOT_UNITS.has(word) && match[1] !== undefined) {
      return { amount: canonicalNumber(match[1]), unit: word.toUpperCase() };
    }
  }
  return undefined;
}

interface Candidate {
  index: number;
  amount: string | undefined;
  unit: string | undefined;
}

/** The match that starts first in the name, with its amount made canonical. */
function earliest(candidates: ReadonlyArray<Candidate | null>): { amount: string; unit: string } | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (c && c.amount !== undefined && c.unit !== undefined && (best === undefined || c.index < best.index)) best = c;
  }
  return best && { amount: canonicalNumber(best.amount as string), unit: best.unit as string };
}

const spaced = (spelling: string | undefined): string => (spelling ?? '').replace(/\s+/g, ' ');
