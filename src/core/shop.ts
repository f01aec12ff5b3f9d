import { AdminService } from './admin/admin-service.js';
import { CatalogService } from './catalog/catalog-service.js';
import { ResellerMonitor } from './monitoring/reseller-monitor.js';
import { systemClock, noMetrics, type Clock, type CoreLogger, type CoreMetrics } from './clock.js';
import type { Money } from './money.js';
import { Fulfilment } from './orders/fulfilment.js';
import { OrderLifecycle } from './orders/order-lifecycle.js';
import { OrderWorker } from './orders/order-worker.js';
import { PurchaseService } from './orders/purchase-service.js';
import { ResellerEvents } from './orders/reseller-events.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { PaymentService } from './payments/payment-service.js';
import type { KeyValueStore } from './ports/kv.js';
import type { Notifier, Platform } from './ports/notifier.js';
import type { PaymentMethod, PaymentMethodId } from './ports/payment.js';
import type { Reseller } from './ports/reseller.js';
import type { BuyerRecord, OrderRecord, Storage } from './ports/storage.js';
import type { Listing } from './catalog/types.js';
import { normalizeReference } from './orders/reference.js';
import type { FxRate } from './pricing/fx.js';
import type { PricingStore } from './pricing/ports.js';
import { PricingService } from './pricing/pricing-service.js';
import { FxFeed, type FxSource } from './pricing/fx-feed.js';
import { WalletService } from './wallet/wallet-service.js';

export interface ShopSettings {
  /** The display currency: prices and the wallet. */
  currency: string;
  markupPercent: string;
  minMarginPercent: string;
  fxRates: readonly FxRate[];
  fxMaxAgeMinutes: number;
  quoteTtlMs: number;
  paymentTimeoutMs: number;
  stuckAfterMs: number;
  catalogRefreshMs: number;
  largeOrderThreshold?: Money;
  /** Per reseller: alert operators when its balance drops below this. */
  balanceThresholds?: ReadonlyMap<string, Money>;
  balanceCheckMs?: number;
  /** How often rates are fetched from resellers that publish them. */
  fxRefreshMs?: number;
  /** Payment methods the owner switched on (PAYMENT_METHODS); absent = all configured. */
  paymentMethods?: readonly PaymentMethodId[];
}

export interface ShopDeps {
  storage: Storage;
  pricingStore: PricingStore;
  kv: KeyValueStore;
  resellers: Reseller[];
  /** False while a reseller's circuit is open. */
  isHealthy?: (resellerId: string) => boolean;
  paymentMethods: PaymentMethod[];
  /** The chat front ends that are on; read at send time, so a bot can start after the shop. */
  notifiers: () => ReadonlyMap<Platform, Notifier>;
  settings: ShopSettings;
  logger: CoreLogger;
  metrics?: CoreMetrics;
  clock?: Clock;
  callbackUrlFor?: (resellerId: string) => string | undefined;
  /** Resellers that publish exchange rates, and the pairs to fetch from each. */
  fxSources?: ReadonlyArray<{ source: FxSource; pairs: ReadonlyArray<readonly [string, string]> }>;
}

/**
 * The commerce core, wired from its ports: everything both chat front ends and the HTTP
 * webhooks call. It knows nothing of Telegram, Discord, HTTP, Redis or SQL clients.
 */
