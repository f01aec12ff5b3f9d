import type { BotCommand, Chat, ChatMember, Update, UserFromGetMe } from 'grammy/types';
import { canonical } from './keyboard.js';
import { Faults, RateLimiter, type FailSpec, type RateLimitOptions } from './limits.js';
import { botMethods } from './methods-bot.js';
import { messageMethods, type MethodHandler } from './methods-messages.js';
import { paymentMethods } from './methods-payments.js';
import {
  BotState, type CallbackQueryRecord, type FakeMessage, type FakePayment, type FakeRefund, type InlineMessageRecord,
  type InlineQueryRecord, type PreCheckoutRecord, type RecordedCall,
} from './state.js';
import type { WebhookConfig, WebhookDelivery } from './updates.js';
import { FakeUser, type UserProfile } from './user.js';
import { ApiError, type Params, type UploadedFile } from './wire.js';

const handlers = new Map<string, [string, MethodHandler]>(
  Object.entries({ ...botMethods, ...messageMethods, ...paymentMethods }).map(([name, h]) => [name.toLowerCase(), [name, h]]),
);

/** The names of the methods the fake implements. */
export const supportedMethods: readonly string[] = [...handlers.values()].map(([name]) => name);

/** Raised by `waitFor` and friends when the condition does not come true in time. */
export class WaitTimeoutError extends Error {}

export interface FakeBotOptions {
  /** How long `pay()` waits for `answerPreCheckoutQuery`. Telegram allows 10 s. */
  preCheckoutTimeoutMs?: number;
  rateLimit?: RateLimitOptions | boolean;
  /** POST updates to a loopback webhook once one is set. Default true. */
  deliverWebhooks?: boolean;
}

/** One bot as Telegram sees it: what it called, the chats it is in, and the users who talk to it. */
export class FakeBot {
  readonly state: BotState;
  readonly preCheckoutTimeoutMs: number;
  private readonly faults = new Faults();
  private readonly rateLimiter = new RateLimiter();
  private readonly users = new Map<number, FakeUser>();
  private seq = 0;

  constructor(token: string, me: UserFromGetMe, options: FakeBotOptions = {}) {
    this.state = new BotState(token, me, async (reply) => {
      const { method, ...params } = reply;
      await this.call(String(method), params, new Map(), () => undefined, true);
    });
    this.preCheckoutTimeoutMs = options.preCheckoutTimeoutMs ?? 10_000;
    this.state.updates.deliverWebhooks = options.deliverWebhooks ?? true;
    if (options.rateLimit) this.setRateLimit(options.rateLimit === true ? {} : options.rateLimit);
  }

  get token(): string {
    return this.state.token;
  }

  get me(): UserFromGetMe {
    return this.state.me;
  }

  // --- the API ------------------------------------------------------------------------------

  /** Runs one Bot API call: planned failures, then rate limits, then the method; records it. */
  async call(method: string, params: Params, files: Map<string, UploadedFile>, onAbort: (cancel: () => void) => void, viaWebhookReply = false): Promise<{ status: number; body: Record<string, unknown> }> {
    const known = handlers.get(method.toLowerCase());
    const call: RecordedCall = { seq: ++this.seq, method: known?.[0] ?? method, params, at: Date.now(), ok: undefined, ...(viaWebhookReply ? { viaWebhookReply } : {}) };
    this.state.calls.push(call);
    this.state.changed();
    try {
      if (!known) throw new ApiError(404, 'Not Found: method not found');
      const fault = this.faults.take(method);
      if (fault) throw fault;
      const chatKey = params.chat_id === undefined || params.chat_id === null ? undefined : String(params.chat_id);
      const chat = chatKey === undefined ? undefined : this.state.chats.get(Number(chatKey));
      const limited = this.rateLimiter.check(method, chatKey, chat?.type === 'group' || chat?.type === 'supergroup');
      if (limited) throw limited;
      const result = await known[1]({ bot: this.state, params, files, onAbort });
      this.rateLimiter.record(method, chatKey);
      Object.assign(call, { ok: true, result });
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
      Object.assign(call, { ok: false, errorCode: apiError.errorCode, description: apiError.description });
      return { status: apiError.errorCode, body: apiError.toEnvelope() };
    } finally {
      this.state.changed();
    }
  }

