import type { Chat, ChatMember, ChosenInlineResult, Message, User } from 'grammy/types';
import type { FakeBot } from './bot.js';
import { inlineButtons, inlineKeyboardOf } from './keyboard.js';
import { detectEntities } from './parse-mode.js';
import type { FakeInvoice, FakeMessage, PreCheckoutRecord } from './state.js';
import { unixNow } from './wire.js';

/** A message as a test holds it: the fake's record, a wire `Message`, or a message id in the actor's chat. */
export type MessageRef = FakeMessage | Message | number;

export interface UserProfile {
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
}

export interface PayOptions {
  /** Defaults to the invoice's total. */
  total_amount?: number;
  /** Defaults to the invoice's currency, else XTR. */
  currency?: string;
  /** How long to wait for `answerPreCheckoutQuery`. Defaults to the fake's (10 s like Telegram). */
  timeoutMs?: number;
}

export type PaymentOutcome =
  | { status: 'paid'; preCheckoutQueryId: string; telegramPaymentChargeId: string; providerPaymentChargeId: string; message: Message }
  | { status: 'declined'; preCheckoutQueryId: string; errorMessage: string | undefined }
  | { status: 'timeout'; preCheckoutQueryId: string };

/** A user acting in one chat: what they can do there is type, reply and press buttons. */
export class ChatActor {
  constructor(
    protected readonly bot: FakeBot,
    readonly user: User,
    readonly chat: Chat,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** Posts `text`; `/commands`, @mentions and URLs get their entities. Returns the message as queued. */
  send(text: string, options: { replyTo?: MessageRef } = {}): Message {
    const state = this.bot.state;
    const entities = detectEntities(text);
    const reply = options.replyTo === undefined ? undefined : this.resolve(options.replyTo).message;
    let replyToMessage: Message | undefined;
    if (reply) {
      const { reply_to_message: _nested, ...rest } = reply;
      replyToMessage = rest as Message;
    }
    const message = {
      message_id: state.allocateMessageId(this.chat.id),
      from: this.user,
      chat: this.chat,
      date: unixNow(),
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyToMessage ? { reply_to_message: replyToMessage } : {}),
    } as Message;
    state.store(message, {});
    state.pushMessage(message);
    return message;
  }

  /** Replies to a message of this chat (`reply_to_message` holds its current state). */
  reply(to: MessageRef, text: string): Message {
    return this.send(text, { replyTo: to });
  }

  /**
   * Presses an inline button carrying `callbackData` on the current state of a bot message and
   * returns the callback query id. Refuses data no button shows unless `force` (a forged press).
   */
  press(message: MessageRef, callbackData: string, options: { force?: boolean } = {}): string {
    const stored = this.resolve(message);
    const shown = inlineButtons(inlineKeyboardOf(stored.replyMarkup)).some((b) => 'callback_data' in b && b.callback_data === callbackData);
    if (!shown && !options.force) {
      throw new Error(`press(): message ${stored.messageId} in chat ${stored.chatId} shows no button with callback_data ${JSON.stringify(callbackData)}`);
    }
    const state = this.bot.state;
    const id = state.newId('cbq');
    state.callbackQueries.set(id, {
      id, userId: this.user.id, chatId: stored.chatId, messageId: stored.messageId, inlineMessageId: undefined, data: callbackData, answered: false,
    });
    state.updates.push({
      callback_query: { id, from: this.user, message: stored.message, chat_instance: `ci${stored.chatId}`, data: callbackData },
    });
    return id;
  }

  /** Presses the callback button whose label is `buttonText`. */
  pressButton(message: MessageRef, buttonText: string): string {
    const stored = this.resolve(message);
    const button = inlineButtons(inlineKeyboardOf(stored.replyMarkup)).find((b) => b.text === buttonText);
    if (!button || !('callback_data' in button)) {
      throw new Error(`pressButton(): message ${stored.messageId} has no callback button labelled ${JSON.stringify(buttonText)}`);
    }
    return this.press(stored, button.callback_data);
  }