export function createShop(deps: ShopDeps) {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const isHealthy = deps.isHealthy ?? (() => true);
  const resellers = new Map(deps.resellers.map((r) => [r.id, r]));
  const paymentMethods = new Map<string, PaymentMethod>(deps.paymentMethods.map((m) => [m.id, m] as const));
  const s = deps.settings;

  const lifecycle = new OrderLifecycle({
    logger: logger.child({ component: 'orders' }),
    metrics: deps.metrics ?? noMetrics,
    clock,
    ...(s.largeOrderThreshold ? { largeOrderThreshold: s.largeOrderThreshold } : {}),
  });
  const catalog = new CatalogService({ resellers: deps.resellers, rules: deps.storage.catalogRules, logger: logger.child({ component: 'catalog' }) });
  const pricing = new PricingService({
    store: deps.pricingStore,
    displayCurrency: s.currency,
    defaultMarkupPercent: s.markupPercent,
    minMarginPercent: s.minMarginPercent,
    configRates: s.fxRates,
    fxMaxAgeMinutes: s.fxMaxAgeMinutes,
    clock,
    targetExists: (scope, target) =>
      scope === 'reseller' ? resellers.has(target) : scope === 'listing' ? Boolean(catalog.listing(target)) : catalog.games().includes(target),
  });
  const wallet = new WalletService({ storage: deps.storage, currency: s.currency, clock });
  const fulfilment = new Fulfilment({
    storage: deps.storage,
    lifecycle,
    resellers,
    isHealthy,
    pricing,
    wallet,
    paymentMethods,
    clock,
    logger: logger.child({ component: 'fulfilment' }),
    ...(deps.callbackUrlFor ? { callbackUrlFor: deps.callbackUrlFor } : {}),
  });
  const worker = new OrderWorker({
    storage: deps.storage,
    fulfilment,
    lifecycle,
    clock,
    logger: logger.child({ component: 'reconciler' }),
    stuckAfterMs: s.stuckAfterMs,
    paymentMethods,
  });
  const outbox = new OutboxDispatcher({ storage: deps.storage, notifiers: deps.notifiers, clock, logger: logger.child({ component: 'outbox' }) });
  const onPaid = () => {
    worker.kick();
  };
  const methodEnabled = (id: PaymentMethodId) => (s.paymentMethods?.includes(id) ?? true) && (id === 'wallet' || paymentMethods.has(id));
  const purchases = new PurchaseService({
    storage: deps.storage,
    catalog,
    pricing,
    resellers,
    isHealthy,
    lifecycle,
    wallet,
    paymentMethods,
    kv: deps.kv,
    clock,
    logger: logger.child({ component: 'purchases' }),
    quoteTtlMs: s.quoteTtlMs,
    paymentTimeoutMs: s.paymentTimeoutMs,
    onPaid,
    isMethodEnabled: methodEnabled,
  });
  const payments = new PaymentService({
    storage: deps.storage,
    lifecycle,
    wallet,
    methods: paymentMethods,
    clock,
    logger: logger.child({ component: 'payments' }),
    paymentTimeoutMs: s.paymentTimeoutMs,
    onOrderPaid: onPaid,
    ...(s.paymentMethods ? { enabledMethods: s.paymentMethods } : {}),
  });
  const admin = new AdminService({ storage: deps.storage, lifecycle, fulfilment, resellers, currency: s.currency, clock, logger: logger.child({ component: 'admin' }) });
  const monitor = new ResellerMonitor({ storage: deps.storage, resellers: deps.resellers, thresholds: s.balanceThresholds ?? new Map(), clock, logger: logger.child({ component: 'monitor' }) });
  const fxFeed = new FxFeed({ pricing, sources: deps.fxSources ?? [], logger: logger.child({ component: 'fx' }) });
  const resellerEvents = new ResellerEvents({ storage: deps.storage, fulfilment, catalog, logger: logger.child({ component: 'webhooks' }) });

  let expiryTimer: NodeJS.Timeout | undefined;
  return {
    storage: deps.storage,
    settings: s,
    resellers,
    paymentMethods,
    lifecycle,
    catalog,
    pricing,
    wallet,
    fulfilment,
    worker,
    outbox,
    purchases,
    payments,
    resellerEvents,
    admin,
    monitor,
    fxFeed,
    /** Adds a payment method that is built after the shop (Telegram Stars comes with its bot). */
    registerPaymentMethod(method: PaymentMethod): void {
      paymentMethods.set(method.id, method);
    },
    /** Finds or creates the buyer behind a chat identity. */
    identify: (identity: Parameters<Storage['users']['upsertIdentity']>[0]) => deps.storage.users.upsertIdentity(identity),
    /** The price a listing sells at now (cheapest in-stock, healthy, priceable offer), for browsing. */
    async priceListing(listing: Listing): Promise<Money | undefined> {
      const policy = await pricing.policy();
      const offers = listing.offers.filter((o) => o.inStock && isHealthy(o.resellerId) && resellers.has(o.resellerId));
      return policy.rankOffers(offers, listing, clock()).priced[0]?.price;
    },
    /** One of the buyer's own orders by reference; nobody else's, so codes stay private. */
    async buyerOrder(buyer: BuyerRecord, reference: string): Promise<OrderRecord | undefined> {
      const canonical = normalizeReference(reference);
      const order = canonical ? await deps.storage.orders.findByReference(canonical) : undefined;
      return order && order.userId === buyer.id ? order : undefined;
    },
    /**
     * The buyer's receipts, newest first: every paid order (with what was paid and how) and
     * every settled wallet top-up.
     */
    async buyerReceipts(buyer: BuyerRecord, page: { limit: number; offset: number }) {
      const [orders, topUps] = await Promise.all([
        deps.storage.orders.listForUser(buyer.id, { limit: page.limit + page.offset, offset: 0 }),
        deps.storage.payments.listPaidForUser(buyer.id, { limit: page.limit + page.offset, offset: 0 }),
      ]);
      const receipts = [
        ...orders.orders
          .filter((o) => o.paidAt)
          .map((o) => ({ kind: 'order' as const, reference: o.reference, title: o.listingName, amount: o.price, method: o.paymentMethod, at: o.paidAt!, state: o.state })),
        ...topUps
          .filter((p) => p.purpose === 'wallet_topup')
          .map((p) => ({ kind: 'wallet_topup' as const, reference: p.reference, title: 'Wallet top-up', amount: p.amount, method: p.method, at: p.paidAt!, state: p.status })),
      ].sort((a, b) => b.at.getTime() - a.at.getTime());
      return receipts.slice(page.offset, page.offset + page.limit);
    },
    /** The buyer's orders, newest first. */
    buyerOrders: (buyer: BuyerRecord, page: { limit: number; offset: number }) => deps.storage.orders.listForUser(buyer.id, page),
    /** Starts the background work: catalog refresh, reconciler, outbox, top-up expiry. */
    async start(options: { awaitCatalog?: boolean } = {}) {
      // Rates first: prices shown right after start should use them.
      if (options.awaitCatalog) await fxFeed.refresh().then(() => catalog.refresh());
      const immediately = !options.awaitCatalog;
      fxFeed.start(s.fxRefreshMs ?? 1_800_000, { immediately });
      catalog.start(s.catalogRefreshMs, { immediately });
      worker.start();
      outbox.start();
      monitor.start(s.balanceCheckMs ?? 600_000);
      expiryTimer = setInterval(() => void payments.expireTopUps().catch((error: unknown) => logger.error({ err: error }, 'top-up expiry failed')), 60_000);
      expiryTimer.unref();
    },
    /** Stops taking new work and waits for what is in flight. */
    async stop() {
      if (expiryTimer) clearInterval(expiryTimer);
      monitor.stop();
      fxFeed.stop();
      await Promise.all([catalog.stop(), worker.stop(), outbox.stop()]);
    },
  };
}

export type Shop = ReturnType<typeof createShop>;
