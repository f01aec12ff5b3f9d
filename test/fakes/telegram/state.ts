import type {
  BotCommand, Chat, ChatMember, InlineQueryResult, LabeledPrice, Message, MessageEntity, Update, User, UserFromGetMe,
} from 'grammy/types';
import { inlineKeyboardOf, type AnyReplyMarkup } from './keyboard.js';
import { UpdateQueue, type WebhookReplyRunner } from './updates.js';
import { badRequest, forbidden, unixNow, type Params } from './wire.js';

/** Every call the bot made, in order. */
export interface RecordedCall {
  /** Increases with every call, across `clearCalls()`. */
  seq: number;
  /** The method's canonical name (`sendMessage` even when the bot wrote `sendmessage`). */
  method: string;
  params: Params;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** Undefined while the call is still being answered (a held long poll). */
  ok: boolean | undefined;
  errorCode?: number;
  description?: string;
  /** The `result` Telegram answered with, when `ok`. */
  result?: unknown;
  /** True when the call came back in a webhook answer rather than as its own request. */
  viaWebhookReply?: boolean;
}

/** A message as Telegram holds it now (after edits), with how the bot sent it. */
export interface FakeMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  /** Text or caption as users see it: markup parsed away. */
  text: string | undefined;
  /** Text or caption exactly as the bot sent it, before markup parsing. */
  rawText: string | undefined;
  parseMode: string | undefined;
  entities: MessageEntity[];
  /** Whatever markup the bot sent (inline keyboard, reply keyboard, remove, force reply). */
  replyMarkup: AnyReplyMarkup | undefined;
  deleted: boolean;
  editCount: number;
  invoice: FakeInvoice | undefined;
  /** The wire object: what the bot got back, and what updates embed. */
  message: Message;
}

export interface FakeInvoice {
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  /** Sum of `prices`, in the currency's smallest unit (Stars for XTR). */
  totalAmount: number;
  /** Set for `createInvoiceLink` invoices. */
  link?: string;
}

export interface CallbackQueryRecord {
  id: string;
  userId: number;
  chatId: number | undefined;
  messageId: number | undefined;
  inlineMessageId: string | undefined;
  data: string;
  answered: boolean;
  answer?: { text?: string; show_alert?: boolean; url?: string; cache_time?: number };
}

export interface InlineQueryRecord {
  id: string;
  userId: number;
  query: string;
  answered: boolean;
  results?: InlineQueryResult[];
  answer?: Params;
}

export interface PreCheckoutRecord {
  id: string;
  userId: number;
  payload: string;
  currency: string;
  totalAmount: number;
  answered: boolean;
  /** Set when nobody answered within the pre-checkout deadline: a late answer is refused. */
  expired: boolean;
  ok?: boolean;
  errorMessage?: string;
}

export interface FakePayment {
  userId: number;
  payload: string;
  currency: string;
  totalAmount: number;
  telegramPaymentChargeId: string;
  providerPaymentChargeId: string;
  refunded: boolean;
}

export interface FakeRefund {
  userId: number;
  telegramPaymentChargeId: string;
  at: number;
}

/** A message sent through an inline result, which the bot can only edit by `inline_message_id`. */
export interface InlineMessageRecord {
  id: string;
  userId: number;
  text: string | undefined;
  entities: MessageEntity[];
  replyMarkup: AnyReplyMarkup | undefined;
}

/** Everything Telegram knows about one bot: chats, messages, queries, payments, its queue. */
export class BotState {
  readonly calls: RecordedCall[] = [];
  readonly chats = new Map<number, Chat>();
  readonly users = new Map<number, User>();
  readonly blocked = new Set<number>();
  readonly members = new Map<number, Map<number, ChatMember['status']>>();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly inlineQueries = new Map<string, InlineQueryRecord>();
  readonly inlineMessages = new Map<string, InlineMessageRecord>();
  readonly preCheckouts = new Map<string, PreCheckoutRecord>();
  readonly invoiceLinks = new Map<string, FakeInvoice>();
  readonly payments: FakePayment[] = [];
  readonly refunds: FakeRefund[] = [];
  readonly chatActions: Array<{ chatId: number; action: string; at: number }> = [];
  /** `setMyCommands` per `scope|language_code`. */
  readonly commands = new Map<string, BotCommand[]>();
  readonly updates: UpdateQueue;
  private readonly messagesByChat = new Map<number, Map<number, FakeMessage>>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private notifyScheduled = false;

  constructor(
    readonly token: string,
    readonly me: UserFromGetMe,
    runWebhookReply: WebhookReplyRunner,
  ) {
    this.updates = new UpdateQueue(() => this.changed(), runWebhookReply);
  }

