import { createHash } from 'node:crypto';
import type { PlayerFieldSpec, ResellerProduct } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import {
  ResellerError,
  type CatalogPage,
  type DeliveredItem,
  type IncomingWebhook,
  type PlaceOrderRequest,
  type PlaceOrderResult,
  type PlayerCheck,
  type QuoteResult,
  type RejectionCode,
  type Reseller,
  type ResellerCapabilities,
  type ResellerOrderState,
  type ResellerWebhookEvent,
} from '../../core/ports/reseller.js';
import { SANDBOX_CURRENCY, SANDBOX_ITEMS, SANDBOX_MAX_QUANTITY, type SandboxItem } from './sandbox.catalog.js';

/**
 * The built-in sandbox reseller: used when no real reseller is configured, so a new user can
 * try every flow of the shop with no account anywhere. It runs in-process (no HTTP), sells a
 * small demo catalog in USD (31 products: PUBG Mobile, Mobile Legends, Genshin Impact,
 * Free Fire, Steam Wallet, Google Play, Razer Gold and three "Sandbox demos"), and has no
 * webhooks, so the reconciler polls it.
 *
 * Scripted behaviours, chosen by the product or by the start of the `player_id`:
 *
 * | trigger | quote | validatePlayer | placeOrder | later getOrder |
 * | --- | --- | --- | --- | --- |
 * | any other product and player | catalog cost | valid, nickname `Player` + last 4 digits (`12345678` → `PlayerOne`) | accepted, `completed` at once; vouchers carry a code `DEMO-XXXX-XXXX-XXXX` derived from the reference (Razer Gold adds a PIN and a serial) | `completed` |
 * | player id `1111…`, or product "Delayed Delivery demo" | catalog cost | valid | accepted, `processing` | `processing` until `pendingMs` (default 3 s) after placing, then `completed` |
 * | player id `404…` | catalog cost | invalid, `player_not_found` | rejected `player_not_found` | — |
 * | player id `5000…` | catalog cost (the quote cannot see the player) | valid | rejected `out_of_stock` | — |
 * | product "Out Of Stock demo" | `inStock: false`, stock 0 | valid | rejected `out_of_stock` | — |
 * | player id `7777…` | catalog cost (the quote cannot see the player) | valid | rejected `price_changed` with `newCost` = cost + 10 % unless `expectedCost` is already that | `completed` |
 * | product "Price Change demo" | catalog cost + 10 % | valid | rejected `price_changed` when sent the catalog cost; accepted at the quoted cost | `completed` |
 * | player id `9999…` | catalog cost | valid | accepted, `processing` (and charged) | `failed` with a `failureDetail`; the sandbox balance is refunded |
 * | player id `3333…` | catalog cost | valid | `unknown` — but the order was placed and charged, as if the answer was lost | `completed`, found by reference |
 * | a player field breaking the product's rule (digits, length, server list) | — | invalid, `player_fields_invalid` | rejected `player_fields_invalid` | — |
 * | quantity outside 1–10 | rejected `quantity_not_allowed` | — | rejected `quantity_not_allowed` | — |
 * | order total above the sandbox balance (default 1000 USD) | — | — | rejected `reseller_balance_low` | — |
 *
 * `expectedCost` is the unit cost as quoted and must match it exactly; the balance is charged
 * unit cost × quantity. Placing a reference again returns the first order and places nothing.
 */
export const SANDBOX_ID = 'sandbox';

/** The sandbox has no credentials; every recorded call carries this marker instead. */
export const SANDBOX_HEADERS: Readonly<Record<string, string>> = { 'x-sandbox': 'demo' };

/** Faults a test can switch the sandbox into, named like the fake servers' faults. */
export type SandboxFault = 'none' | 'slow' | 'server_error' | 'malformed_json';

/** One call the core made, shaped like a fake server's recorded request: operation as `path`, arguments as `body`. */
export interface SandboxCall {
  method: 'read' | 'write';
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
}

