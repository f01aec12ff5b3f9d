import type { Update } from 'grammy/types';
import { ApiError, optionalInt, optionalJson, type Params } from './wire.js';

/** Where and how the bot asked to get its updates pushed. */
export interface WebhookConfig {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: string[] | undefined;
  maxConnections: number | undefined;
  setAt: number;
}

/** One POST of an update to the webhook. */
export interface WebhookDelivery {
  updateId: number;
  url: string;
  status: number | undefined;
  error: string | undefined;
  at: number;
}

/** A webhook answer may carry one method call (`{method, ...params}`), run as if the bot had called it. */
export type WebhookReplyRunner = (params: Params) => Promise<void>;

const defaultExcluded = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface PendingPoll {
  limit: number;
  timer: NodeJS.Timeout;
  settle: (result: Update[] | ApiError) => void;
}

/**
 * One bot's update queue as Telegram keeps it: updates stay until a `getUpdates` offset above
 * them confirms them (or the webhook answers 2xx), one long poll is held at a time, and a
 * newer poll ends the older one with 409.
 */
export class UpdateQueue {
  /** Every update ever created, in order. */
  readonly history: Update[] = [];
  /** Updates not created because the bot's `allowed_updates` excluded their type. */
  readonly filtered: Update[] = [];
  readonly webhookDeliveries: WebhookDelivery[] = [];
  webhook: WebhookConfig | undefined;
  /** Webhooks to non-loopback hosts are recorded but never contacted: tests stay offline. */
  deliverWebhooks = true;
  private pending: Update[] = [];
  private nextId = 100_001;
  private allowed: string[] | undefined;
  private poll: PendingPoll | undefined;
  private pumping = false;
  private closed = false;

  constructor(
    private readonly changed: () => void,
    private readonly runWebhookReply: WebhookReplyRunner,
  ) {}

  /** Creates an update unless the bot's `allowed_updates` excludes its type. */
  push(body: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.nextId++, ...body } as Update;
    this.history.push(update);
    const type = Object.keys(body)[0] ?? '';
    const allowed = this.allowed && this.allowed.length > 0 ? this.allowed.includes(type) : !defaultExcluded.has(type);
    if (!allowed) {
      this.filtered.push(update);
    } else {
      this.pending.push(update);
      this.answerPoll();
      void this.pump();
    }
    this.changed();
    return update;
  }

  /** Not yet confirmed by an offset or delivered to the webhook. */
  isPending(updateId: number): boolean {
    return this.pending.some((u) => u.update_id === updateId);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** `getUpdates`: confirms below `offset`, answers at once when something waits, else holds. */
  getUpdates(params: Params, onAbort: (cancel: () => void) => void): Promise<Update[]> | Update[] {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = optionalInt(params, 'offset');
    if (offset !== undefined) this.confirm(offset);
    const limit = Math.min(100, Math.max(1, optionalInt(params, 'limit') ?? 100));
    const timeout = Math.max(0, optionalInt(params, 'timeout') ?? 0);
    const allowed = optionalJson(params, 'allowed_updates', "can't parse allowed updates JSON object");
    if (Array.isArray(allowed)) this.allowed = allowed.map(String);
    this.poll?.settle(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    if (this.pending.length > 0 || timeout === 0 || this.closed) return this.pending.slice(0, limit);
    return new Promise<Update[]>((resolve, reject) => {
      const poll: PendingPoll = {
        limit,
        timer: setTimeout(() => poll.settle([]), timeout * 1000),
        settle: (result) => {
          clearTimeout(poll.timer);
          if (this.poll === poll) this.poll = undefined;
          if (result instanceof ApiError) reject(result);
          else resolve(result);
        },
      };
      this.poll = poll;
      onAbort(() => poll.settle([]));
    });
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) this.pending = [];
    if (config.allowedUpdates) this.allowed = config.allowedUpdates;
    this.webhook = config;
    this.poll?.settle(new ApiError(409, 'Conflict: terminated by setWebhook request'));
    void this.pump();
    this.changed();
  }

  deleteWebhook(dropPending: boolean): void {
    if (dropPending) this.pending = [];
    this.webhook = undefined;
    this.changed();
  }

  close(): void {
    this.closed = true;
    this.poll?.settle([]);
  }

  private confirm(offset: number): void {
    const before = this.pending.length;
    // A negative offset keeps only the last -offset updates, as Telegram documents.
    this.pending = offset < 0 ? this.pending.slice(offset) : this.pending.filter((u) => u.update_id >= offset);
    if (this.pending.length !== before) this.changed();
  }

  private answerPoll(): void {
    if (this.poll && this.pending.length > 0) this.poll.settle(this.pending.slice(0, this.poll.limit));
  }

  /** Delivers pending updates one at a time, retrying with backoff until a 2xx. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    let backoffMs = 50;
    try {
      while (!this.closed && this.webhook && this.deliverWebhooks && this.pending.length > 0) {
        const config = this.webhook;
        if (!loopbackHosts.has(new URL(config.url).hostname)) return;
        const update = this.pending[0]!;
        const delivery = await this.post(config, update);
        this.webhookDeliveries.push(delivery);
        if (delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300) {
          this.pending = this.pending.filter((u) => u.update_id !== update.update_id);
          backoffMs = 50;
        } else {
          await new Promise((resolve) => setTimeout(resolve, backoffMs));
          backoffMs = Math.min(backoffMs * 2, 2_000);
        }
        this.changed();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async post(config: WebhookConfig, update: Update): Promise<WebhookDelivery> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secretToken) headers['x-telegram-bot-api-secret-token'] = config.secretToken;
    const at = Date.now();
    try {
      const res = await fetch(config.url, { method: 'POST', headers, body: JSON.stringify(update), signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      if (res.ok && text.trim().startsWith('{')) {
        const reply = JSON.parse(text) as Params;
        if (typeof reply.method === 'string') await this.runWebhookReply(reply);
      }
      return { updateId: update.update_id, url: config.url, status: res.status, error: undefined, at };
    } catch (error) {
      return { updateId: update.update_id, url: config.url, status: undefined, error: String(error), at };
    }
  }
}
