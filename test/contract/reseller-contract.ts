import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResellerProduct } from '../../src/core/catalog/types.js';
import { Money } from '../../src/core/money.js';
import {
  ResellerError,
  type IncomingWebhook,
  type PlaceOrderRequest,
  type RejectionCode,
  type Reseller,
} from '../../src/core/ports/reseller.js';
import type { Fault, RecordedRequest } from '../fakes/recorder.js';

/**
 * What each reseller's test file hands the contract suite: its adapter wired to its fake,
 * and the fake's handles. Every adapter passes the same suite, so all of them promise the
 * same things to the core.
 */
export interface ResellerContractFixture {
  reseller: Reseller;
  fake: {
    requests: RecordedRequest[];
    setFault(fault: Fault): void;
    /**
     * Drives a pending upstream order to its end. Services with webhooks return the
     * webhook request the fake would send (the suite feeds it to `parseWebhook`); services
     * without return undefined and the suite polls.
     */
    finishOrder(reference: string, outcome: 'success' | 'failed'): Promise<IncomingWebhook | undefined>;
    /** How many distinct orders the fake holds for our reference. */
    ordersFor(reference: string): number;
  };
  /** Products the fake serves for each case (skus as the adapter reports them). */
  skus: {
    /** Completes at once. */
    instant: string;
    /** A voucher that delivers a code. */
    voucher: string;
    /** Stays pending until `finishOrder`. */
    pending: string;
    unknown: string;
  };
  player: { valid: Record<string, string>; invalid: Record<string, string>; nickname?: string };
  /** The idempotency key the adapter put on a recorded order-creation request. */
  idempotencyKeyOf(request: RecordedRequest): string | undefined;
  /** Recorded requests that created orders. */
  orderRequests(): RecordedRequest[];
  /** Expected headers on every call (credentials in the documented form). */
  authHeader: { name: string; value: string | RegExp };
  /** Mapped rejections: arrange the fake, place an order, expect the code. */
  rejections: Array<{ name: string; code: RejectionCode; arrange: () => Partial<PlaceOrderRequest> | Promise<Partial<PlaceOrderRequest>> }>;
  /** A webhook with a bad signature/token (services with webhooks only). */
  forgedWebhook?: () => IncomingWebhook;
}

let sequence = 0;
export const newReference = () => `CT${Date.now().toString(36).toUpperCase().slice(-4)}-${(++sequence).toString().padStart(4, '0')}`;