export interface SandboxResellerOptions {
  /** Clock in epoch milliseconds; tests inject their own. */
  now?: () => number;
  /** How long a delayed order stays `processing`. Default 3000. */
  pendingMs?: number;
  /** Products per catalog page. Default 20. */
  pageSize?: number;
  /** What the sandbox account holds at the start (USD). Default 1000 USD. */
  startingBalance?: Money;
  /** Attempts for a read while a fault is on, like a real client's retries. Default 3. */
  readAttempts?: number;
}

/** A snapshot of one order the sandbox holds, for tests. */
export interface SandboxOrder {
  reference: string;
  resellerOrderId: string;
  sku: string;
  quantity: number;
  player: Record<string, string>;
  /** Unit cost × quantity, charged to the sandbox balance. */
  cost: Money;
  placedAt: number;
  status: 'processing' | 'completed' | 'failed';
}

type PlayerScript = 'not_found' | 'out_of_stock' | 'price_changed' | 'delayed' | 'fails' | 'unknown_outcome';

const PLAYER_SCRIPTS: ReadonlyArray<readonly [prefix: string, script: PlayerScript]> = [
  ['404', 'not_found'],
  ['5000', 'out_of_stock'],
  ['7777', 'price_changed'],
  ['1111', 'delayed'],
  ['9999', 'fails'],
  ['3333', 'unknown_outcome'],
];

interface OrderRecord extends Omit<SandboxOrder, 'sku' | 'status'> {
  item: SandboxItem;
  status: SandboxOrder['status'];
  script: 'instant' | 'delayed' | 'fails';
  failureDetail?: string;
}

type Rejection = Extract<PlaceOrderResult, { kind: 'rejected' }>;

const CAPABILITIES: ResellerCapabilities = {
  webhooks: false,
  playerCheck: true,
  quantityOrders: true,
  balance: true,
  statusByReference: true,
  idempotentOrders: true,
};

