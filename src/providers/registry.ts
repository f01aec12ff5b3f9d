import type { Config } from '../config.js';
import { Money } from '../core/money.js';
import type { PaymentMethod } from '../core/ports/payment.js';
import type { Reseller } from '../core/ports/reseller.js';
import type { FxSource } from '../core/pricing/fx-feed.js';
import { createGamesDropReseller } from './gamesdrop/gamesdrop.adapter.js';
import { createGamexBulkReseller } from './gamexbulk/gamexbulk.adapter.js';
import { createLapakgamingReseller } from './lapakgaming/lapakgaming.adapter.js';
import { createSandboxReseller } from './sandbox/sandbox.adapter.js';
import { createSellixPaymentMethod, type SellixPaymentMethod } from './sellix/sellix.payment.js';
import type { UpstreamObserver } from './shared/upstream-client.js';
import { createXzianReseller } from './xzian/xzian.adapter.js';

/** A reseller with what the composition root needs beyond the port. */
export interface ConfiguredReseller {
  reseller: Reseller;
  /** False while its circuit breaker is open. */
  isHealthy(): boolean;
  close(): Promise<void>;
  /** Set when the reseller publishes exchange rates. */
  fxSource?: FxSource;
}

/** Where a reseller calls back for its orders, when it takes a per-order URL. */
export function webhookUrlFor(config: Config, resellerId: string): string | undefined {
  if (!config.PUBLIC_BASE_URL) return undefined;
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  if (resellerId === 'lapakgaming') {
    return config.LAPAKGAMING_CALLBACK_TOKEN ? `${base}/webhooks/lapakgaming/${config.LAPAKGAMING_CALLBACK_TOKEN}` : undefined;
  }
  return `${base}/webhooks/${resellerId}`;
}

/** True when the sandbox reseller should run: asked for, or `auto` with no real reseller configured. */
export function sandboxEnabled(config: Config): boolean {
  const real = [config.GAMEXBULK_API_KEY, config.GAMESDROP_TOKEN, config.LAPAKGAMING_API_KEY, config.XZIAN_API_KEY].some(Boolean);
  return config.SANDBOX_RESELLER === 'on' || (config.SANDBOX_RESELLER === 'auto' && !real);
}

/**
 * Builds every reseller whose credentials are configured (and the sandbox when it is on).
 * A reseller without credentials is simply off.
 */
export function createResellers(config: Config, observer: UpstreamObserver): ConfiguredReseller[] {
  const common = { timeoutMs: config.UPSTREAM_TIMEOUT_MS, observer };
  const out: ConfiguredReseller[] = [];
  const wrap = (reseller: Reseller & { isHealthy: boolean; close(): Promise<void> }): ConfiguredReseller => ({
    reseller,
    isHealthy: () => reseller.isHealthy,
    close: () => reseller.close(),
  });
  if (config.GAMEXBULK_API_KEY) {
    const callbackUrl = webhookUrlFor(config, 'gamexbulk');
    out.push(wrap(createGamexBulkReseller({ ...common, baseUrl: config.GAMEXBULK_BASE_URL, apiKey: config.GAMEXBULK_API_KEY, ...(callbackUrl ? { callbackUrl } : {}) })));
  }
  if (config.GAMESDROP_TOKEN) {
    out.push(wrap(createGamesDropReseller({ ...common, baseUrl: config.GAMESDROP_BASE_URL, token: config.GAMESDROP_TOKEN, lookupByTransactionId: config.GAMESDROP_LOOKUP_BY_TRANSACTION_ID })));
  }
  if (config.LAPAKGAMING_API_KEY) {
    const callbackUrl = webhookUrlFor(config, 'lapakgaming');
    const lapakgaming = createLapakgamingReseller({
      ...common,
      baseUrl: config.LAPAKGAMING_BASE_URL,
      apiKey: config.LAPAKGAMING_API_KEY,
      country: config.LAPAKGAMING_COUNTRY,
      callbackIps: config.LAPAKGAMING_CALLBACK_IPS,
      ...(config.LAPAKGAMING_CALLBACK_TOKEN ? { callbackToken: config.LAPAKGAMING_CALLBACK_TOKEN } : {}),
      ...(callbackUrl ? { callbackUrl } : {}),
    });
    out.push({ ...wrap(lapakgaming), fxSource: lapakgaming });
  }
  if (config.XZIAN_API_KEY) {
    out.push(wrap(createXzianReseller({ ...common, baseUrl: config.XZIAN_BASE_URL, apiKey: config.XZIAN_API_KEY })));
  }
  if (sandboxEnabled(config)) {
    const sandbox = createSandboxReseller();
    out.push({ reseller: sandbox, isHealthy: () => true, close: async () => {} });
  }
  return out;
}

/** Sellix when both its key and webhook secret are set; its webhooks need PUBLIC_BASE_URL. */
export function createSellix(config: Config, observer: UpstreamObserver): SellixPaymentMethod | undefined {
  if (!config.SELLIX_API_KEY || !config.SELLIX_WEBHOOK_SECRET) return undefined;
  const base = (config.PUBLIC_BASE_URL ?? `http://${config.HTTP_HOST}:${config.HTTP_PORT}`).replace(/\/+$/, '');
  return createSellixPaymentMethod({
    apiKey: config.SELLIX_API_KEY,
    baseUrl: config.SELLIX_BASE_URL,
    webhookUrl: `${base}/webhooks/sellix`,
    returnUrl: base,
    placeholderEmail: config.SELLIX_PLACEHOLDER_EMAIL,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    observer,
  });
}

/** `gamexbulk=50 USD,lapakgaming=500000 IDR` → per-reseller alert thresholds. */
export function parseBalanceAlerts(value: string): Map<string, Money> {
  const thresholds = new Map<string, Money>();
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [id, amount] = entry.split('=').map((p) => p.trim());
    if (id && amount) thresholds.set(id, Money.parse(amount));
  }
  return thresholds;
}

export type { PaymentMethod };