  /** The bot's messages in this chat, current state. */
  messages(): FakeMessage[] {
    return this.bot.messages(this.chat.id);
  }

  lastMessage(): FakeMessage | undefined {
    return this.bot.lastMessage(this.chat.id);
  }

  waitForMessage(predicate?: (m: FakeMessage) => boolean, timeoutMs?: number): Promise<FakeMessage> {
    return this.bot.waitForMessage(this.chat.id, predicate, timeoutMs);
  }

  /** The current, undeleted state of a message of this chat. */
  protected resolve(ref: MessageRef): FakeMessage {
    const [chatId, messageId] = typeof ref === 'number' ? [this.chat.id, ref]
      : 'messageId' in ref ? [ref.chatId, ref.messageId] : [ref.chat.id, ref.message_id];
    const stored = this.bot.state.findMessage(chatId, messageId);
    if (!stored) throw new Error(`message ${messageId} in chat ${chatId} does not exist (or was deleted)`);
    return stored;
  }
}

/** A simulated Telegram user: their private chat with the bot, plus inline mode, payments and groups. */
export class FakeUser extends ChatActor {
  /** Sends an `inline_query`; returns its id (see `FakeBot.inlineQuery(id)` for the answer). */
  inline(query: string, options: { offset?: string } = {}): string {
    const state = this.bot.state;
    const id = state.newId('ilq');
    state.inlineQueries.set(id, { id, userId: this.user.id, query, answered: false });
    state.updates.push({ inline_query: { id, from: this.user, query, offset: options.offset ?? '', chat_type: 'sender' } });
    return id;
  }

  /**
   * Picks a result of the bot's last answer to this user's inline query. When that result has
   * an inline keyboard, Telegram hands out an `inline_message_id` the bot can edit.
   */
  chooseInline(resultId: string, query: string): ChosenInlineResult {
    const state = this.bot.state;
    const answered = [...state.inlineQueries.values()].filter((q) => q.userId === this.user.id && q.results?.some((r) => r.id === resultId));
    const result = answered.at(-1)?.results?.find((r) => r.id === resultId);
    const chosen: ChosenInlineResult = { result_id: resultId, from: this.user, query };
    if (result && 'reply_markup' in result && result.reply_markup) {
      const content = 'input_message_content' in result ? (result.input_message_content as { message_text?: string } | undefined) : undefined;
      const inlineMessageId = state.newId('iim');
      state.inlineMessages.set(inlineMessageId, {
        id: inlineMessageId, userId: this.user.id, text: content?.message_text, entities: [], replyMarkup: result.reply_markup as unknown as Record<string, unknown>,
      });
      chosen.inline_message_id = inlineMessageId;
    }
    state.updates.push({ chosen_inline_result: chosen });
    return chosen;
  }

  /** Presses a callback button under a message sent via inline mode; returns the query id. */
  pressInline(inlineMessageId: string, callbackData: string): string {
    const state = this.bot.state;
    const record = state.inlineMessages.get(inlineMessageId);
    if (!record) throw new Error(`pressInline(): no inline message ${inlineMessageId}`);
    const id = state.newId('cbq');
    state.callbackQueries.set(id, {
      id, userId: this.user.id, chatId: undefined, messageId: undefined, inlineMessageId, data: callbackData, answered: false,
    });
    state.updates.push({ callback_query: { id, from: this.user, inline_message_id: inlineMessageId, chat_instance: `ci${inlineMessageId}`, data: callbackData } });
    return id;
  }

