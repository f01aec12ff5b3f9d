import type { Clock, CoreLogger } from '../clock.js';
import { Money } from '../money.js';
import type { BuyerNotice, Notifier, OperatorAlert, OrderView, Platform } from '../ports/notifier.js';
import type { OrderRecord, OutboxMessage, Storage } from '../ports/storage.js';

/** What the buyer sees of an order; delivered items only because the buyer owns it. */
export function toOrderView(order: OrderRecord): OrderView {
  return {
    reference: order.reference,
    state: order.state,
    listingName: order.listingName,
    quantity: order.quantity,
    price: order.price,
    paymentMethod: order.paymentMethod,
    player: order.player,
    nickname: order.nickname,
    items: order.delivery?.items ?? [],
    failureCode: order.failureCode,
    createdAt: order.createdAt,
  };
}

const money = (value: unknown) => Money.parse(value as { amount: string; currency: string });

/** Retry spacing for a message a chat API refused: 5 s, 10 s, 20 s … up to 15 min; then given up. */
function retryAt(now: Date, attempts: number): Date | null {
  if (attempts >= 16) return null;
  return new Date(now.getTime() + Math.min(5_000 * 2 ** attempts, 900_000));
}

/**
 * Delivers the outbox: every buyer notice and operator alert is written to SQL with the change
 * that caused it, then sent from here — at least once, in order per order, and never twice for
 * the same order state (the outbox row is unique per state).
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly deps: {
      storage: Storage;
      notifiers: () => ReadonlyMap<Platform, Notifier>;
      clock: Clock;
      logger: CoreLogger;
      intervalMs?: number;
    },
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  tick(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.tick();
      }
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.deps.storage.outbox.claimDue(this.deps.clock(), 25, 60_000);
      if (batch.length === 0) return sent;
      for (const message of batch) {
        try {
          await this.deliver(message);
          await this.deps.storage.outbox.markDelivered(message.id);
          sent++;
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          this.deps.logger.warn({ outbox: message.id, kind: message.kind, attempts: message.attempts + 1, err: detail }, 'outbox delivery failed; will retry');
          await this.deps.storage.outbox.markFailed(message.id, detail, retryAt(this.deps.clock(), message.attempts));
        }
      }
    }
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const notifiers = this.deps.notifiers();
    if (message.audience === 'operator') {
      const alert = message.payload as unknown as OperatorAlert;
      if (notifiers.size === 0) {
        // No chat front end: the log is where operators look.
        this.deps.logger.warn({ alert: alert.kind, order: alert.orderReference }, `operator alert: ${alert.text}`);
        return;
      }
      for (const notifier of notifiers.values()) await notifier.alertOperators(alert);
      return;
    }
    if (!message.userId) throw new Error('buyer message without a buyer');
    const buyer = await this.deps.storage.users.findById(message.userId);
    if (!buyer) throw new Error(`buyer ${message.userId} not found`);
    const notifier = notifiers.get(buyer.platform);
    if (!notifier) throw new Error(`no ${buyer.platform} front end is running`);
    const address = { userId: buyer.id, platform: buyer.platform, platformUserId: buyer.platformUserId, language: buyer.language };

    if (message.kind === 'order_status') {
      const order = message.orderId ? await this.deps.storage.orders.findById(message.orderId) : undefined;
      if (!order) throw new Error(`order ${message.orderId ?? '?'} not found`);
      const refund = message.payload.refund as { amount: unknown; to: 'wallet' | 'original' } | undefined;
      // The notice shows the state this message was queued for; items only once completed.
      const view = { ...toOrderView(order), state: String(message.payload.state ?? order.state) };
      if (view.state !== 'completed') view.items = [];
      const notice: BuyerNotice = { kind: 'order_status', order: view, ...(refund ? { refund: { amount: money(refund.amount), to: refund.to } } : {}) };
      const context = await notifier.notifyBuyer(address, notice, order.chatContext);
      if (context) await this.deps.storage.orders.update(order.id, { chatContext: context });
      return;
    }
    await notifier.notifyBuyer(address, this.noticeFrom(message), null);
  }

  private noticeFrom(message: OutboxMessage): BuyerNotice {
    const p = message.payload;
    switch (message.kind) {
      case 'wallet_credited':
      case 'wallet_debited':
        return { kind: message.kind, amount: money(p.amount), balance: money(p.balance), reason: String(p.reason), reference: String(p.reference) };
      case 'late_payment_credited':
        return { kind: 'late_payment_credited', amount: money(p.amount), balance: money(p.balance), reference: String(p.reference) };
      case 'payment_expired':
        return { kind: 'payment_expired', reference: String(p.reference), amount: money(p.amount) };
      case 'support_reply':
      case 'broadcast':
        return { kind: message.kind, text: String(p.text) };
      default:
        throw new Error(`unknown outbox message kind ${message.kind}`);
    }
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.deps.intervalMs ?? 2_000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
