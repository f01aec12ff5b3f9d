import { QUERY_STOPWORDS, REGION_NAMES, SEARCH_ALIASES } from './search-aliases.js';
import { MAX_FUZZY_LENGTH } from './search-fuzzy.js';
import { charMask, isNumberToken, normalizedWords, searchTerm, tokenize } from './search-normalize.js';
import type { Listing } from './types.js';

// Where in a listing a term was found; a posting keeps the set as a bit mask.
const NAME = 1;
/** The display-name bit of a posting's field set. */
export const NAME_FIELD = NAME;
const GAME = 2;
const CATEGORY = 4;
const REGION = 8;
const DENOMINATION = 16;
const ALIAS = 32;

/**
 * The weight of the best field in a posting's field set. A category word ("Vouchers") says less
 * about the listing than its name or game; an alias is a hair below the words it stands for; a
 * number that is the pack size beats the same number elsewhere in a name ("... Pack 10").
 */
export const FIELD_WEIGHT_BY_MASK: Float64Array = (() => {
  const weights: ReadonlyArray<readonly [number, number]> = [
    [DENOMINATION, 1.1],
    [NAME, 1],
    [GAME, 1],
    [ALIAS, 0.95],
    [REGION, 0.9],
    [CATEGORY, 0.6],
  ];
  const table = new Float64Array(64);
  for (let mask = 1; mask < 64; mask++) {
    for (const [field, weight] of weights) {
      if ((mask & field) !== 0) table[mask] = Math.max(table[mask] as number, weight);
    }
  }
  return table;
})();

/** The built index: listings in tie-break order, and a sorted term dictionary over CSR posting lists. */
export interface Postings {
  /** Listings ordered by display name (numbers as numbers), then id; a doc number is a position here. */
  docs: Listing[];
  inStock: Uint8Array;
  featured: Uint8Array;
  /** Sorted by code unit, so a prefix is one contiguous range. */
  terms: string[];
  termIds: Map<string, number>;
  /** Term `t` owns postings `postingStart[t]` up to `postingStart[t + 1]`, by ascending doc. */
  postingStart: Int32Array;
  postingDoc: Int32Array;
  postingField: Uint8Array;
  termMask: Int32Array;
  /** Word terms (not numbers) by length, for the fuzzy scan. */
  termsByLength: Int32Array[];
  /** Distinct words of each display name, to favour listings a query covers more of. */
  nameWords: Uint8Array;
  /** Adjacent word pairs of each game (or brand) name, `"mobile legend"`, for the phrase bonus. */
  pairIds: Map<string, number>;
  pairStart: Int32Array;
  pairDoc: Int32Array;
}

interface AliasRule {
  alias: string;
  words: string[];
}

const aliasRulesByWord = new Map<string, AliasRule[]>();
for (const [key, phrases] of Object.entries(SEARCH_ALIASES)) {
  // Query words are reduced to singular ("dms" → "dm"), so the alias term must be too.
  const alias = tokenize(key).join('');
  for (const phrase of phrases) {
    const words = tokenize(phrase);
    const first = words[0];
    if (first === undefined) continue;
    const rules = aliasRulesByWord.get(first) ?? [];
    rules.push({ alias, words });
    aliasRulesByWord.set(first, rules);
  }
}

const regionCodeByName = new Map<string, string>();
const regionWordsByCode = new Map<string, string[]>();
for (const [code, names] of Object.entries(REGION_NAMES)) {
  regionCodeByName.set(code, code);
  for (const name of names) regionCodeByName.set(tokenize(name).join(' '), code);
  regionWordsByCode.set(code, [...new Set([code, ...names.flatMap((name) => tokenize(name))])]);
}

/** The terms a region is found by: its own words, plus its code and every name for that code. */
function regionTerms(region: string): string[] {
  const words = tokenize(region);
  const codes = new Set<string>();
  const whole = regionCodeByName.get(words.join(' '));
  if (whole !== undefined) codes.add(whole);
  for (const word of words) {
    const code = regionCodeByName.get(word);
    if (code !== undefined) codes.add(code);
  }
  const terms = new Set(words);
  for (const code of codes) for (const word of regionWordsByCode.get(code) ?? []) terms.add(word);
  return [...terms];
}