// No 0/O or 1/I, so a buyer can type a demo code back without guessing.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class SandboxReseller implements Reseller {
  readonly id = SANDBOX_ID;
  readonly displayName = 'Sandbox (demo)';
  readonly capabilities: ResellerCapabilities = { ...CAPABILITIES };
  /** Every call, in order (for tests and the contract suite). */
  readonly calls: SandboxCall[] = [];

  private readonly now: () => number;
  private readonly pendingMs: number;
  private readonly pageSize: number;
  private readonly startingBalance: Money;
  private readonly readAttempts: number;
  private readonly items = new Map(SANDBOX_ITEMS.map((item) => [item.sku, item]));
  private readonly byReference = new Map<string, OrderRecord>();
  private readonly byId = new Map<string, OrderRecord>();
  /** One entry per order created, so a duplicate would show even if the maps hid it. */
  private readonly created: OrderRecord[] = [];
  private funds: Money;
  private fault: SandboxFault = 'none';

  constructor(options: SandboxResellerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.pendingMs = options.pendingMs ?? 3_000;
    this.pageSize = options.pageSize ?? 20;
    this.startingBalance = options.startingBalance ?? Money.of('1000', SANDBOX_CURRENCY);
    this.readAttempts = options.readAttempts ?? 3;
    if (!(this.pendingMs >= 0)) throw new RangeError('pendingMs must be 0 or more');
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) throw new RangeError('pageSize must be a positive integer');
    if (!Number.isInteger(this.readAttempts) || this.readAttempts < 1) throw new RangeError('readAttempts must be a positive integer');
    if (this.startingBalance.currency !== SANDBOX_CURRENCY) throw new RangeError(`the sandbox balance is in ${SANDBOX_CURRENCY}`);
    this.funds = this.startingBalance;
  }

  async listCatalog(cursor?: string): Promise<CatalogPage> {
    return this.read('listCatalog', { cursor }, () => {
      const start = cursor === undefined ? 0 : Number(cursor);
      if (!/^\d+$/.test(cursor ?? '0') || start >= SANDBOX_ITEMS.length) {
        throw new ResellerError(this.id, 'bad_response', `listCatalog: unknown cursor ${JSON.stringify(cursor)}`);
      }
      const end = start + this.pageSize;
      const products = SANDBOX_ITEMS.slice(start, end).map((item) => this.product(item));
      return end < SANDBOX_ITEMS.length ? { products, next: String(end) } : { products };
    });
  }

  async quote(sku: string, quantity: number): Promise<QuoteResult> {
    return this.read('quote', { sku, quantity }, () => {
      const item = this.items.get(sku);
      if (!item) return reject('product_not_found', `no product ${sku}`);
      if (!quantityAllowed(quantity)) return reject('quantity_not_allowed', `quantity ${quantity} is outside 1–${SANDBOX_MAX_QUANTITY}`);
      const inStock = item.script !== 'out_of_stock';
      return {
        kind: 'ok',
        quote: { sku, cost: liveCost(item, false), inStock, stock: inStock ? null : 0, playerFields: cloneFields(item.playerFields), type: item.type },
      };
    });
  }

  async validatePlayer(sku: string, player: Record<string, string>): Promise<PlayerCheck> {
    return this.read('validatePlayer', { sku, player }, () => {
      const item = this.items.get(sku);
      if (!item) return { kind: 'invalid', code: 'player_fields_invalid', detail: `no product ${sku}` };
      const problem = fieldProblem(item.playerFields, player);
      if (problem) return { kind: 'invalid', code: 'player_fields_invalid', detail: problem };
      if (playerScript(player) === 'not_found') return { kind: 'invalid', code: 'player_not_found', detail: 'no such player in the sandbox' };
      // A voucher has no player to name.
      return { kind: 'valid', nickname: item.playerFields.length === 0 ? null : nickname(player.player_id ?? '') };
    });
  }

  async placeOrder(request: PlaceOrderRequest): Promise<PlaceOrderResult> {
    this.record('write', 'placeOrder', request);
    // The service never saw the call: nothing was placed, but the caller cannot know that.
    if (this.fault === 'server_error') return { kind: 'unknown', detail: 'placeOrder: service unavailable' };
    const existing = this.byReference.get(request.reference);
    if (existing) return this.answer({ kind: 'accepted', state: this.stateOf(this.advance(existing)) });
    const checked = this.check(request);
    if ('kind' in checked) return this.answer(checked);
    const script = playerScript(request.player);
    const order = this.create(request, checked.item, checked.unitCost.mul(request.quantity), script);
    if (script === 'unknown_outcome') return { kind: 'unknown', detail: 'placeOrder: the answer was lost (sandbox script 3333)' };
    return this.answer({ kind: 'accepted', state: this.stateOf(order) });
  }

  async getOrder(ref: { reference: string; resellerOrderId?: string }): Promise<ResellerOrderState> {
    return this.read('getOrder', ref, () => {
      const order = ref.resellerOrderId === undefined ? this.byReference.get(ref.reference) : this.byId.get(ref.resellerOrderId);
      return order ? this.stateOf(this.advance(order)) : { status: 'not_found' };
    });
  }

  async balance(): Promise<Money> {
    return this.read('balance', {}, () => this.funds);
  }

  async parseWebhook(_request: IncomingWebhook): Promise<ResellerWebhookEvent> {
    return { kind: 'not_supported' };
  }

  /** Switches every later call into a fault until set back to `none` (for tests). */
  setFault(fault: SandboxFault): void {
    this.fault = fault;
  }

  /** How many orders were created for our reference (for tests; 0 or 1 unless idempotency broke). */
  ordersFor(reference: string): number {
    return this.created.filter((order) => order.reference === reference).length;
  }

  /** Every order created, oldest first (for tests). */
  placedOrders(): SandboxOrder[] {
    return this.created.map((order) => ({
      reference: order.reference,
      resellerOrderId: order.resellerOrderId,
      sku: order.item.sku,
      quantity: order.quantity,
      player: { ...order.player },
      cost: order.cost,
      placedAt: order.placedAt,
      status: order.status,
    }));
  }

  /** Ends a `processing` order now, as if the upstream finished it (for tests). */
  settle(reference: string, outcome: 'completed' | 'failed'): void {
    const order = this.byReference.get(reference);
    if (!order) throw new Error(`sandbox: no order ${reference}`);
    if (order.status !== 'processing') return;
    if (outcome === 'failed') this.fail(order, 'the sandbox was told to fail this order');
    else order.status = 'completed';
  }

  /** Forgets every order and call, and restores the balance and faults (for tests). */
  reset(): void {
    this.calls.length = 0;
    this.created.length = 0;
    this.byReference.clear();
    this.byId.clear();
    this.funds = this.startingBalance;
    this.fault = 'none';
  }

  private check(request: PlaceOrderRequest): Rejection | { item: SandboxItem; unitCost: Money } {
    const item = this.items.get(request.sku);
    if (!item) return reject('product_not_found', `no product ${request.sku}`);
    if (!quantityAllowed(request.quantity)) return reject('quantity_not_allowed', `quantity ${request.quantity} is outside 1–${SANDBOX_MAX_QUANTITY}`);
    const problem = fieldProblem(item.playerFields, request.player);
    if (problem) return reject('player_fields_invalid', problem);
    const script = playerScript(request.player);
    if (script === 'not_found') return reject('player_not_found', 'no such player in the sandbox');
    if (item.script === 'out_of_stock' || script === 'out_of_stock') return reject('out_of_stock', `${item.name} is sold out`);
    const unitCost = liveCost(item, script === 'price_changed');
    if (!request.expectedCost.equals(unitCost)) {
      return { ...reject('price_changed', `expected ${request.expectedCost.toString()}, now ${unitCost.toString()}`), newCost: unitCost };
    }
    const total = unitCost.mul(request.quantity);
    if (total.compare(this.funds) > 0) return reject('reseller_balance_low', `order ${total.toString()}, balance ${this.funds.toString()}`);
    return { item, unitCost };
  }

  private create(request: PlaceOrderRequest, item: SandboxItem, cost: Money, script: PlayerScript | undefined): OrderRecord {
    const order: OrderRecord = {
      reference: request.reference,
      resellerOrderId: `SBX-${this.created.length + 1}`,
      item,
      quantity: request.quantity,
      player: { ...request.player },
      cost,
      placedAt: this.now(),
      script: script === 'fails' ? 'fails' : script === 'delayed' || item.script === 'delayed' ? 'delayed' : 'instant',
      status: 'processing',
    };
    if (order.script === 'instant') order.status = 'completed';
    this.funds = this.funds.sub(cost);
    this.created.push(order);
    this.byReference.set(order.reference, order);
    this.byId.set(order.resellerOrderId, order);
    return order;
  }

  /** Moves a `processing` order on when its script says the time has come; called on reads. */
  private advance(order: OrderRecord): OrderRecord {
    if (order.status !== 'processing') return order;
    if (order.script === 'fails') this.fail(order, 'the game server refused the top-up (sandbox script 9999)');
    else if (order.script === 'delayed' && this.now() - order.placedAt >= this.pendingMs) order.status = 'completed';
    return order;
  }

  private fail(order: OrderRecord, detail: string): void {
    order.status = 'failed';
    order.failureDetail = detail;
    // Like a real reseller, the sandbox gives back what a failed order cost.
    this.funds = this.funds.add(order.cost);
  }

  private stateOf(order: OrderRecord): ResellerOrderState {
    const state: ResellerOrderState = { status: order.status, resellerOrderId: order.resellerOrderId, cost: order.cost };
    if (order.status === 'completed' && order.item.type === 'voucher') {
      state.items = Array.from({ length: order.quantity }, (_, unit) => voucher(order.reference, unit, order.item));
    }
    if (order.failureDetail) state.failureDetail = order.failureDetail;
    return state;
  }

  /** The answer to a write when a fault is on: it happened, but the caller never learns how. */
  private answer(result: PlaceOrderResult): PlaceOrderResult {
    if (this.fault === 'none') return result;
    return { kind: 'unknown', detail: `placeOrder: ${this.fault === 'slow' ? 'timed out' : 'malformed answer'}` };
  }

  /** A read, retried a bounded number of times while a transport fault is on. */
  private async read<T>(operation: string, args: unknown, answer: () => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.record('read', operation, args);
      if (this.fault === 'none') return answer();
      if (this.fault === 'malformed_json') throw new ResellerError(this.id, 'bad_response', `${operation}: malformed answer`);
      if (attempt >= this.readAttempts) {
        const kind = this.fault === 'slow' ? 'timeout' : 'unavailable';
        throw new ResellerError(this.id, kind, `${operation}: ${kind} after ${attempt} attempts`);
      }
    }
  }

  private record(method: SandboxCall['method'], path: string, args: unknown): void {
    const rawBody = JSON.stringify(args) ?? '';
    this.calls.push({ method, path, query: {}, headers: { ...SANDBOX_HEADERS }, rawBody, body: rawBody ? JSON.parse(rawBody) : undefined });
  }

  private product(item: SandboxItem): ResellerProduct {
    return {
      resellerId: this.id,
      sku: item.sku,
      game: item.game,
      category: item.category,
      name: item.name,
      ...(item.denomination ? { denomination: { ...item.denomination } } : {}),
      region: item.region,
      type: item.type,
      playerFields: cloneFields(item.playerFields),
      cost: Money.of(item.cost, SANDBOX_CURRENCY),
      // The demo products are listed as in stock, as a stale catalog would; the live quote tells.
      inStock: true,
      stock: null,
      maxQuantity: SANDBOX_MAX_QUANTITY,
    };
  }
}

