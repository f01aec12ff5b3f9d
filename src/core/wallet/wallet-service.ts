import type { Clock } from '../clock.js';
import { fail, ok, type Result } from '../errors.js';
import { Money } from '../money.js';
import type { LedgerEntry, LedgerReason, Repositories, Storage } from '../ports/storage.js';

export interface LedgerChange {
  userId: string;
  amount: Money;
  reason: LedgerReason;
  reference: string;
  /** One per money-moving step: repeating the step finds the entry and changes nothing. */
  idempotencyKey: string;
  actor: string;
  note?: string | null;
}

/**
 * The buyer's wallet: a ledger of signed entries, balance = their sum, never below zero.
 * Every change locks the buyer's row first, so parallel purchases by one buyer serialize and
 * cannot overspend.
 */
export class WalletService {
  constructor(
    private readonly deps: { storage: Storage; currency: string; clock: Clock },
  ) {}

  get currency(): string {
    return this.deps.currency;
  }

  balance(userId: string): Promise<Money> {
    return this.deps.storage.ledger.balance(userId, this.deps.currency);
  }

  history(userId: string, page: { limit: number; offset: number }) {
    return this.deps.storage.ledger.history(userId, page);
  }

  /**
   * Takes money out inside the caller's transaction. A repeat of the same idempotency key
   * returns the entry made the first time.
   */
  async debitInTransaction(tx: Repositories, change: LedgerChange): Promise<Result<LedgerEntry, 'wallet_insufficient' | 'invalid_input'>> {
    if (!change.amount.isPositive() || change.amount.currency !== this.deps.currency) {
      return fail('invalid_input', `debit must be a positive ${this.deps.currency} amount`);
    }
    await tx.users.lock(change.userId);
    const previous = await tx.ledger.findByIdempotencyKey(change.idempotencyKey);
    if (previous) return ok(previous);
    const balance = await tx.ledger.balance(change.userId, this.deps.currency);
    if (balance.compare(change.amount) < 0) {
      return fail('wallet_insufficient', undefined, { balance: balance.toString(), needed: change.amount.toString() });
    }
    const entry = await tx.ledger.append({ ...change, amount: change.amount.negate(), note: change.note ?? null });
    return ok(entry ?? (await tx.ledger.findByIdempotencyKey(change.idempotencyKey))!);
  }

  /** Puts money in inside the caller's transaction; idempotent by key like a debit. */
  async creditInTransaction(tx: Repositories, change: LedgerChange): Promise<{ entry: LedgerEntry; fresh: boolean }> {
    if (!change.amount.isPositive() || change.amount.currency !== this.deps.currency) {
      throw new RangeError(`credit must be a positive ${this.deps.currency} amount, got ${change.amount.toString()}`);
    }
    await tx.users.lock(change.userId);
    const entry = await tx.ledger.append({ ...change, note: change.note ?? null });
    if (entry) return { entry, fresh: true };
    return { entry: (await tx.ledger.findByIdempotencyKey(change.idempotencyKey))!, fresh: false };
  }

  /**
   * Takes up to `amount`, never below zero — for holds on disputed top-ups. Returns what was
   * taken; the caller alerts operators about any shortfall.
   */
  async holdInTransaction(tx: Repositories, change: LedgerChange): Promise<Money> {
    await tx.users.lock(change.userId);
    const previous = await tx.ledger.findByIdempotencyKey(change.idempotencyKey);
    if (previous) return previous.amount.negate();
    const balance = await tx.ledger.balance(change.userId, this.deps.currency);
    const take = balance.compare(change.amount) < 0 ? balance : change.amount;
    if (!take.isPositive()) return Money.zero(this.deps.currency);
    await tx.ledger.append({ ...change, amount: take.negate(), note: change.note ?? null });
    return take;
  }

  /**
   * An admin's credit (positive) or debit (negative) with a note; audited by the entry's
   * actor and note, and announced to the buyer.
   */
  async adjust(input: { actor: string; userId: string; amount: Money; note: string; idempotencyKey: string }): Promise<Result<{ entry: LedgerEntry; balance: Money }>> {
    if (input.amount.isZero()) return fail('invalid_input', 'amount must not be zero');
    if (input.amount.currency !== this.deps.currency) return fail('invalid_input', `the wallet is kept in ${this.deps.currency}`);
    if (!input.note.trim()) return fail('invalid_input', 'a note is required');
    return this.deps.storage.transaction(async (tx) => {
      const change = {
        userId: input.userId,
        reference: `admin:${input.actor}`,
        idempotencyKey: input.idempotencyKey,
        actor: input.actor,
        note: input.note.trim(),
      };
      let entry: LedgerEntry;
      if (input.amount.isPositive()) {
        entry = (await this.creditInTransaction(tx, { ...change, amount: input.amount, reason: 'admin_credit' })).entry;
      } else {
        const debit = await this.debitInTransaction(tx, { ...change, amount: input.amount.negate(), reason: 'admin_debit' });
        if (!debit.ok) return debit;
        entry = debit.value;
      }
      const balance = await tx.ledger.balance(input.userId, this.deps.currency);
      await tx.outbox.enqueue({
        dedupeKey: `wallet:${entry.idempotencyKey}`,
        audience: 'buyer',
        userId: input.userId,
        orderId: null,
        kind: input.amount.isPositive() ? 'wallet_credited' : 'wallet_debited',
        payload: { amount: input.amount.isPositive() ? input.amount.toJSON() : input.amount.negate().toJSON(), balance: balance.toJSON(), reason: entry.reason, reference: input.note.trim() },
      });
      return ok({ entry, balance });
    });
  }
}