  /** Short unique ids for queries, charges and links. */
  newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.me.id}${String(this.seq).padStart(6, '0')}`;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells waiters to look again. Deferred to the next macrotask and coalesced, so a waiter
   * never sees a call half-handled (message stored, call not yet marked answered).
   */
  changed(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  // --- chats and messages -----------------------------------------------------------------

  /** Resolves a `chat_id` parameter to a chat the bot can write to, or fails like Telegram. */
  requireChat(chatId: number | string): Chat {
    const chat = typeof chatId === 'number'
      ? this.chats.get(chatId)
      : [...this.chats.values()].find((c) => 'username' in c && `@${c.username ?? ''}` === chatId);
    if (!chat) throw badRequest('chat not found');
    return chat;
  }

  /** A chat the bot may post into: a user who blocked the bot answers 403. */
  requireWritableChat(chatId: number | string): Chat {
    const chat = this.requireChat(chatId);
    if (chat.type === 'private' && this.blocked.has(chat.id)) throw forbidden('bot was blocked by the user');
    return chat;
  }

  allocateMessageId(chatId: number): number {
    const id = this.nextMessageId.get(chatId) ?? 1;
    this.nextMessageId.set(chatId, id + 1);
    return id;
  }

  /** Stores a new message; `message` must already carry its id, chat and sender. */
  store(message: Message, sent: { rawText?: string; parseMode?: string; replyMarkup?: AnyReplyMarkup; invoice?: FakeInvoice }): FakeMessage {
    const stored: FakeMessage = {
      chatId: message.chat.id,
      messageId: message.message_id,
      fromBot: message.from?.id === this.me.id,
      text: message.text ?? message.caption,
      rawText: sent.rawText ?? message.text ?? message.caption,
      parseMode: sent.parseMode,
      entities: message.entities ?? message.caption_entities ?? [],
      replyMarkup: sent.replyMarkup,
      deleted: false,
      editCount: 0,
      invoice: sent.invoice,
      message,
    };
    let chat = this.messagesByChat.get(stored.chatId);
    if (!chat) this.messagesByChat.set(stored.chatId, (chat = new Map()));
    chat.set(stored.messageId, stored);
    this.changed();
    return stored;
  }

  /** A message that exists and was not deleted. */
  findMessage(chatId: number, messageId: number): FakeMessage | undefined {
    const found = this.messagesByChat.get(chatId)?.get(messageId);
    return found && !found.deleted ? found : undefined;
  }

  /** Messages of a chat in id order; the bot's own unless `includeUsers`. */
  messagesOf(chatId: number, options: { includeUsers?: boolean; includeDeleted?: boolean } = {}): FakeMessage[] {
    return [...(this.messagesByChat.get(chatId)?.values() ?? [])]
      .filter((m) => (options.includeUsers || m.fromBot) && (options.includeDeleted || !m.deleted))
      .sort((a, b) => a.messageId - b.messageId);
  }

  /** The last undeleted invoice message with this payload, preferring chat `preferChatId`. */
  findInvoiceMessage(payload: string, preferChatId?: number): FakeMessage | undefined {
    const all = [...this.messagesByChat.values()].flatMap((chat) => [...chat.values()]);
    const matching = all.filter((m) => !m.deleted && m.invoice?.payload === payload);
    return matching.findLast((m) => m.chatId === preferChatId) ?? matching.at(-1);
  }

  /** Applies an edit to text, entities and/or inline keyboard, keeping the wire object in step. */
  applyEdit(stored: FakeMessage, edit: { text?: { raw: string; text: string; entities: MessageEntity[]; parseMode: string | undefined }; replyMarkup: AnyReplyMarkup | undefined }): void {
    const message = { ...stored.message, edit_date: unixNow() } as Message & Record<string, unknown>;
    if (edit.text) {
      const caption = stored.message.text === undefined;
      stored.text = edit.text.text;
      stored.rawText = edit.text.raw;
      stored.parseMode = edit.text.parseMode;
      stored.entities = edit.text.entities;
      message[caption ? 'caption' : 'text'] = edit.text.text;
      if (edit.text.entities.length > 0) message[caption ? 'caption_entities' : 'entities'] = edit.text.entities;
      else delete message[caption ? 'caption_entities' : 'entities'];
    }
    stored.replyMarkup = edit.replyMarkup;
    const inline = inlineKeyboardOf(edit.replyMarkup);
    if (inline) message.reply_markup = inline;
    else delete message.reply_markup;
    stored.message = message;
    stored.editCount += 1;
    this.changed();
  }

  /** A user who is known to the fake, for `getChatMember` and simulated updates. */
  requireUser(userId: number): User {
    const user = this.users.get(userId);
    if (!user) throw badRequest('user not found');
    return user;
  }

  /** Queues a `message` update for something a user (or Telegram) posted. */
  pushMessage(message: Message): Update {
    return this.updates.push({ message } as Omit<Update, 'update_id'>);
  }

  memberStatus(chatId: number, userId: number): ChatMember['status'] {
    if (chatId === userId) return 'member';
    return this.members.get(chatId)?.get(userId) ?? 'left';
  }
}
