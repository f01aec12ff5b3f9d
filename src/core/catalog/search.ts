import { QUERY_STOPWORDS } from './search-aliases.js';
import { TermExpander } from './search-expand.js';
import { tokenize } from './search-normalize.js';
import { buildPostings, buildPostingsInSteps, type Postings } from './search-postings.js';
import { MAX_WORDS, QueryScorer } from './search-scorer.js';
import { selectTop } from './search-select.js';
import type { Listing } from './types.js';

export { parseDenomination } from './denomination.js';
export { normalizeSearchText } from './search-normalize.js';

export interface SearchOptions {
  /** 1-based. */
  page?: number;
  /** Hits per page, 1–100; 10 when left out. */
  pageSize?: number;
}

export interface SearchHit {
  listing: Listing;
  score: number;
}

export interface SearchResult {
  /** Listings that match, over all pages. */
  total: number;
  hits: SearchHit[];
}

const MAX_QUERY_LENGTH = 200;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/**
 * Product search over a catalog snapshot: typo-tolerant, alias- and region-aware, with pack
 * sizes matched as numbers. Immutable: build a new index when the catalog changes.
 *
 * Built as an inverted index (normalized term → posting list of listings, in typed arrays) with
 * a sorted term dictionary for prefix and fuzzy expansion, so a query touches only the
 * listings its words occur in. Scratch arrays are sized once to the catalog; a query allocates
 * little beyond its page of hits. Not reentrant, which is safe because `search` is synchronous.
 */
export class SearchIndex {
  /** Number of listings indexed. */
  readonly size: number;
  private readonly index: Postings;
  private readonly expander: TermExpander;
  private readonly scorer: QueryScorer;

  constructor(listings: readonly Listing[], prebuilt?: Postings) {
    this.index = prebuilt ?? buildPostings(listings);
    this.expander = new TermExpander(this.index);
    this.scorer = new QueryScorer(this.index);
    this.size = listings.length;
  }

  /**
   * Builds the index a slice at a time, awaiting `pause` between slices (by default the next
   * turn of the event loop), for rebuilds that must not stall message handling.
   */
  static async build(listings: readonly Listing[], pause: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<SearchIndex> {
    const steps = buildPostingsInSteps(listings);
    for (;;) {
      const step = steps.next();
      if (step.done) return new SearchIndex(listings, step.value);
      await pause();
    }
  }

  /**
   * Listings for what a buyer typed, best first. Every meaningful word must match (exactly,
   * by prefix for the word still being typed, within 1–2 typos, or through an alias); words
   * that match nothing in the catalog are ignored, and when no listing has all the rest, the
   * listings matching the most of them (at least half) are returned. Equal scores go
   * in-stock first, then in display-name order with numbers compared as numbers, then by id.
   *
   * @returns an empty result for a query with no letters or digits.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const pageSize = clampInt(options.pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    const page = clampInt(options.page, 1, 1, Number.MAX_SAFE_INTEGER);
    const raw = query.slice(0, MAX_QUERY_LENGTH);
    let tokens = [...new Set(tokenize(raw))];
    const meaningful = tokens.filter((t) => !QUERY_STOPWORDS.has(t));
    if (meaningful.length > 0) tokens = meaningful;
    tokens = tokens.slice(0, MAX_WORDS);
    // A trailing space means the buyer finished the last word: no completing it.
    const lastWordOpen = !/\s$/.test(raw);

    let words = 0;
    for (let t = 0; t < tokens.length; t++) {
      const expansions = this.expander.expand(tokens[t] as string, lastWordOpen && t === tokens.length - 1);
      if (expansions > 0) this.scorer.setWord(words++, this.expander, expansions);
    }
    if (words === 0) return { total: 0, hits: [] };
    const total = this.scorer.rank(words);
    const start = (page - 1) * pageSize;
    if (start >= total) return { total, hits: [] };
    const { score, candidates } = this.scorer;
    const top = selectTop(candidates, total, Math.min(total, start + pageSize), score, this.index.inStock);
    const hits: SearchHit[] = [];
    for (let i = start; i < top.length; i++) {
      const doc = top[i] as number;
      hits.push({ listing: this.index.docs[doc] as Listing, score: score[doc] as number });
    }
    return { total, hits };
  }
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
