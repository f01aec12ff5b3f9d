import type { PlaceOrderResult } from '../../core/ports/reseller.js';
import { NEEDS_REVIEW } from './xzian.status.js';

/**
 * XZian documents no idempotency key, so a second `POST /orders` for one of our references
 * would create a second, charged order. This remembers, in this process only, every reference
 * whose order may exist, and answers a repeat (or a concurrent twin) from the first outcome
 * instead of sending it again. It does not survive a restart and is not shared between
 * instances: the core's own order record must still never re-place an XZian order whose
 * outcome is unknown without an operator.
 */
export class SentOrders {
  private readonly outcomes = new Map<string, Promise<PlaceOrderResult>>();

  constructor(private readonly limit = 10_000) {}

  /**
   * Runs `place` for a reference not seen before. A rejection (nothing was created) or a throw
   * (nothing was sent) forgets the reference, so it may be placed again.
   */
  async once(reference: string, place: () => Promise<PlaceOrderResult>): Promise<PlaceOrderResult> {
    const earlier = this.outcomes.get(reference);
    if (earlier) return repeatOf(await earlier);
    const outcome = place();
    this.outcomes.set(reference, outcome);
    if (this.outcomes.size > this.limit) {
      const oldest = this.outcomes.keys().next().value;
      if (oldest !== undefined) this.outcomes.delete(oldest);
    }
    try {
      const result = await outcome;
      if (result.kind === 'rejected') this.outcomes.delete(reference);
      return result;
    } catch (error) {
      this.outcomes.delete(reference);
      throw error;
    }
  }
}

function repeatOf(first: PlaceOrderResult): PlaceOrderResult {
  if (first.kind !== 'unknown') return first;
  return {
    kind: 'unknown',
    detail: `This reference was already sent to XZian and its outcome is unknown; it was not sent again. ${NEEDS_REVIEW}`,
  };
}
