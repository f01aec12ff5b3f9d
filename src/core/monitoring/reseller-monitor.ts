import type { Clock, CoreLogger } from '../clock.js';
import type { Money } from '../money.js';
import type { OperatorAlert } from '../ports/notifier.js';
import type { Reseller } from '../ports/reseller.js';
import type { Storage } from '../ports/storage.js';
import { operatorAlertMessage } from '../outbox/operator-alert.js';

/**
 * Watches resellers for operators: balances below a threshold (one alert per crossing, not
 * per check — the low/high flag is kept in SQL so a restart does not repeat it), and health
 * changes reported by the upstream clients' circuit breakers (one alert per change).
 */
export class ResellerMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      storage: Storage;
      resellers: readonly Reseller[];
      /** Alert when a reseller's balance drops below this; resellers without one are not checked. */
      thresholds: ReadonlyMap<string, Money>;
      clock: Clock;
      logger: CoreLogger;
    },
  ) {}

  private async alert(dedupeKey: string, alert: OperatorAlert): Promise<void> {
    await this.deps.storage.outbox.enqueue(operatorAlertMessage(dedupeKey, alert));
  }

  /** Checks every reseller with a threshold; returns the ids that are low now. */
  async checkBalances(): Promise<string[]> {
    const low: string[] = [];
    for (const reseller of this.deps.resellers) {
      const threshold = this.deps.thresholds.get(reseller.id);
      if (!threshold) continue;
      let balance: Money | undefined;
      try {
        balance = await reseller.balance();
      } catch (error) {
        this.deps.logger.warn({ reseller: reseller.id, err: error instanceof Error ? error.message : String(error) }, 'balance check failed');
        continue;
      }
      if (!balance || balance.currency !== threshold.currency) continue;
      const key = `reseller_balance_low:${reseller.id}`;
      const state = (await this.deps.storage.settings.get<{ low: boolean; crossings: number }>(key)) ?? { low: false, crossings: 0 };
      const isLow = balance.compare(threshold) < 0;
      if (isLow) low.push(reseller.id);
      if (isLow === state.low) continue;
      const crossings = state.crossings + (isLow ? 1 : 0);
      await this.deps.storage.settings.set(key, { low: isLow, crossings });
      if (isLow) {
        await this.alert(`alert:balance:${reseller.id}:${crossings}`, {
          kind: 'reseller_balance_low',
          severity: 'warning',
          text: `${reseller.displayName} balance is ${balance.toString()}, below ${threshold.toString()}. Top it up.`,
        });
      }
    }
    return low;
  }

  /** Called by an upstream client when its circuit opens or closes. */
  async healthChanged(resellerId: string, healthy: boolean, detail: string): Promise<void> {
    const at = this.deps.clock().toISOString();
    await this.alert(`alert:health:${resellerId}:${at}`, {
      kind: healthy ? 'reseller_recovered' : 'reseller_down',
      severity: healthy ? 'info' : 'critical',
      text: healthy ? `${resellerId} is answering again.` : `${resellerId} is failing (${detail}); its offers are skipped.`,
    });
  }

  start(intervalMs: number): void {
    const run = () => void this.checkBalances().catch((error: unknown) => this.deps.logger.error({ err: error }, 'balance check crashed'));
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