/** The sandbox reseller, with its test handles. */
export function createSandboxReseller(options: SandboxResellerOptions = {}): SandboxReseller {
  return new SandboxReseller(options);
}

function reject(code: RejectionCode, detail: string): Rejection {
  return { kind: 'rejected', code, detail };
}

function quantityAllowed(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= SANDBOX_MAX_QUANTITY;
}

function liveCost(item: SandboxItem, playerPriceChange: boolean): Money {
  const cost = Money.of(item.cost, SANDBOX_CURRENCY);
  return item.script === 'price_changed' || playerPriceChange ? cost.mul('1.1').round('half_up') : cost;
}

function playerScript(player: Record<string, string>): PlayerScript | undefined {
  const id = player.player_id ?? '';
  return PLAYER_SCRIPTS.find(([prefix]) => id.startsWith(prefix))?.[1];
}

/** The product's local rules, checked as a real reseller would before looking the player up. */
function fieldProblem(fields: readonly PlayerFieldSpec[], player: Record<string, string>): string | undefined {
  for (const field of fields) {
    const value = player[field.key] ?? '';
    if (value === '') {
      if (field.required) return `${field.label} is required`;
      continue;
    }
    if (field.options && !field.options.some((option) => option.value === value)) return `${field.label} must be one of the listed options`;
    const broken =
      (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) ||
      (field.minLength !== undefined && value.length < field.minLength) ||
      (field.maxLength !== undefined && value.length > field.maxLength);
    if (broken) return `${field.label}: ${field.hint ?? 'not in the expected form'}`;
  }
  return undefined;
}

function nickname(playerId: string): string {
  return playerId === '12345678' ? 'PlayerOne' : `Player${playerId.slice(-4)}`;
}

function cloneFields(fields: readonly PlayerFieldSpec[]): PlayerFieldSpec[] {
  return fields.map((field) => ({ ...field, ...(field.options ? { options: field.options.map((option) => ({ ...option })) } : {}) }));
}

/** One demo code, the same for the same reference and unit every time. */
function voucher(reference: string, unit: number, item: SandboxItem): DeliveredItem {
  const digest = createHash('sha256').update(`${reference}#${unit}`).digest();
  const letters = Array.from(digest.subarray(0, 12), (byte) => CODE_ALPHABET.charAt(byte % CODE_ALPHABET.length)).join('');
  const digits = (from: number, count: number) => Array.from(digest.subarray(from, from + count), (byte) => String(byte % 10)).join('');
  const code = `DEMO-${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8, 12)}`;
  return item.withPin ? { code, pin: digits(12, 8), serial: `SN${digits(20, 10)}`, label: item.name } : { code, label: item.name };
}