export function resellerContract(name: string, setup: () => Promise<{ fixture: ResellerContractFixture; teardown: () => Promise<void> }>) {
  describe(`reseller contract: ${name}`, () => {
    let f: ResellerContractFixture;
    let teardown: () => Promise<void>;
    const catalog: ResellerProduct[] = [];

    beforeAll(async () => {
      ({ fixture: f, teardown } = await setup());
    });
    afterAll(async () => {
      await teardown?.();
    });

    async function request(sku: string, extra: Partial<PlaceOrderRequest> = {}): Promise<PlaceOrderRequest> {
      const quote = await f.reseller.quote(sku, 1);
      const cost = quote.kind === 'ok' ? quote.quote.cost : Money.of('1', 'USD');
      return { reference: newReference(), sku, quantity: 1, player: f.player.valid, expectedCost: cost, ...extra };
    }

    it('lists the whole catalog, page by page, with costs in a currency and player fields', async () => {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await f.reseller.listCatalog(cursor);
        catalog.push(...page.products);
        cursor = page.next;
        pages++;
      } while (cursor && pages < 1000);
      expect(catalog.length).toBeGreaterThan(0);
      const skus = catalog.map((p) => p.sku);
      expect(new Set(skus).size).toBe(skus.length);
      for (const product of catalog) {
        expect(product.resellerId).toBe(f.reseller.id);
        expect(product.cost).toBeInstanceOf(Money);
        expect(product.cost.isNegative()).toBe(false);
        expect(['topup', 'voucher']).toContain(product.type);
        expect(Array.isArray(product.playerFields)).toBe(true);
      }
      expect(skus).toContain(f.skus.instant);
    });

    it('sends its credentials in the documented header on every call', () => {
      expect(f.fake.requests.length).toBeGreaterThan(0);
      for (const recorded of f.fake.requests) {
        const value = recorded.headers[f.authHeader.name.toLowerCase()];
        if (typeof f.authHeader.value === 'string') expect(value).toBe(f.authHeader.value);
        else expect(value).toMatch(f.authHeader.value);
      }
    });

    it('quotes a known product with its live cost, and rejects an unknown one', async () => {
      const known = await f.reseller.quote(f.skus.instant, 1);
      expect(known.kind).toBe('ok');
      if (known.kind === 'ok') {
        expect(known.quote.sku).toBe(f.skus.instant);
        expect(known.quote.cost).toBeInstanceOf(Money);
      }
      const unknown = await f.reseller.quote(f.skus.unknown, 1);
      expect(unknown).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    });

    it('checks a player: the nickname for a real one, a typed rejection for a wrong one', async () => {
      const good = await f.reseller.validatePlayer(f.skus.instant, f.player.valid);
      if (!f.reseller.capabilities.playerCheck) {
        expect(good.kind).toBe('not_verifiable');
        return;
      }
      expect(good.kind).toBe('valid');
      if (good.kind === 'valid' && f.player.nickname) expect(good.nickname).toBe(f.player.nickname);
      const bad = await f.reseller.validatePlayer(f.skus.instant, f.player.invalid);
      expect(bad.kind).toBe('invalid');
    });

    it('places an order carrying our reference as its idempotency key, and reads it back', async () => {
      const req = await request(f.skus.instant);
      const before = f.orderRequests().length;
      const result = await f.reseller.placeOrder(req);
      expect(result.kind).toBe('accepted');
      const sent = f.orderRequests().slice(before);
      expect(sent).toHaveLength(1);
      expect(f.idempotencyKeyOf(sent[0]!)).toBe(req.reference);
      if (result.kind !== 'accepted') return;
      const byReference = await f.reseller.getOrder({ reference: req.reference });
      expect(['completed', 'processing', 'pending']).toContain(byReference.status);
      if (result.state.resellerOrderId) {
        const byId = await f.reseller.getOrder({ reference: req.reference, resellerOrderId: result.state.resellerOrderId });
        expect(byId.status).toBe(byReference.status);
      }
    });

    it('never creates a second upstream order when the same reference is placed again', async () => {
      const req = await request(f.skus.instant);
      const first = await f.reseller.placeOrder(req);
      const second = await f.reseller.placeOrder(req);
      expect(first.kind).toBe('accepted');
      expect(second.kind === 'accepted' || second.kind === 'unknown').toBe(true);
      expect(f.fake.ordersFor(req.reference)).toBe(1);
      if (first.kind === 'accepted' && second.kind === 'accepted' && first.state.resellerOrderId) {
        expect(second.state.resellerOrderId).toBe(first.state.resellerOrderId);
      }
    });

    it('delivers a voucher code', async () => {
      const req = await request(f.skus.voucher);
      const placed = await f.reseller.placeOrder(req);
      expect(placed.kind).toBe('accepted');
      let state = placed.kind === 'accepted' ? placed.state : undefined;
      if (state?.status !== 'completed') {
        const hook = await f.fake.finishOrder(req.reference, 'success');
        if (hook) {
          const event = await f.reseller.parseWebhook(hook);
          expect(event.kind).toBe('order');
        }
        state = await f.reseller.getOrder({ reference: req.reference, ...(state?.resellerOrderId ? { resellerOrderId: state.resellerOrderId } : {}) });
      }
      expect(state?.status).toBe('completed');
      const items = state?.items ?? [];
      expect(items.length).toBeGreaterThan(0);
      expect(items.some((i) => Boolean(i.code || i.pin || i.serial))).toBe(true);
    });

    for (const outcome of ['success', 'failed'] as const) {
      it(`follows a pending order to ${outcome === 'success' ? 'completion' : 'failure'} by ${'webhook or poll'}`, async () => {
        const req = await request(f.skus.pending);
        const placed = await f.reseller.placeOrder(req);
        expect(placed.kind).toBe('accepted');
        if (placed.kind !== 'accepted') return;
        expect(['pending', 'processing']).toContain(placed.state.status);
        const hook = await f.fake.finishOrder(req.reference, outcome);
        const expected = outcome === 'success' ? 'completed' : 'failed';
        if (f.reseller.capabilities.webhooks) {
          expect(hook, 'a service with webhooks sends one').toBeDefined();
          const event = await f.reseller.parseWebhook(hook!);
          expect(event.kind).toBe('order');
          if (event.kind === 'order') {
            expect(event.state.status).toBe(expected);
            expect(event.reference === req.reference || event.resellerOrderId === placed.state.resellerOrderId).toBe(true);
            // The same delivery parsed twice keeps its delivery id, so the core can ignore the repeat.
            const again = await f.reseller.parseWebhook(hook!);
            expect(again.kind === 'order' && again.deliveryId).toBe(event.deliveryId);
          }
        }
        const polled = await f.reseller.getOrder({ reference: req.reference, ...(placed.state.resellerOrderId ? { resellerOrderId: placed.state.resellerOrderId } : {}) });
        if (!f.reseller.capabilities.webhooks && polled.needsReview) {
          // A service with no status lookup and no webhooks must say so, never guess an end.
          expect(polled.status).toBe('processing');
          expect(polled.failureDetail).toBeTruthy();
          return;
        }
        expect(polled.status).toBe(expected);
      });
    }

    it('refuses a webhook that is not from the service', async () => {
      if (!f.reseller.capabilities.webhooks || !f.forgedWebhook) {
        expect(await f.reseller.parseWebhook({ headers: {}, rawBody: Buffer.from('{}'), params: {}, query: {}, ip: '127.0.0.1' })).toMatchObject({
          kind: expect.stringMatching(/not_supported|rejected/),
        });
        return;
      }
      const event = await f.reseller.parseWebhook(f.forgedWebhook());
      expect(event.kind).toBe('rejected');
    });

    it('maps every documented rejection to the core code', async () => {
      expect(f.rejections.length).toBeGreaterThan(0);
      for (const rejection of f.rejections) {
        const overrides = await rejection.arrange();
        const req = await request(overrides.sku ?? f.skus.instant, overrides);
        const result = await f.reseller.placeOrder(req);
        expect(result, rejection.name).toMatchObject({ kind: 'rejected', code: rejection.code });
      }
    });

    it('reports its balance as money when it has one', async () => {
      const balance = await f.reseller.balance();
      if (f.reseller.capabilities.balance) expect(balance).toBeInstanceOf(Money);
      else expect(balance).toBeUndefined();
    });

    it('turns a malformed answer into a typed error, not a crash', async () => {
      f.fake.setFault('malformed_json');
      try {
        await expect(f.reseller.quote(f.skus.instant, 1)).rejects.toSatisfy(
          (e: unknown) => e instanceof ResellerError && e.kind === 'bad_response',
        );
      } finally {
        f.fake.setFault('none');
      }
    });

    it('turns a 5xx into an unavailable error after retrying reads', async () => {
      f.fake.setFault('server_error');
      const before = f.fake.requests.length;
      try {
        await expect(f.reseller.quote(f.skus.instant, 1)).rejects.toSatisfy(
          (e: unknown) => e instanceof ResellerError && (e.kind === 'unavailable' || e.kind === 'circuit_open'),
        );
        expect(f.fake.requests.length - before).toBeGreaterThan(1);
      } finally {
        f.fake.setFault('none');
      }
    });

    it('does not blindly repeat an order when the service times out: the outcome is unknown', async () => {
      const req = await request(f.skus.instant);
      f.fake.setFault('slow');
      const before = f.orderRequests().length;
      try {
        const result = await f.reseller.placeOrder(req);
        // Either unknown, or — where the service de-duplicates by our key — found by looking it up.
        expect(['unknown', 'accepted']).toContain(result.kind);
      } finally {
        f.fake.setFault('none');
      }
      if (!f.reseller.capabilities.idempotentOrders) expect(f.orderRequests().length - before).toBe(1);
    });
  });
}
