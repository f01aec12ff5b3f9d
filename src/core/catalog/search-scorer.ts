import { MAX_EXPANSIONS, type TermExpander } from './search-expand.js';
import { FIELD_WEIGHT_BY_MASK, NAME_FIELD, type Postings } from './search-postings.js';

// Small additions on top of the per-word match scores (each up to ~1.1). Featured is the
// smallest: it reorders equals, never outranks a better match.
const FEATURED_BOOST = 0.04;
/** Up to this much for covering all of a listing's display name: "Steam Wallet 10 USD" over "... Bonus Pack 10". */
const NAME_COVERAGE = 0.25;
/** Two query words in the order they stand in the game name: "mobil legend" is Mobile Legends, not "Legend of ... Mobile". */
const PHRASE_BONUS = 0.5;
/** Best expansions per word tried as a phrase pair. */
const PHRASE_TERMS = 3;
/** Query words scored at most; the rest of a long query is dropped. */
export const MAX_WORDS = 8;
// Read once: vitest (and tsx when loaded from CommonJS) turn an imported binding into a
// getter call per use, which the posting loop would pay on every posting.
const NAME_BIT = NAME_FIELD;

/**
 * Per-listing score accumulators for one query at a time. Arrays are sized once to the
 * catalog; a stamp marks which query or word last wrote a slot, so nothing is cleared between
 * queries and a query only touches the listings its words occur in.
 */
export class QueryScorer {
  /** Final scores of the current candidates. */
  readonly score: Float64Array;
  /** The current query's candidates: the first `rank()` entries. */
  readonly candidates: Int32Array;
  private readonly nameCover: Float64Array;
  private readonly matched: Uint8Array;
  private readonly docStamp: Uint32Array;
  private readonly touched: Int32Array;
  private readonly wordBest: Float64Array;
  private readonly wordName: Float64Array;
  private readonly wordStamp: Uint32Array;
  private readonly wordTouched: Int32Array;
  private readonly fieldWeight = FIELD_WEIGHT_BY_MASK;
  // Each query word's expansions, kept so words can be scored rarest first.
  private readonly wordTerm = new Int32Array(MAX_WORDS * MAX_EXPANSIONS);
  private readonly wordQuality = new Float64Array(MAX_WORDS * MAX_EXPANSIONS);
  private readonly wordExpansions = new Int32Array(MAX_WORDS);
  private readonly wordCost = new Float64Array(MAX_WORDS);
  private readonly topTerm = new Int32Array(MAX_WORDS * PHRASE_TERMS);
  private readonly topQuality = new Float64Array(MAX_WORDS * PHRASE_TERMS);
  private readonly topCount = new Int32Array(MAX_WORDS);
  private docEpoch = 0;
  private wordEpoch = 0;

  constructor(private readonly index: Postings) {
    const n = index.docs.length;
    this.score = new Float64Array(n);
    this.candidates = new Int32Array(n);
    this.nameCover = new Float64Array(n);
    this.matched = new Uint8Array(n);
    this.docStamp = new Uint32Array(n);
    this.touched = new Int32Array(n);
    this.wordBest = new Float64Array(n);
    this.wordName = new Float64Array(n);
    this.wordStamp = new Uint32Array(n);
    this.wordTouched = new Int32Array(n);
  }

  /** Takes the expander's current expansions as query word `word` (0-based, in query order). */
  setWord(word: number, expander: TermExpander, expansions: number): void {
    const { postingStart } = this.index;
    const base = word * MAX_EXPANSIONS;
    let cost = 0;
    for (let e = 0; e < expansions; e++) {
      const term = expander.term[e] as number;
      this.wordTerm[base + e] = term;
      this.wordQuality[base + e] = expander.quality[e] as number;
      cost += (postingStart[term + 1] as number) - (postingStart[term] as number);
    }
    this.wordExpansions[word] = expansions;
    this.wordCost[word] = cost;
    this.keepTopExpansions(word, expander, expansions);
  }

  /**
   * Scores the first `words` words and leaves the matching listings in `candidates`; returns
   * how many. Every word is required unless no listing has them all; then the listings with
   * the most words count, as long as that is at least half of them.
   */
  rank(words: number): number {
    // Rarest word first: with every word required, it bounds the listings the others may touch.
    const order = Array.from({ length: words }, (_, w) => w).sort(
      (a, b) => (this.wordCost[a] as number) - (this.wordCost[b] as number) || a - b,
    );
    const total = this.run(order, 1, words);
    if (total > 0 || words === 1) return total;
    // A listing with at least half the words has one of the rarest ⌊n/2⌋+1, so only those
    // need walking in full.
    return this.run(order, (words >> 1) + 1, Math.ceil(words / 2));
  }

  /**
   * Scores the words in `order` and adds the phrase bonuses; returns how many candidates were
   * collected. Only the first `drivers` words bring in listings; the others only score the
   * listings already in. Candidates are the listings matching the most words, if that is at
   * least `minMatched`.
   */
  private run(order: readonly number[], drivers: number, minMatched: number): number {
    this.docEpoch = nextStamp(this.docEpoch, this.docStamp);
    let touchedCount = 0;
    for (let i = 0; i < order.length; i++) {
      touchedCount = this.scoreWord(order[i] as number, touchedCount, i >= drivers);
    }
    for (let w = 1; w < order.length; w++) this.addPhraseBonus(w - 1, w);
    return this.collectCandidates(touchedCount, minMatched);
  }

