/**
 * The order lifecycle as data. Every change of state goes through the order service's one
 * transition path, which checks this table, persists the state and an order event together,
 * and only then runs side effects.
 */
export const orderStates = [
  'created',
  'awaiting_payment',
  'paid',
  'submitted',
  'processing',
  'completed',
  'failed',
  'refunded',
  'expired',
  'needs_review',
] as const;

export type OrderState = (typeof orderStates)[number];

export const orderTransitions: Readonly<Record<OrderState, { readonly to: readonly OrderState[] }>> = {
  created: { to: ['awaiting_payment', 'paid', 'failed'] },
  // failed: the payment could not even be started (no money moved).
  awaiting_payment: { to: ['paid', 'expired', 'failed'] },
  paid: { to: ['submitted', 'failed', 'needs_review'] },
  submitted: { to: ['processing', 'completed', 'failed', 'needs_review'] },
  processing: { to: ['completed', 'failed', 'needs_review'] },
  // An operator (or the reconciler, once the reseller answers) settles it.
  needs_review: { to: ['processing', 'completed', 'failed'] },
  failed: { to: ['refunded'] },
  completed: { to: [] },
  refunded: { to: [] },
  expired: { to: [] },
};

/** States an order never leaves. `failed` is final only when no money was taken. */
export const finalStates: ReadonlySet<OrderState> = new Set(['completed', 'refunded', 'expired']);

/** States the reconciler keeps asking resellers about. */
export const trackedStates: readonly OrderState[] = ['submitted', 'processing', 'needs_review'];

export function canTransition(from: OrderState, to: OrderState): boolean {
  return orderTransitions[from].to.includes(to);
}

export function isOrderState(value: string): value is OrderState {
  return (orderStates as readonly string[]).includes(value);
}

/**
 * Start-up check: every state is reachable from `created`, every target is a known state, and
 * the final states lead nowhere. Throws naming the problem, so a bad edit fails at start.
 */
export function assertLifecycleSound(table = orderTransitions): void {
  const seen = new Set<OrderState>(['created']);
  const queue: OrderState[] = ['created'];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const next of table[state].to) {
      if (!isOrderState(next)) throw new Error(`order lifecycle: ${state} leads to unknown state ${String(next)}`);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const unreachable = orderStates.filter((s) => !seen.has(s));
  if (unreachable.length > 0) throw new Error(`order lifecycle: unreachable states ${unreachable.join(', ')}`);
  for (const state of finalStates) {
    if (table[state].to.length > 0) throw new Error(`order lifecycle: final state ${state} has transitions`);
  }
}
