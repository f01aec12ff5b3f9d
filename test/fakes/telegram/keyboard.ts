import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { badRequest, isRecord, optionalJson, utf8Length, type Params } from './wire.js';

/** Any of the four reply markups a bot may attach, as sent. */
export type AnyReplyMarkup = Record<string, unknown>;

const buttonActions = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
] as const;

/**
 * Reads and checks `reply_markup` as Telegram does. Only an inline keyboard is kept on the
 * message itself (it is the only kind Telegram echoes back in `Message.reply_markup`).
 */
export function readReplyMarkup(params: Params): AnyReplyMarkup | undefined {
  const markup = optionalJson(params, 'reply_markup', "can't parse reply keyboard markup JSON object");
  if (markup === undefined) return undefined;
  if (!isRecord(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in markup) {
    checkInlineKeyboard(markup.inline_keyboard);
    return markup;
  }
  if ('keyboard' in markup) {
    const rows = markup.keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    for (const button of rows.flat() as unknown[]) {
      const text = typeof button === 'string' ? button : isRecord(button) ? button.text : undefined;
      if (typeof text !== 'string' || text === '') throw badRequest("can't parse keyboard button: Field \"text\" must be of type String");
    }
    return markup;
  }
  if (markup.remove_keyboard === true || markup.force_reply === true) return markup;
  throw badRequest("can't find field \"inline_keyboard\"");
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest("can't parse inline keyboard markup: Field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
  }
  for (const button of rows.flat() as unknown[]) {
    if (!isRecord(button) || typeof button.text !== 'string') {
      throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
    }
    const actions = buttonActions.filter((key) => button[key] !== undefined);
    if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    const data = button.callback_data;
    if (data !== undefined && (typeof data !== 'string' || utf8Length(data) < 1 || utf8Length(data) > 64)) {
      throw badRequest('BUTTON_DATA_INVALID');
    }
    if (button.url !== undefined && !isButtonUrl(button.url)) {
      throw badRequest(`inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`);
    }
  }
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

export const inlineKeyboardOf = (markup: AnyReplyMarkup | undefined): InlineKeyboardMarkup | undefined =>
  markup && 'inline_keyboard' in markup ? (markup as unknown as InlineKeyboardMarkup) : undefined;

export const inlineButtons = (markup: InlineKeyboardMarkup | undefined): InlineKeyboardButton[] =>
  markup?.inline_keyboard.flat() ?? [];

/** JSON with sorted keys: two markups are "the same" for Telegram whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
