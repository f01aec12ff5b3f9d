import type { CoreLogger } from '../clock.js';
import type { PricingService } from './pricing-service.js';

/** A reseller that publishes exchange rates (Lapakgaming's `fx-rate`). */
export interface FxSource {
  readonly id: string;
  fxRate(base: string, quote: string): Promise<{ rate: string; takenAt: Date }>;
}

/**
 * Keeps the pricing service's rates fresh from resellers that publish them. A rate that
 * cannot be fetched is left as it was; pricing then refuses to sell through it once it is
 * older than FX_MAX_AGE_MINUTES, rather than sell at a loss.
 */
export class FxFeed {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      pricing: PricingService;
      sources: ReadonlyArray<{ source: FxSource; pairs: ReadonlyArray<readonly [string, string]> }>;
      logger: CoreLogger;
    },
  ) {}

  /** Fetches every pair once; returns how many rates were recorded. */
  async refresh(): Promise<number> {
    let recorded = 0;
    for (const { source, pairs } of this.deps.sources) {
      for (const [base, quote] of pairs) {
        try {
          const { rate, takenAt } = await source.fxRate(base, quote);
          const result = await this.deps.pricing.recordRate({ base, quote, rate, source: source.id, takenAt });
          if (result.ok) recorded++;
          else this.deps.logger.warn({ source: source.id, base, quote, detail: result.detail }, 'exchange rate refused');
        } catch (error) {
          this.deps.logger.warn({ source: source.id, base, quote, err: error instanceof Error ? error.message : String(error) }, 'exchange rate fetch failed');
        }
      }
    }
    return recorded;
  }

  start(intervalMs: number, options: { immediately?: boolean } = {}): void {
    if (this.deps.sources.length === 0) return;
    const run = () => void this.refresh().catch(() => undefined);
    if (options.immediately ?? true) run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
