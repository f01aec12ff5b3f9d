/**
 * Text normalization shared by the search index and the denomination parser. Both sides of a
 * match (catalog text at build time, the buyer's query at search time) go through the same
 * functions, so whatever they do is consistent by construction.
 */

/** Latin letters that NFKD leaves alone but buyers type without the stroke or ligature. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const FOLD_RE = /[ßæœøđðłþı]/g;
const MARKS_RE = /\p{M}+/gu;

// "1,000" / "100.000" / "1.000.000": resellers write thousands either way. A leading group of
// 1–3 digits (not 0) followed by groups of exactly three is read as thousands, because a
// denomination with three decimals is far rarer than an Indonesian "Rp 50.000".
const THOUSANDS_COMMA_RE = /(?<![\d.,])([1-9]\d{0,2})((?:,\d{3})+)(?![,]?\d)/g;
const THOUSANDS_DOT_RE = /(?<![\d.,])([1-9]\d{0,2})((?:\.\d{3})+)(?![.]?\d)/g;
const DECIMAL_COMMA_RE = /(?<=\d),(?=\d)/g;
const NUMBER_RE = /^\d+(?:\.\d+)?$/;
const ASCII_RE = /^[\x00-\x7f]*$/;
const LETTER_RE = /\p{L}|\p{N}/u;
const LETTER = 1;
const DIGIT = 2;

/**
 * Strips accents (NFKD, then drops combining marks), folds a few letters NFKD keeps, and
 * lowercases. Keeps punctuation, so callers that need symbols (`$`, `€`) still see them.
 */
export function foldCase(s: string): string {
  return s.normalize('NFKD').replace(MARKS_RE, '').toLowerCase().replace(FOLD_RE, (c) => FOLD[c] ?? c);
}

/** Removes thousands separators and turns a decimal comma into a dot, in folded text. */
export function unifyNumbers(s: string): string {
  return s
    .replace(THOUSANDS_COMMA_RE, (_m, head: string, groups: string) => head + groups.replaceAll(',', ''))
    .replace(THOUSANDS_DOT_RE, (_m, head: string, groups: string) => head + groups.replaceAll('.', ''))
    .replace(DECIMAL_COMMA_RE, '.');
}

/** Folded text split into runs of letters and runs of digits (a dot between digits kept). */
function scan(s: string): string[] {
  let text = ASCII_RE.test(s) ? s.toLowerCase() : foldCase(s);
  if (text.includes(',') || text.includes('.')) text = unifyNumbers(text);
  const tokens: string[] = [];
  let start = 0;
  let kind = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    let k: number;
    if (c >= 97 && c <= 122) k = LETTER;
    else if (c >= 48 && c <= 57) k = DIGIT;
    else if (c === 46 && kind === DIGIT && i + 1 < text.length && isDigit(text.charCodeAt(i + 1))) continue;
    // Other scripts' letters and digits are words of their own script; they are not pack sizes.
    else if (c >= 128 && LETTER_RE.test(text.charAt(i))) k = LETTER;
    else k = 0;
    if (k === kind) continue;
    if (kind !== 0) tokens.push(text.slice(start, i));
    start = i;
    kind = k;
  }
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Normalizes text for search: accent-, case- and punctuation-insensitive, with numbers in one
 * form ("1,000" → "1000", "12,50" → "12.50") and letters split from digits ("60UC" → "60 uc"),
 * so "Pokémon 60UC!" and "pokemon 60 uc" normalize alike.
 *
 * @returns space-separated tokens of lowercase letters and digits; `''` for text with none.
 */
export function normalizeSearchText(s: string): string {
  return scan(s).join(' ');
}

/**
 * The search terms of a text: normalized tokens, numbers in canonical form and words reduced to
 * a light singular, so "legend" finds "Legends" and "diamond" finds "Diamonds" as exact matches.
 */
export function tokenize(s: string): string[] {
  return scan(s).map(searchTerm);
}

/** The words of `normalizeSearchText(s)`, as an array. */
export function normalizedWords(s: string): string[] {
  return scan(s);
}

/** One normalized word as a search term: a canonical number or a singular word. */
export function searchTerm(word: string): string {
  return isDigit(word.charCodeAt(0)) ? canonicalNumber(word) : singular(word);
}

/**
 * English plural to singular, only as far as catalog words need: "diamonds", "candies". Words
 * ending in -ss, -us, -is ("pass", "bonus") and short words ("gems" stays "gem", "us" stays
 * "us") are left alone where cutting would change their meaning.
 */
export function singular(word: string): string {
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  const before = word.charCodeAt(n - 2);
  if (before === 115 /* s */ || before === 117 /* u */ || before === 105 /* i */) return word;
  if (n > 4 && before === 101 /* e */ && word.charCodeAt(n - 3) === 105 /* i */) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/** Whether a normalized token is a number (a pack size or face value), not a word. */
export function isNumberToken(token: string): boolean {
  return NUMBER_RE.test(token);
}

/**
 * One spelling per number, so "060", "60" and "60.00" are the same term: no leading zeros,
 * no trailing fractional zeros.
 */
export function canonicalNumber(token: string): string {
  const dot = token.indexOf('.');
  let int = dot === -1 ? token : token.slice(0, dot);
  let frac = dot === -1 ? '' : token.slice(dot + 1);
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/**
 * A 32-bit set of the characters in a term, for the fuzzy pre-filter: each character of the
 * query missing from a term costs at least one edit, so a popcount of the difference bounds
 * the edit distance from below without running the distance itself. Characters outside a–z
 * share bits, which only weakens the bound, never makes it wrong.
 */
export function charMask(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    mask |= c >= 97 && c <= 122 ? 1 << (c - 97) : 1 << (26 + (c % 6));
  }
  return mask;
}
