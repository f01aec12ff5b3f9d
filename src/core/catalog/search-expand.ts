import { boundedDistance, MAX_FUZZY_LENGTH } from './search-fuzzy.js';
import { charMask, isNumberToken } from './search-normalize.js';
import type { Postings } from './search-postings.js';

// How well a query word matched a term. The gaps between classes are wider than the featured
// boost, so a boost never lifts a prefix or typo match over an exact one.
const EXACT = 1;
const FUZZY_ONE_EDIT = 0.8;
const FUZZY_TWO_EDITS = 0.6;
const FUZZY_PREFIX = 0.55;
/** A longer completion of the typed prefix is a weaker guess: "6" → "60" beats "6000". */
const prefixQuality = (typed: number, termLength: number): number => 0.5 + (0.4 * typed) / termLength;

/** Most terms one query word may stand for; bounds the posting lists a query walks. */
export const MAX_EXPANSIONS = 64;
const MAX_PREFIX_TERMS = 40;
/** "1" completes to every pack size starting with 1; past this many postings the rest are dropped. */
const MAX_PREFIX_POSTINGS = 10_000;

/**
 * Turns one query word into the dictionary terms it may mean, each with a match quality:
 * exact, completions of the word still being typed, and terms within 1–2 typos. Reuses its
 * arrays across calls; read `term` and `quality` before the next `expand`.
 */
export class TermExpander {
  readonly term = new Int32Array(MAX_EXPANSIONS);
  readonly quality = new Float64Array(MAX_EXPANSIONS);
  private count = 0;
  private readonly termStamp: Uint32Array;
  private stamp = 0;
  private readonly lengthCount = new Int32Array(MAX_FUZZY_LENGTH + 2);

  constructor(private readonly index: Postings) {
    this.termStamp = new Uint32Array(index.terms.length);
  }

  /** @returns how many terms `token` expanded to; `open` when the buyer may still be typing it. */
  expand(token: string, open: boolean): number {
    const { termIds, terms, termMask, termsByLength } = this.index;
    if (this.stamp === 0xffffffff) {
      this.termStamp.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    this.count = 0;
    const exact = termIds.get(token);
    if (exact !== undefined) this.add(exact, EXACT);
    const length = token.length;
    // A number is a pack size: "60" must not find "66" by typo, only "600" while still typing.
    if (isNumberToken(token)) {
      if (open) this.expandPrefix(token);
      return this.count;
    }
    if (open && length >= 2) this.expandPrefix(token);
    if (length < 4 || length > MAX_FUZZY_LENGTH) return this.count;

    // Short words get one typo, longer ones two: "ml" or "uc" within one edit is most of the
    // dictionary, while "valornt" for "valorant" is a typical two-edit miss.
    const bound = length >= 7 ? 2 : 1;
    const mask = charMask(token);
    const lastLength = Math.min(termsByLength.length - 1, length + bound);
    for (let len = length - bound; len <= lastLength; len++) {
      const bucket = termsByLength[len] as Int32Array;
      for (let i = 0; i < bucket.length; i++) {
        const term = bucket[i] as number;
        const tm = termMask[term] as number;
        if (popcount(mask & ~tm) > bound || popcount(tm & ~mask) > bound) continue;
        if (this.termStamp[term] === stamp) continue;
        const d = boundedDistance(token, terms[term] as string, bound);
        if (d <= bound) this.add(term, d === 1 ? FUZZY_ONE_EDIT : FUZZY_TWO_EDITS);
      }
    }
    if (!open) return this.count;
    // The word being typed may hold a typo too: "mobile legnd" should still reach "legends".
    for (let len = length + 1; len < termsByLength.length; len++) {
      const bucket = termsByLength[len] as Int32Array;
      for (let i = 0; i < bucket.length; i++) {
        const term = bucket[i] as number;
        if (popcount(mask & ~(termMask[term] as number)) > 1 || this.termStamp[term] === stamp) continue;
        if (boundedDistance(token, terms[term] as string, 1, true) <= 1) this.add(term, FUZZY_PREFIX);
      }
    }
    return this.count;
  }

  private add(term: number, quality: number): void {
    if (this.count === MAX_EXPANSIONS || this.termStamp[term] === this.stamp) return;
    this.termStamp[term] = this.stamp;
    this.term[this.count] = term;
    this.quality[this.count++] = quality;
  }

  /** Adds the terms starting with `prefix`, shortest (closest to what was typed) first. */
  private expandPrefix(prefix: string): void {
    const { terms, postingStart } = this.index;
    const first = lowerBound(terms, prefix);
    let end = first;
    const lengthCount = this.lengthCount.fill(0);
    while (end < terms.length && (terms[end] as string).startsWith(prefix)) {
      const len = Math.min((terms[end] as string).length, lengthCount.length - 1);
      lengthCount[len] = (lengthCount[len] as number) + 1;
      end++;
    }
    // Every length shorter than `cut` fits in the budget; `cut` itself fills what is left, in
    // lexical order.
    let cut = 0;
    for (let used = 0; cut < lengthCount.length; cut++) {
      used += lengthCount[cut] as number;
      if (used > MAX_PREFIX_TERMS) break;
    }
    let added = 0;
    let postings = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = first; i < end && added < MAX_PREFIX_TERMS && postings < MAX_PREFIX_POSTINGS; i++) {
        const len = (terms[i] as string).length;
        if (len <= prefix.length || (pass === 0 ? len >= cut : len !== cut)) continue;
        this.add(i, prefixQuality(prefix.length, len));
        added++;
        postings += (postingStart[i + 1] as number) - (postingStart[i] as number);
      }
    }
  }
}

/** Set bits in a 32-bit mask; local so the fuzzy scan calls it directly. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
