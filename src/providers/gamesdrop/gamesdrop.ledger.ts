import { Money } from '../../core/money.js';
import { ResellerError } from '../../core/ports/reseller.js';
import type { UpstreamClient } from '../shared/upstream-client.js';
import { BUSINESS_STATUSES } from './gamesdrop.orders.js';
import { describeError, errorMeaning } from './gamesdrop.status.js';
import { answer, balanceSchema, transactionsSchema } from './gamesdrop.wire.js';

/** One movement of the GamesDrop balance. */
export interface LedgerTransaction {
  id: string;
  /** Negative for debits. */
  amount: Money;
  /** `DEPOSIT`, `PURCHASE` or `REFUND` in the document. */
  type: string;
  description?: string;
  balanceAfter?: Money;
  createdAt: string;
}

export interface TransactionsPage {
  transactions: LedgerTransaction[];
  total: number;
  /** The next page number, absent on the last page. */
  next?: number;
}

/**
 * The balance and its history. The history names neither our transactionId nor an orderId, so
 * it cannot find an order by reference; it serves reconciliation by amount and time, and shows
 * refunds arriving.
 */
export class GamesDropLedger {
  constructor(
    private readonly client: UpstreamClient,
    private currency: string,
  ) {}

  async balance(): Promise<Money> {
    const response = await this.client.request({
      operation: 'getBalance',
      method: 'GET',
      path: '/api/v1/balance',
      idempotent: true,
      schema: answer(balanceSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    if (response.data.kind === 'error') {
      const error = response.data.error;
      const meaning = errorMeaning(error.code);
      const kind = meaning === 'auth' ? 'auth' : meaning === 'balance_unavailable' || meaning === 'unavailable' ? 'unavailable' : 'bad_response';
      throw new ResellerError('gamesdrop', kind, `getBalance: ${describeError(error, response.status)}`);
    }
    const { balance, currency } = response.data.data;
    // An older guide: "balance: null" while the feature is unavailable.
    if (balance === null) throw new ResellerError('gamesdrop', 'unavailable', 'getBalance: GamesDrop reports no balance just now');
    this.currency = currency;
    return Money.of(balance, currency);
  }

  async transactions(page: number, limit: number): Promise<TransactionsPage> {
    const response = await this.client.request({
      operation: 'getTransactions',
      method: 'GET',
      path: '/api/v1/balance/transactions',
      query: { page, limit },
      idempotent: true,
      schema: answer(transactionsSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    if (response.data.kind === 'error') {
      const error = response.data.error;
      const kind = errorMeaning(error.code) === 'auth' ? 'auth' : 'bad_response';
      throw new ResellerError('gamesdrop', kind, `getTransactions: ${describeError(error, response.status)}`);
    }
    const { transactions, total } = response.data.data;
    // Entries carry no currency: they are in the balance's, which the document says is always USD.
    const money = (amount: string) => Money.of(amount, this.currency);
    return {
      transactions: transactions.map((t) => ({
        id: t.id,
        amount: money(t.amount),
        type: t.type,
        ...(t.description ? { description: t.description } : {}),
        ...(t.balanceAfter != null ? { balanceAfter: money(t.balanceAfter) } : {}),
        createdAt: t.createdAt,
      })),
      total,
      ...(page * limit < total ? { next: page + 1 } : {}),
    };
  }
}
