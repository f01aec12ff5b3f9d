import { ResellerError, type ResellerOrderState } from '../../core/ports/reseller.js';
import type { UpstreamClient } from '../shared/upstream-client.js';
import { orderStateOf } from './gamexbulk.status.js';
import { envelope, listEnvelope, orderSchema } from './gamexbulk.wire.js';

/** One row of the recent-order list, normalized. */
export interface GamexOrderSummary {
  /** Our reference: GamexBulk's `client_order_id`, the idempotency key we sent. */
  reference?: string;
  resellerOrderId: string;
  createdAt?: string;
  state: ResellerOrderState;
}

export interface ListOrdersOptions {
  /** Pages to read at most (the list is "recent orders"; default: the adapter's lookup depth). */
  maxPages?: number;
  /** Stop at the first row for which this is true. */
  until?: (order: GamexOrderSummary) => boolean;
}

/** Reading orders back: one by GamexBulk's id, or the recent list (there is no lookup by our key). */
export class GamexBulkOrders {
  constructor(
    private readonly client: UpstreamClient,
    private readonly paths: { listOrders: string; order: (id: string) => string },
    private readonly currency: () => Promise<string>,
    private readonly defaultPages: number,
  ) {}

  async byId(id: string): Promise<ResellerOrderState> {
    const { status, data } = await this.client.request({
      operation: 'getOrder',
      method: 'GET',
      path: this.paths.order(id),
      idempotent: true,
      schema: envelope(orderSchema),
      acceptStatus: [404],
    });
    if (data.success) return orderStateOf(data.data, await this.currency());
    if (status === 404 || data.error.code.toUpperCase() === 'ORDER_NOT_FOUND') return { status: 'not_found' };
    throw new ResellerError('gamexbulk', 'bad_response', `getOrder: ${data.error.code}`);
  }

  /** Our reference is GamexBulk's `client_order_id`; found by walking the recent list. */
  async byReference(reference: string): Promise<GamexOrderSummary | undefined> {
    const rows = await this.list({ until: (row) => row.reference === reference });
    return rows.find((row) => row.reference === reference);
  }

  async list(options: ListOrdersOptions = {}): Promise<GamexOrderSummary[]> {
    const maxPages = options.maxPages ?? this.defaultPages;
    const currency = await this.currency();
    const rows: GamexOrderSummary[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await this.client.request({
        operation: 'listOrders',
        method: 'GET',
        path: this.paths.listOrders,
        // Not printed in the document; the same names as `/products`, harmless if ignored.
        query: { page, per_page: 100 },
        idempotent: true,
        schema: listEnvelope(orderSchema),
      });
      if (!data.success) throw new ResellerError('gamexbulk', 'bad_response', `listOrders: ${data.error.code}`);
      for (const order of data.data) {
        const row: GamexOrderSummary = {
          ...(order.client_order_id ? { reference: order.client_order_id } : {}),
          resellerOrderId: order.order_id,
          ...(order.created_at ? { createdAt: order.created_at } : {}),
          state: orderStateOf(order, currency),
        };
        rows.push(row);
        if (options.until?.(row)) return rows;
      }
      // Without page metadata there is no telling whether `page` is honoured: one page only.
      if (!data.meta || data.meta.current_page >= data.meta.last_page || data.data.length === 0) break;
    }
    return rows;
  }
}
