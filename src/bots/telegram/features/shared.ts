import { GrammyError, InlineKeyboard, type Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { KeyValueStore } from '../../../core/ports/kv.js';
import type { Shop } from '../../../core/shop.js';
import type { Logger } from '../../../logger.js';
import { encode } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { Translate } from '../i18n.js';
import type { StarsPaymentMethod } from '../stars.js';

/** What the buyer features share: the core, the outer API (with throttling and retries), and a few settings. */
export interface BuyerFeatureDeps {
  shop: Shop;
  api: Api;
  kv: KeyValueStore;
  logger: Logger;
  stars: StarsPaymentMethod;
  /** Translations for code that runs outside an update's own `ctx.t`. */
  translate(locale: string): Translate;
  /** The bot's @username, known once the bot is initialised. */
  botUsername(): string;
  pageSize: number;
  /** Wallet top-up amounts offered as buttons, in the shop currency. */
  topUpAmounts: readonly string[];
}

export const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

/** Telegram's answers we treat as outcomes rather than failures. */
export const apiErrors = {
  notModified: (error: unknown) => error instanceof GrammyError && /message is not modified/i.test(error.description),
  /** The message to edit is gone or cannot be edited (too old, not text): send a new one. */
  cannotEdit: (error: unknown) =>
    error instanceof GrammyError &&
    /message to edit not found|message can't be edited|MESSAGE_ID_INVALID|there is no text in the message to edit/i.test(error.description),
  /** The buyer blocked the bot or deleted the account: nothing will ever reach them. */
  unreachable: (error: unknown) =>
    error instanceof GrammyError && (error.error_code === 403 || /chat not found|user is deactivated|PEER_ID_INVALID/i.test(error.description)),
  staleQuery: (error: unknown) => error instanceof GrammyError && /query is too old|query ID is invalid/i.test(error.description),
};

/** Edits the message a button sits on, or sends a new one when there is none to edit. */
export async function show(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<number | undefined> {
  const options = { ...html, ...(keyboard ? { reply_markup: keyboard } : {}) };
  const message = ctx.callbackQuery?.message;
  if (message && 'text' in message) {
    try {
      await ctx.editMessageText(text, options);
      return message.message_id;
    } catch (error) {
      if (apiErrors.notModified(error)) return message.message_id;
      if (!apiErrors.cannotEdit(error)) throw error;
    }
  }
  const sent = await ctx.reply(text, options);
  return sent.message_id;
}

/** Answers a button press once; a press Telegram already gave up on is no failure. */
export async function answer(ctx: BotContext, text?: string, alert = false): Promise<void> {
  if (!ctx.callbackQuery) return;
  try {
    await ctx.answerCallbackQuery(text ? { text: stripHtml(text), show_alert: alert } : undefined);
  } catch (error) {
    if (!apiErrors.staleQuery(error)) throw error;
  }
}

/** Text for places Telegram shows without formatting (toasts, pre-checkout errors). */
export function stripHtml(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .slice(0, 200);
}

export function mainMenu(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('menu-shop'), encode('m', 'shop'))
    .text(t('menu-search'), encode('m', 'search'))
    .row()
    .text(t('menu-orders'), encode('m', 'orders'))
    .text(t('menu-wallet'), encode('m', 'wallet'))
    .row()
    .text(t('menu-help'), encode('m', 'help'))
    .text(t('menu-language'), encode('m', 'lang'));
}

/** ◀ 2/5 ▶ under a paged list; nothing when everything fits on one page. */
export function pager(keyboard: InlineKeyboard, page: number, pages: number, dataFor: (page: number) => string): InlineKeyboard {
  if (pages <= 1) return keyboard;
  const row: InlineKeyboardButton[] = [];
  if (page > 1) row.push({ text: '◀', callback_data: dataFor(page - 1) });
  row.push({ text: `${page}/${pages}`, callback_data: dataFor(page) });
  if (page < pages) row.push({ text: '▶', callback_data: dataFor(page + 1) });
  return keyboard.row(...row);
}

export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** `https://t.me/<bot>?start=<payload>`: opens the private chat, payload limited to Telegram's 64 safe characters. */
export function deepLink(botUsername: string, payload?: string): string {
  const safe = payload && /^[A-Za-z0-9_-]{1,64}$/.test(payload) ? payload : undefined;
  return `https://t.me/${botUsername}${safe ? `?start=${safe}` : ''}`;
}

/** Runs a money-creating press once per message, so a double tap or a late repeat does nothing. */
export async function oncePerMessage(ctx: BotContext, kv: KeyValueStore, ttlMs = 86_400_000): Promise<boolean> {
  const message = ctx.callbackQuery?.message;
  if (!message) return true;
  return kv.setIfAbsent(`tg:press:${message.chat.id}:${message.message_id}:${ctx.callbackQuery?.data ?? ''}`, '1', ttlMs);
}