/** Display-name order with numbers padded, so "60 UC" sorts before "600 UC". */
function naturalKey(words: readonly string[]): string {
  let key = '';
  for (const word of words) {
    const c = word.charCodeAt(0);
    key += `${c >= 48 && c <= 57 ? word.padStart(12, '0') : word} `;
  }
  return key;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Postings in insertion order, grouped per term later by `layout`. */
class Collector {
  readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  size = 0;
  // Typed and grown by doubling: half a million postings as plain arrays keep the GC busy.
  term = new Int32Array(1024);
  doc = new Int32Array(1024);
  field = new Uint8Array(1024);

  /** The term's id, numbered in order of first sight. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(term, id);
      this.list.push(term);
    }
    return id;
  }

  push(id: number, doc: number, field: number): void {
    if (this.size === this.term.length) this.grow();
    this.term[this.size] = id;
    this.doc[this.size] = doc;
    this.field[this.size++] = field;
  }

  private grow(): void {
    const bigger = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.term = bigger(this.term, new Int32Array(this.size * 2));
    this.doc = bigger(this.doc, new Int32Array(this.size * 2));
    this.field = bigger(this.field, new Uint8Array(this.size * 2));
  }

  /**
   * Lays postings out per term (a counting sort), terms renumbered by `rank`. Docs were added in
   * order, so each posting list comes out ascending.
   */
  layout(rank: Int32Array): { start: Int32Array; doc: Int32Array; field: Uint8Array } {
    const termCount = this.list.length;
    const start = new Int32Array(termCount + 1);
    for (let p = 0; p < this.size; p++) {
      const slot = (rank[this.term[p] as number] as number) + 1;
      start[slot] = (start[slot] as number) + 1;
    }
    for (let t = 0; t < termCount; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
    const cursor = start.slice(0, termCount);
    const doc = new Int32Array(this.size);
    const field = new Uint8Array(this.size);
    for (let p = 0; p < this.size; p++) {
      const r = rank[this.term[p] as number] as number;
      const at = cursor[r] as number;
      cursor[r] = at + 1;
      doc[at] = this.doc[p] as number;
      field[at] = this.field[p] as number;
    }
    return { start, doc, field };
  }
}

/** Builds the index arrays for a catalog snapshot. */
export function buildPostings(listings: readonly Listing[]): Postings {
  const steps = buildPostingsInSteps(listings);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build, pausing (`yield`) every `every` listings, so a caller can let the event
 * loop run between steps: a 50,000-listing rebuild never stalls message handling.
 */
export function* buildPostingsInSteps(listings: readonly Listing[], every = 2_000): Generator<void, Postings> {
  // Display names are normalized once, for the tie-break order and for the index.
  const displayWords: string[][] = [];
  for (let i = 0; i < listings.length; i++) {
    displayWords.push(normalizedWords((listings[i] as Listing).displayName));
    if (i % every === every - 1) yield;
  }
  const keys = displayWords.map(naturalKey);
  const order = Array.from(listings, (_, i) => i).sort(
    (a, b) =>
      compare(keys[a] as string, keys[b] as string) ||
      compare((listings[a] as Listing).displayName, (listings[b] as Listing).displayName) ||
      compare((listings[a] as Listing).id, (listings[b] as Listing).id),
  );
  const docs = order.map((i) => listings[i] as Listing);
  const n = docs.length;
  const inStock = new Uint8Array(n);
  const featured = new Uint8Array(n);
  const nameWords = new Uint8Array(n);

  // Catalog text repeats a lot (games, categories, regions): tokenize each string once.
  const tokenCache = new Map<string, string[]>();
  const tokensOf = (text: string): string[] => {
    let tokens = tokenCache.get(text);
    if (tokens === undefined) tokenCache.set(text, (tokens = tokenize(text)));
    return tokens;
  };
  const regionCache = new Map<string, string[]>();
  const pairCache = new Map<string, string[]>();
  const words = new Collector();
  const pairs = new Collector();
  // The current listing's terms, by term id: the fields each was seen in (0: not yet).
  let termFields = new Uint8Array(1 << 16);
  const docIds: number[] = [];
  const add = (term: string, field: number): void => {
    const id = words.intern(term);
    if (id >= termFields.length) {
      const bigger = new Uint8Array(termFields.length * 2);
      bigger.set(termFields);
      termFields = bigger;
    }
    if (termFields[id] === 0) docIds.push(id);
    termFields[id] = (termFields[id] as number) | field;
  };
  const aliasCache = new Map<string, string[]>();
  const aliasesOf = (text: string): string[] => {
    let found = aliasCache.get(text);
    if (found === undefined) aliasCache.set(text, (found = aliasesIn(tokensOf(text))));
    return found;
  };

  yield;
  for (let doc = 0; doc < n; doc++) {
    if (doc % every === every - 1) yield;
    const listing = docs[doc] as Listing;
    inStock[doc] = listing.offers.some((o) => o.inStock) ? 1 : 0;
    featured[doc] = listing.featured ? 1 : 0;
    const display = (displayWords[order[doc] as number] as string[]).map(searchTerm);
    let counted = 0;
    for (const t of display) {
      const seen = words.ids.get(t);
      if ((seen === undefined || termFields[seen] === 0) && !QUERY_STOPWORDS.has(t)) counted++;
      add(t, NAME);
    }
    nameWords[doc] = Math.min(255, Math.max(1, counted));
    for (const alias of aliasesIn(display)) add(alias, ALIAS);
    if (listing.name !== listing.displayName) {
      // The owner renamed it; the reseller's name still finds it. Names are unique: not cached.
      const nameTerms = tokenize(listing.name);
      for (const t of nameTerms) add(t, NAME);
      for (const alias of aliasesIn(nameTerms)) add(alias, ALIAS);
    }
    const title = listing.game ?? listing.category;
    if (listing.game !== null) {
      const gameWords = tokensOf(listing.game);
      for (const t of gameWords) add(t, GAME);
      // Buyers run game names together: "mobilelegends", "freefire".
      if (gameWords.length > 1) add(gameWords.join(''), GAME);
      for (const alias of aliasesOf(listing.game)) add(alias, ALIAS);
    }
    for (const t of tokensOf(listing.category)) add(t, CATEGORY);
    for (const alias of aliasesOf(listing.category)) add(alias, ALIAS);
    if (listing.region !== null) {
      let terms = regionCache.get(listing.region);
      if (terms === undefined) regionCache.set(listing.region, (terms = regionTerms(listing.region)));
      for (const t of terms) add(t, REGION);
    }
    if (listing.denomination !== undefined) {
      for (const t of tokensOf(listing.denomination.amount)) add(t, DENOMINATION);
      for (const t of tokensOf(listing.denomination.unit)) add(t, DENOMINATION);
      for (const alias of aliasesOf(listing.denomination.unit)) add(alias, ALIAS);
    }
    for (const id of docIds) {
      words.push(id, doc, termFields[id] as number);
      termFields[id] = 0;
    }
    docIds.length = 0;

    let titlePairs = pairCache.get(title);
    if (titlePairs === undefined) pairCache.set(title, (titlePairs = adjacentPairs(tokensOf(title))));
    for (const pair of titlePairs) pairs.push(pairs.intern(pair), doc, 0);
  }

  yield;
  const termCount = words.list.length;
  const termOrder = Array.from({ length: termCount }, (_, i) => i).sort((a, b) =>
    compare(words.list[a] as string, words.list[b] as string),
  );
  const rank = new Int32Array(termCount);
  termOrder.forEach((old, r) => (rank[old] = r));
  yield;
  const { start: postingStart, doc: postingDoc, field: postingField } = words.layout(rank);
  yield;

  const terms = termOrder.map((old) => words.list[old] as string);
  // Renumbered in place: overwriting keys is cheaper than a second 50,000-entry map.
  const termIds = words.ids;
  const termMask = new Int32Array(termCount);
  const buckets: number[][] = Array.from({ length: MAX_FUZZY_LENGTH + 1 }, () => []);
  terms.forEach((term, id) => {
    termIds.set(term, id);
    termMask[id] = charMask(term);
    if (term.length <= MAX_FUZZY_LENGTH && !isNumberToken(term)) buckets[term.length]?.push(id);
  });
  const termsByLength = buckets.map((ids) => Int32Array.from(ids));

  const pairLayout = pairs.layout(Int32Array.from(pairs.list, (_, i) => i));
  return {
    docs, inStock, featured, terms, termIds, postingStart, postingDoc, postingField, termMask, termsByLength,
    nameWords, pairIds: pairs.ids, pairStart: pairLayout.start, pairDoc: pairLayout.doc,
  };
}

/** The aliases whose phrase stands in `words` as consecutive words: "legend of mobile" is not "ml". */
function aliasesIn(words: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const rule of aliasRulesByWord.get(words[i] as string) ?? []) {
      if (rule.words.every((w, k) => words[i + k] === w)) found.push(rule.alias);
    }
  }
  return found;
}

/** `"call of duty mobile"` → `["call duty", "duty mobile"]`: stopwords are dropped from queries too. */
function adjacentPairs(words: readonly string[]): string[] {
  const kept = words.filter((w) => !QUERY_STOPWORDS.has(w));
  const out: string[] = [];
  for (let i = 1; i < kept.length; i++) out.push(`${kept[i - 1] as string} ${kept[i] as string}`);
  return out;
}