  /**
   * Adds one query word's best match per listing to the running scores; returns the touched
   * count. `onlyTouched`: ignore listings no earlier word reached.
   */
  private scoreWord(word: number, touchedCount: number, onlyTouched: boolean): number {
    const { postingStart, postingDoc, postingField } = this.index;
    const { score, nameCover, matched, docStamp, touched, wordBest, wordName, wordStamp, wordTouched } = this;
    const { wordTerm, wordQuality, fieldWeight } = this;
    const stamp = (this.wordEpoch = nextStamp(this.wordEpoch, wordStamp));
    const epoch = this.docEpoch;
    const base = word * MAX_EXPANSIONS;
    const expansions = this.wordExpansions[word] as number;
    let count = 0;
    for (let e = 0; e < expansions; e++) {
      const term = wordTerm[base + e] as number;
      const quality = wordQuality[base + e] as number;
      const end = postingStart[term + 1] as number;
      for (let p = postingStart[term] as number; p < end; p++) {
        const doc = postingDoc[p] as number;
        if (onlyTouched && docStamp[doc] !== epoch) continue;
        const field = postingField[p] as number;
        const s = quality * (fieldWeight[field] as number);
        const inName = (field & NAME_BIT) !== 0 ? quality : 0;
        if (wordStamp[doc] !== stamp) {
          wordStamp[doc] = stamp;
          wordBest[doc] = s;
          wordName[doc] = inName;
          wordTouched[count++] = doc;
        } else {
          if (s > (wordBest[doc] as number)) wordBest[doc] = s;
          if (inName > (wordName[doc] as number)) wordName[doc] = inName;
        }
      }
    }
    for (let i = 0; i < count; i++) {
      const doc = wordTouched[i] as number;
      if (docStamp[doc] !== epoch) {
        docStamp[doc] = epoch;
        score[doc] = 0;
        nameCover[doc] = 0;
        matched[doc] = 0;
        touched[touchedCount++] = doc;
      }
      score[doc] = (score[doc] as number) + (wordBest[doc] as number);
      nameCover[doc] = (nameCover[doc] as number) + (wordName[doc] as number);
      matched[doc] = (matched[doc] as number) + 1;
    }
    return touchedCount;
  }

  /** Remembers a word's few best expansions for the phrase pairs. */
  private keepTopExpansions(word: number, expander: TermExpander, expansions: number): void {
    const { term, quality } = expander;
    const base = word * PHRASE_TERMS;
    let kept = 0;
    for (let e = 0; e < expansions; e++) {
      const q = quality[e] as number;
      let at: number;
      if (kept < PHRASE_TERMS) at = kept++;
      else if (q > (this.topQuality[base + PHRASE_TERMS - 1] as number)) at = PHRASE_TERMS - 1;
      else continue;
      while (at > 0 && (this.topQuality[base + at - 1] as number) < q) {
        this.topTerm[base + at] = this.topTerm[base + at - 1] as number;
        this.topQuality[base + at] = this.topQuality[base + at - 1] as number;
        at--;
      }
      this.topTerm[base + at] = term[e] as number;
      this.topQuality[base + at] = q;
    }
    this.topCount[word] = kept;
  }

  /** Rewards listings whose game name has words `a` and `b` side by side, in that order. */
  private addPhraseBonus(a: number, b: number): void {
    const { terms, pairIds, pairStart, pairDoc } = this.index;
    const { score, docStamp, wordBest, wordStamp, wordTouched } = this;
    const stamp = (this.wordEpoch = nextStamp(this.wordEpoch, wordStamp));
    let count = 0;
    for (let i = 0; i < (this.topCount[a] as number); i++) {
      const left = terms[this.topTerm[a * PHRASE_TERMS + i] as number] as string;
      const leftQuality = this.topQuality[a * PHRASE_TERMS + i] as number;
      for (let j = 0; j < (this.topCount[b] as number); j++) {
        const pair = pairIds.get(`${left} ${terms[this.topTerm[b * PHRASE_TERMS + j] as number] as string}`);
        if (pair === undefined) continue;
        const bonus = PHRASE_BONUS * leftQuality * (this.topQuality[b * PHRASE_TERMS + j] as number);
        const end = pairStart[pair + 1] as number;
        for (let p = pairStart[pair] as number; p < end; p++) {
          const doc = pairDoc[p] as number;
          if (docStamp[doc] !== this.docEpoch) continue;
          if (wordStamp[doc] !== stamp) {
            wordStamp[doc] = stamp;
            wordBest[doc] = bonus;
            wordTouched[count++] = doc;
          } else if (bonus > (wordBest[doc] as number)) {
            wordBest[doc] = bonus;
          }
        }
      }
    }
    for (let i = 0; i < count; i++) {
      const doc = wordTouched[i] as number;
      score[doc] = (score[doc] as number) + (wordBest[doc] as number);
    }
  }

  /**
   * Puts the listings that matched the most words in `candidates`, with final scores; returns
   * how many, or 0 when the most is below `minMatched`.
   */
  private collectCandidates(touchedCount: number, minMatched: number): number {
    const { score, nameCover, matched, touched, candidates } = this;
    const { featured, nameWords } = this.index;
    let required = 0;
    for (let i = 0; i < touchedCount; i++) required = Math.max(required, matched[touched[i] as number] as number);
    if (required < minMatched) return 0;
    let total = 0;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      if (matched[doc] !== required) continue;
      const final =
        (score[doc] as number) +
        (NAME_COVERAGE * Math.min(1, (nameCover[doc] as number) / (nameWords[doc] as number))) +
        (featured[doc] === 1 ? FEATURED_BOOST : 0);
      // Rounded so that listings matching the same way tie exactly, whatever the float sums did.
      score[doc] = Math.round(final * 1e6) / 1e6;
      candidates[total++] = doc;
    }
    return total;
  }
}

/** Next stamp for a "written in this round" array; clears the array once the counter wraps. */
function nextStamp(current: number, stamps: Uint32Array): number {
  if (current < 0xffffffff) return current + 1;
  stamps.fill(0);
  return 1;
}