  // --- recorder -----------------------------------------------------------------------------

  /** Calls in order, all or of one method (case-insensitive). */
  calls(method?: string): RecordedCall[] {
    const m = method?.toLowerCase();
    return this.state.calls.filter((c) => m === undefined || c.method.toLowerCase() === m);
  }

  clearCalls(): void {
    this.state.calls.length = 0;
  }

  /** The bot's messages in a chat, current state after edits; deleted ones left out unless asked. */
  messages(chatId: number, options: { includeUsers?: boolean; includeDeleted?: boolean } = {}): FakeMessage[] {
    return this.state.messagesOf(chatId, options);
  }

  lastMessage(chatId: number): FakeMessage | undefined {
    return this.state.messagesOf(chatId).at(-1);
  }

  /** A message of any sender by id, current state, deleted ones included (see `deleted`). */
  message(chatId: number, messageId: number): FakeMessage | undefined {
    return this.state.messagesOf(chatId, { includeUsers: true, includeDeleted: true }).find((m) => m.messageId === messageId);
  }

  // --- users, chats, members ----------------------------------------------------------------

  /** A user with a private chat with the bot; the same handle for the same id. */
  user(id: number, profile: UserProfile = {}): FakeUser {
    const existing = this.users.get(id);
    if (existing) return existing;
    const info = { id, is_bot: false as const, first_name: profile.first_name ?? `User ${id}`, ...profile };
    const chat: Chat.PrivateChat = {
      id, type: 'private', first_name: info.first_name,
      ...(info.last_name ? { last_name: info.last_name } : {}), ...(info.username ? { username: info.username } : {}),
    };
    this.state.users.set(id, info);
    this.state.chats.set(id, chat);
    const user = new FakeUser(this, info, chat);
    this.users.set(id, user);
    return user;
  }

  /** Registers a supergroup the bot is in (ids are usually negative, e.g. -100123). */
  group(chatId: number, options: { title?: string; username?: string } = {}): Chat {
    const existing = this.state.chats.get(chatId);
    if (existing) return existing;
    const chat: Chat.SupergroupChat = {
      id: chatId, type: 'supergroup', title: options.title ?? `Group ${chatId}`, ...(options.username ? { username: options.username } : {}),
    };
    this.state.chats.set(chatId, chat);
    return chat;
  }

  /** What `getChatMember(chatId, userId)` answers; the user must be known (`user(id)`). */
  setChatMember(chatId: number, userId: number, status: ChatMember['status']): void {
    let members = this.state.members.get(chatId);
    if (!members) this.state.members.set(chatId, (members = new Map()));
    members.set(userId, status);
    this.state.changed();
  }

  // --- queries and payments -----------------------------------------------------------------

  isAnswered(callbackQueryId: string): boolean {
    return this.state.callbackQueries.get(callbackQueryId)?.answered ?? false;
  }

  callbackQuery(id: string): CallbackQueryRecord | undefined {
    return this.state.callbackQueries.get(id);
  }

  inlineQuery(id: string): InlineQueryRecord | undefined {
    return this.state.inlineQueries.get(id);
  }

  preCheckoutQuery(id: string): PreCheckoutRecord | undefined {
    return this.state.preCheckouts.get(id);
  }

  /** A message sent through a chosen inline result, as the bot last edited it. */
  inlineMessage(inlineMessageId: string): InlineMessageRecord | undefined {
    return this.state.inlineMessages.get(inlineMessageId);
  }

  get payments(): readonly FakePayment[] {
    return this.state.payments;
  }

  get refunds(): readonly FakeRefund[] {
    return this.state.refunds;
  }

  /** What `setMyCommands` stored for a scope (default scope) and language. */
  commands(scope: Record<string, unknown> = { type: 'default' }, languageCode = ''): BotCommand[] | undefined {
    return this.state.commands.get(`${canonical(scope)}|${languageCode}`);
  }

  // --- updates ------------------------------------------------------------------------------

