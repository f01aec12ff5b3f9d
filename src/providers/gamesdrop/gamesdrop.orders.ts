import { z } from 'zod';
import { ResellerError, type ResellerErrorKind, type ResellerOrderState } from '../../core/ports/reseller.js';
import type { UpstreamClient } from '../shared/upstream-client.js';
import { describeError, errorMeaning, gamesdropErrorCodes, needsKeys, orderStateOf } from './gamesdrop.status.js';
import { answer, keysSchema, orderSchema, type WireError, type WireOrder } from './gamesdrop.wire.js';

/**
 * Where order status lives: the document's path, and the one a newer guide gives. Both take
 * `{orderId}` and answer the same order object.
 */
export const STATUS_PATHS = ['/api/v1/offers/order-status', '/api/v1/order/find-one'] as const;
export type StatusPath = (typeof STATUS_PATHS)[number];

/** Error answers are 4xx with the envelope; the exact statuses are not documented. */
export const BUSINESS_STATUSES = [400, 402, 404, 409, 422];

/** A 404 from a path the service does not have, told apart from a 404 that is an answer. */
const statusAnswer = z.union([answer(orderSchema), z.unknown().transform(() => ({ kind: 'unrecognized' as const }))]);

/** What identifies the order: its id, or (where the service allows it) our transactionId. */
export type OrderKey = { orderId: string } | { transactionId: string };

const fail = (kind: ResellerErrorKind, message: string): never => {
  throw new ResellerError('gamesdrop', kind, message);
};

/** Reads orders and their keys, trying both status paths and keeping to the one that answers. */
export class GamesDropOrderReader {
  private preferred = 0;

  constructor(
    private readonly client: UpstreamClient,
    initialPath: StatusPath = STATUS_PATHS[0],
  ) {
    this.preferred = STATUS_PATHS.indexOf(initialPath);
  }

  /** The status path in use: the first that answered. */
  get statusPath(): StatusPath {
    return STATUS_PATHS[this.preferred]!;
  }

  /** The core's state of one order, with its keys when the order promises them. */
  async find(key: OrderKey): Promise<ResellerOrderState> {
    const body = 'orderId' in key ? { orderId: numericId(key.orderId) } : { transactionId: key.transactionId };
    const found = await this.status(body);
    if (found.kind === 'error') return stateOfError(found.error, found.status, 'getOrder');
    return this.withKeys(found.order, 'orderId' in key ? key.orderId : undefined);
  }

  /**
   * Completes a create or status answer: a completed order that should return a key but came
   * without one gets it from `offers/keys`; until the keys are there it stays `processing`, so a
   * voucher is never reported delivered without its code.
   */
  async withKeys(order: WireOrder, knownOrderId?: string): Promise<ResellerOrderState> {
    const state = orderStateOf(order, knownOrderId);
    if (!needsKeys(order)) return state;
    const orderId = state.resellerOrderId;
    if (!orderId) return { ...state, status: 'processing', failureDetail: 'completed without a key and without an orderId to fetch it' };
    const response = await this.client.request({
      operation: 'getKeys',
      method: 'POST',
      path: '/api/v1/offers/keys',
      body: { orderId: numericId(orderId) },
      idempotent: true,
      schema: answer(keysSchema),
      acceptStatus: BUSINESS_STATUSES,
    });
    if (response.data.kind === 'ok') {
      const keys = response.data.data;
      if (keys.length === 0) return { ...state, status: 'processing', failureDetail: 'completed, keys not issued yet' };
      return { ...state, items: keys.map((code) => ({ code })) };
    }
    const fromError = stateOfError(response.data.error, response.status, 'getKeys');
    // "Not found" for keys of an order we just read means the keys are not there yet.
    if (fromError.status === 'not_found') return { ...state, status: 'processing', failureDetail: 'keys not found yet' };
    return { ...fromError, resellerOrderId: orderId };
  }

  private async status(body: Record<string, unknown>): Promise<{ kind: 'order'; order: WireOrder } | { kind: 'error'; error: WireError; status: number }> {
    for (let tried = 0; tried < STATUS_PATHS.length; tried++) {
      const index = (this.preferred + tried) % STATUS_PATHS.length;
      const response = await this.client.request({
        operation: 'getOrder',
        method: 'POST',
        path: STATUS_PATHS[index]!,
        body,
        idempotent: true,
        schema: statusAnswer,
        acceptStatus: BUSINESS_STATUSES,
      });
      const data = response.data;
      if (response.status === 404 && isMissingRoute(data)) continue;
      if (data.kind === 'unrecognized') return fail('bad_response', `getOrder: HTTP ${response.status} with an unexpected shape`);
      this.preferred = index;
      return data.kind === 'ok' ? { kind: 'order', order: data.data } : { kind: 'error', error: data.error, status: response.status };
    }
    return fail('bad_response', `getOrder: neither ${STATUS_PATHS.join(' nor ')} exists`);
  }
}

/** A 404 whose body names no documented code is the framework's "no such path", not `ORDER_NOT_FOUND`. */
function isMissingRoute(data: z.output<typeof statusAnswer>): boolean {
  if (data.kind === 'unrecognized') return true;
  if (data.kind === 'ok') return false;
  return !(gamesdropErrorCodes as readonly string[]).includes(data.error.code ?? '');
}

/** An error answer about an order, as a state where it says one, or a typed throw. */
function stateOfError(error: WireError, httpStatus: number, operation: string): ResellerOrderState {
  const detail = describeError(error, httpStatus);
  const meaning = errorMeaning(error.code);
  switch (meaning) {
    case 'order_not_found':
      return { status: 'not_found' };
    case 'order_not_ready':
      return { status: 'processing' };
    case 'order_canceled':
    case 'order_refunded':
      return { status: 'failed', failureDetail: `GamesDrop: ${detail}` };
    case 'auth':
      return fail('auth', `${operation}: refused our token (${detail})`);
    case 'unavailable':
    case 'balance_unavailable':
      return fail('unavailable', `${operation}: ${detail}`);
    case 'offer_not_found':
    case 'duplicate':
    case 'wrong_price':
    case 'bad_request':
    case 'balance_low':
    case 'out_of_stock':
    case 'unknown':
      return fail('bad_response', `${operation}: ${detail}`);
    default: {
      const unreachable: never = meaning;
      return unreachable;
    }
  }
}

/** The document insists ids go as JSON numbers. */
export function numericId(id: string): number {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) throw new RangeError(`not a GamesDrop id: ${id}`);
  return n;
}
