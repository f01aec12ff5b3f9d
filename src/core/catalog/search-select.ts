/**
 * The best `want` of `count` candidate docs, best first: higher score, then in stock, then
 * lower doc number (display-name order). A bounded heap when `want` is a small share of the
 * candidates, so a page of 10 out of 20,000 matches costs a pass, not a sort.
 */
export function selectTop(
  candidates: Int32Array,
  count: number,
  want: number,
  score: Float64Array,
  inStock: Uint8Array,
): Int32Array {
  const better = (a: number, b: number): boolean => {
    const sa = score[a] as number;
    const sb = score[b] as number;
    if (sa !== sb) return sa > sb;
    if (inStock[a] !== inStock[b]) return (inStock[a] as number) > (inStock[b] as number);
    return a < b;
  };
  const order = (a: number, b: number): number => (better(a, b) ? -1 : 1);
  const pool = candidates.subarray(0, count);
  if (want * 4 >= count) return pool.sort(order).subarray(0, want);
  // The root is the worst candidate kept so far.
  const heap = new Int32Array(want);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const doc = pool[i] as number;
    if (size < want) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent] as number, doc)) break;
        heap[at] = heap[parent] as number;
        at = parent;
      }
      heap[at] = doc;
    } else if (better(doc, heap[0] as number)) {
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && better(heap[child] as number, heap[child + 1] as number)) child++;
        if (!better(doc, heap[child] as number)) break;
        heap[at] = heap[child] as number;
        at = child;
      }
      heap[at] = doc;
    }
  }
  return heap.sort(order);
}