  /** Every update created, in order (including ones `allowed_updates` filtered out). */
  get updates(): readonly Update[] {
    return this.state.updates.history;
  }

  /** The webhook the bot set, if any. */
  get webhook(): WebhookConfig | undefined {
    return this.state.updates.webhook;
  }

  /** Every POST of an update to the webhook, in order, with the status it got. */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.state.updates.webhookDeliveries;
  }

  /** Chat actions (`typing`, …) the bot sent, in order. */
  get chatActions(): ReadonlyArray<{ chatId: number; action: string; at: number }> {
    return this.state.chatActions;
  }

  /** Queues a hand-made update (any type); returns it with its `update_id`. */
  pushUpdate(body: Omit<Update, 'update_id'>): Update {
    return this.state.updates.push(body);
  }

  /** Confirmed by a `getUpdates` offset, or answered 2xx by the webhook. */
  isDelivered(updateId: number): boolean {
    return this.state.updates.history.some((u) => u.update_id === updateId) && !this.state.updates.isPending(updateId);
  }

  /** Resolves once no update waits: with `bot.start()` that means every handler has finished. */
  waitForDelivered(timeoutMs = 5_000): Promise<true> {
    return this.waitFor(() => this.state.updates.pendingCount === 0, timeoutMs, 'all updates to be confirmed');
  }

  // --- faults -------------------------------------------------------------------------------

  /** The next `count` calls of `method` fail: 429 with `retry_after` unless another error is given. */
  failNext(method: string, spec: FailSpec = {}): void {
    this.faults.failNext(method, spec);
  }

  /** Enforces Telegram's broadcast limits (30/s overall, 1/s per chat, 20/min per group), or stops. */
  setRateLimit(options: RateLimitOptions | false = {}): void {
    this.rateLimiter.configure(options);
  }

  // --- waiting ------------------------------------------------------------------------------

  /** Resolves with the first truthy value of `check`, re-checked on every change of the fake. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let off = (): void => undefined;
      const timer = setTimeout(() => {
        off();
        reject(new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}. ${this.describeRecent()}`));
      }, timeoutMs);
      const attempt = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          value = undefined;
          clearTimeout(timer);
          off();
          reject(error as Error);
          return true;
        }
        if (value === undefined || value === null || value === false) return false;
        clearTimeout(timer);
        off();
        resolve(value);
        return true;
      };
      if (!attempt()) off = this.state.onChange(() => void attempt());
    });
  }

  /** True once `check` holds, false when `timeoutMs` passes first. */
  async until(check: () => boolean, timeoutMs: number): Promise<boolean> {
    try {
      return await this.waitFor(check, timeoutMs);
    } catch (error) {
      if (error instanceof WaitTimeoutError) return false;
      throw error;
    }
  }

  /** The first answered call of `method` matching `predicate`, recorded already or yet to come. */
  waitForCall(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5_000): Promise<RecordedCall> {
    return this.waitFor(() => this.calls(method).find((c) => c.ok !== undefined && predicate(c)), timeoutMs, `a ${method} call`);
  }

  /** Like `waitForCall`, but only calls made after this moment count. */
  nextCall(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 5_000): Promise<RecordedCall> {
    const after = this.seq;
    return this.waitFor(() => this.calls(method).find((c) => c.seq > after && c.ok !== undefined && predicate(c)), timeoutMs, `a new ${method} call`);
  }

  /** The newest bot message of the chat (current state) matching `predicate`. */
  waitForMessage(chatId: number, predicate: (m: FakeMessage) => boolean = () => true, timeoutMs = 5_000): Promise<FakeMessage> {
    return this.waitFor(() => this.state.messagesOf(chatId).findLast(predicate), timeoutMs, `a bot message in chat ${chatId}`);
  }

  private describeRecent(): string {
    const recent = this.state.calls.slice(-8).map((c) => `${c.method}${c.ok === false ? ` (${c.errorCode} ${c.description})` : ''}`);
    return `Last calls: ${recent.join(', ') || 'none'}; ${this.state.updates.pendingCount} update(s) pending.`;
  }
}
