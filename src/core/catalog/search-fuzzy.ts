/**
 * Bounded Damerau-Levenshtein (optimal string alignment: a swap of two neighbours is one edit,
 * the typo people make most). Bounded because the index only cares whether a term is within
 * 1 or 2 edits: a row whose minimum already exceeds the bound ends the work early.
 */

/** Longest term the fuzzy matcher considers; longer ones are still found exactly or by prefix. */
export const MAX_FUZZY_LENGTH = 48;

// Three reused rows: search is synchronous, so one set per process is enough and nothing is
// allocated per comparison.
const ROW_SIZE = MAX_FUZZY_LENGTH + 2;
let before = new Int32Array(ROW_SIZE);
let previous = new Int32Array(ROW_SIZE);
let current = new Int32Array(ROW_SIZE);

function rotate(): void {
  const spare = before;
  before = previous;
  previous = current;
  current = spare;
}

/**
 * Edit distance between `query` and `term` if it is at most `bound`, otherwise `bound + 1`.
 * With `prefix`, the distance to the closest prefix of `term` (for the word still being typed).
 */
export function boundedDistance(query: string, term: string, bound: number, prefix = false): number {
  const m = query.length;
  const n = prefix ? Math.min(term.length, m + bound) : term.length;
  if (m > MAX_FUZZY_LENGTH || n > MAX_FUZZY_LENGTH) return bound + 1;
  if (!prefix && Math.abs(m - n) > bound) return bound + 1;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    const qc = query.charCodeAt(i - 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const tc = term.charCodeAt(j - 1);
      const cost = qc === tc ? 0 : 1;
      let d = (previous[j - 1] as number) + cost;
      const del = (previous[j] as number) + 1;
      const ins = (current[j - 1] as number) + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && qc === term.charCodeAt(j - 2) && query.charCodeAt(i - 2) === tc) {
        const swap = (before[j - 2] as number) + 1;
        if (swap < d) d = swap;
      }
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > bound) return bound + 1;
    rotate();
  }
  // After the last rotate, `previous` holds the final row.
  let best: number;
  if (prefix) {
    best = bound + 1;
    for (let j = Math.max(0, m - bound); j <= n; j++) {
      const d = previous[j] as number;
      if (d < best) best = d;
    }
  } else {
    best = previous[n] as number;
  }
  return best > bound ? bound + 1 : best;
}