  /**
   * The Stars checkout: a `pre_checkout_query`, then — once the bot answers `ok` within the
   * deadline — a `successful_payment` message. `invoice` is an invoice message, an invoice
   * link, or a payload (then `total_amount` is needed unless an invoice with it was sent).
   */
  async pay(invoice: MessageRef | string, options: PayOptions = {}): Promise<PaymentOutcome> {
    const state = this.bot.state;
    const found = this.findInvoice(invoice);
    const payload = found.invoice?.payload ?? (typeof invoice === 'string' ? invoice : '');
    const totalAmount = options.total_amount ?? found.invoice?.totalAmount;
    const currency = options.currency ?? found.invoice?.currency ?? 'XTR';
    if (totalAmount === undefined) throw new Error(`pay(): no invoice known for ${JSON.stringify(invoice)}; pass total_amount`);
    const id = state.newId('pcq');
    const record: PreCheckoutRecord = { id, userId: this.user.id, payload, currency, totalAmount, answered: false, expired: false };
    state.preCheckouts.set(id, record);
    state.updates.push({ pre_checkout_query: { id, from: this.user, currency, total_amount: totalAmount, invoice_payload: payload } });
    const answered = await this.bot.until(() => record.answered, options.timeoutMs ?? this.bot.preCheckoutTimeoutMs);
    if (!answered) {
      record.expired = true;
      return { status: 'timeout', preCheckoutQueryId: id };
    }
    if (!record.ok) return { status: 'declined', preCheckoutQueryId: id, errorMessage: record.errorMessage };
    const telegramPaymentChargeId = state.newId('stx');
    const providerPaymentChargeId = `${this.user.id}_${telegramPaymentChargeId}`;
    state.payments.push({ userId: this.user.id, payload, currency, totalAmount, telegramPaymentChargeId, providerPaymentChargeId, refunded: false });
    const chat = found.chat ?? this.chat;
    const message = {
      message_id: state.allocateMessageId(chat.id), from: this.user, chat, date: unixNow(),
      successful_payment: { currency, total_amount: totalAmount, invoice_payload: payload, telegram_payment_charge_id: telegramPaymentChargeId, provider_payment_charge_id: providerPaymentChargeId },
    } as Message;
    state.store(message, {});
    state.pushMessage(message);
    return { status: 'paid', preCheckoutQueryId: id, telegramPaymentChargeId, providerPaymentChargeId, message };
  }

  /** Blocks the bot: sends a `my_chat_member` update; later sends to this user answer 403. */
  block(): void {
    this.setBotMembership('kicked');
  }

  unblock(): void {
    this.setBotMembership('member');
  }

  /** This user in a supergroup (created on first use); they become a member if they were not. */
  inGroup(chatId: number, options: { title?: string; username?: string } = {}): ChatActor {
    const chat = this.bot.group(chatId, options);
    if (this.bot.state.memberStatus(chatId, this.user.id) === 'left') this.bot.setChatMember(chatId, this.user.id, 'member');
    return new ChatActor(this.bot, this.user, chat);
  }

  private setBotMembership(status: 'kicked' | 'member'): void {
    const state = this.bot.state;
    if (status === 'kicked') state.blocked.add(this.user.id);
    else state.blocked.delete(this.user.id);
    const me = { id: state.me.id, is_bot: true, first_name: state.me.first_name, username: state.me.username } as User;
    const member = (s: 'kicked' | 'member'): ChatMember => (s === 'kicked' ? { status: s, user: me, until_date: 0 } : { status: s, user: me });
    state.updates.push({
      my_chat_member: {
        chat: this.chat as Chat.PrivateChat, from: this.user, date: unixNow(),
        old_chat_member: member(status === 'kicked' ? 'member' : 'kicked'), new_chat_member: member(status),
      },
    });
  }

  private findInvoice(ref: MessageRef | string): { invoice: FakeInvoice | undefined; chat: Chat | undefined } {
    if (typeof ref !== 'string') {
      const stored = this.resolve(ref);
      if (!stored.invoice) throw new Error(`pay(): message ${stored.messageId} is not an invoice`);
      return { invoice: stored.invoice, chat: stored.message.chat };
    }
    const state = this.bot.state;
    const link = state.invoiceLinks.get(ref) ?? [...state.invoiceLinks.values()].findLast((i) => i.payload === ref);
    if (link) return { invoice: link, chat: undefined };
    const sent = state.findInvoiceMessage(ref, this.chat.id);
    return { invoice: sent?.invoice, chat: sent?.message.chat };
  }
}
