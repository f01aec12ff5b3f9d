import pino from 'pino';
import { Money } from '../../src/core/money.js';
import type { BuyerNotice, BuyerAddress, Notifier, OperatorAlert, Platform } from '../../src/core/ports/notifier.js';
import type { PaymentMethod, PaymentStart, RefundOutcome, StartPaymentRequest } from '../../src/core/ports/payment.js';
import type { Reseller } from '../../src/core/ports/reseller.js';
import type { BuyerRecord } from '../../src/core/ports/storage.js';
import { createShop, type Shop, type ShopSettings } from '../../src/core/shop.js';
import { MemoryKeyValueStore } from '../../src/infra/memory-state.js';
import { createSandboxReseller, type SandboxReseller } from '../../src/providers/sandbox/sandbox.adapter.js';
import type { DatabaseHandle } from '../../src/storage/database.js';
import { createPricingStore } from '../../src/storage/pricing-store.js';
import { createStorage } from '../../src/storage/storage.js';

/** A notifier that records what it would have sent; can be told to fail. */
export class RecordingNotifier implements Notifier {
  readonly buyerNotices: Array<{ address: BuyerAddress; notice: BuyerNotice; context: Record<string, string> | null }> = [];
  readonly alerts: OperatorAlert[] = [];
  failNext = 0;
  private messageId = 100;
  constructor(readonly platform: Platform = 'telegram') {}

  async notifyBuyer(address: BuyerAddress, notice: BuyerNotice, context: Record<string, string> | null) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('chat API is down');
    }
    this.buyerNotices.push({ address, notice, context });
    return { chatId: address.platformUserId, messageId: context?.messageId ?? String(++this.messageId) };
  }

  async alertOperators(alert: OperatorAlert) {
    this.alerts.push(alert);
  }

  orderStates(reference: string): string[] {
    return this.buyerNotices
      .filter((n) => n.notice.kind === 'order_status' && n.notice.order.reference === reference)
      .map((n) => (n.notice.kind === 'order_status' ? n.notice.order.state : ''));
  }
}

/** A hosted-checkout method for core tests: hands out a URL, records refunds. */
export class FakeCheckoutMethod implements PaymentMethod {
  readonly started: StartPaymentRequest[] = [];
  available = true;
  constructor(readonly id: 'sellix' | 'stars' = 'sellix') {}
  async start(request: StartPaymentRequest): Promise<PaymentStart> {
    if (!this.available) return { kind: 'unavailable', detail: 'checkout service down' };
    this.started.push(request);
    return { kind: 'redirect', url: `https://pay.example/${request.paymentReference}`, externalId: `ext-${request.paymentReference}` };
  }
  async refund(): Promise<RefundOutcome> {
    return { kind: 'refunded', externalRefundId: 'r-1' };
  }
}

export const testSettings: ShopSettings = {
  currency: 'USD',
  markupPercent: '10',
  minMarginPercent: '2',
  fxRates: [],
  fxMaxAgeMinutes: 1440,
  quoteTtlMs: 300_000,
  paymentTimeoutMs: 1_800_000,
  stuckAfterMs: 1_800_000,
  catalogRefreshMs: 600_000,
};

export interface Harness {
  shop: Shop;
  sandbox: SandboxReseller;
  notifier: RecordingNotifier;
  checkout: FakeCheckoutMethod;
  /** Moves the shared test clock forward. */
  advance(ms: number): void;
  now(): Date;
  buyer(id?: string): Promise<BuyerRecord>;
  /** Puts money in a buyer's wallet the way an admin does. */
  fund(buyer: BuyerRecord, amount: string): Promise<void>;
  /** Runs the reconciler and the outbox until nothing is due. */
  settle(): Promise<void>;
}

let buyerCounter = 0;

export async function createHarness(
  database: DatabaseHandle,
  options: {
    resellers?: (sandbox: SandboxReseller, clock: () => number) => Reseller[];
    settings?: Partial<ShopSettings>;
    /** Replaces the fake checkout method (e.g. the real Sellix adapter against its fake). */
    paymentMethods?: PaymentMethod[];
  } = {},
): Promise<Harness> {
  // Real time plus an offset tests move forward: never behind the database's own now().
  let offset = 0;
  const nowMs = () => Date.now() + offset;
  const clock = () => new Date(nowMs());
  const sandbox = createSandboxReseller({ now: nowMs, pendingMs: 5_000 });
  const notifier = new RecordingNotifier();
  const checkout = new FakeCheckoutMethod();
  const storage = createStorage(database.db);
  const shop = createShop({
    storage,
    pricingStore: createPricingStore(database.db),
    kv: new MemoryKeyValueStore(nowMs),
    resellers: options.resellers ? options.resellers(sandbox, nowMs) : [sandbox],
    paymentMethods: options.paymentMethods ?? [checkout],
    notifiers: () => new Map([[notifier.platform, notifier]]),
    settings: { ...testSettings, ...options.settings },
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock,
  });
  await shop.catalog.refresh();
  return {
    shop,
    sandbox,
    notifier,
    checkout,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    async buyer(id) {
      return storage.users.upsertIdentity({
        platform: 'telegram',
        platformUserId: id ?? `${Date.now()}${++buyerCounter}`,
        username: null,
        displayName: 'Test Buyer',
        language: 'en',
      });
    },
    async fund(buyer, amount) {
      const result = await shop.wallet.adjust({ actor: 'admin:test', userId: buyer.id, amount: Money.of(amount, 'USD'), note: 'test funds', idempotencyKey: `fund:${buyer.id}:${++buyerCounter}` });
      if (!result.ok) throw new Error(`funding failed: ${result.code}`);
    },
    async settle() {
      for (let i = 0; i < 10; i++) {
        const worked = await shop.worker.tick();
        const sent = await shop.outbox.tick();
        if (worked === 0 && sent === 0) return;
      }
    },
  };
}

/** The listing for a product name in the sandbox catalog. */
export function listingNamed(shop: Shop, name: string) {
  const hit = shop.catalog.search(name, 1, 20).hits.find((h) => h.listing.name === name);
  if (!hit) throw new Error(`no listing named ${name}`);
  return hit.listing;
}
