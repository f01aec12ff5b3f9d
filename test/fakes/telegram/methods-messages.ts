import type { Chat, Message, MessageEntity } from 'grammy/types';
import { canonical, inlineKeyboardOf, readReplyMarkup, type AnyReplyMarkup } from './keyboard.js';
import { parseFormatted } from './parse-mode.js';
import type { BotState, FakeMessage, InlineMessageRecord } from './state.js';
import {
  badRequest, optionalBool, optionalInt, optionalJson, optionalString, requiredChatId, requiredInt, unixNow,
  type Params, type UploadedFile,
} from './wire.js';

/** What one method handler gets. */
export interface CallContext {
  bot: BotState;
  params: Params;
  files: Map<string, UploadedFile>;
  /** Registers what to do when the client goes away before the answer (long polls). */
  onAbort: (cancel: () => void) => void;
}

export type MethodHandler = (ctx: CallContext) => unknown;

const maxText = 4096;
const maxCaption = 1024;
const notModified =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

interface FormattedText {
  raw: string;
  text: string;
  entities: MessageEntity[];
  parseMode: string | undefined;
}

/** Text plus markup; explicit `entities` win over `parse_mode`, as in the Bot API. */
function readFormatted(params: Params, field: 'text' | 'caption', raw: string): FormattedText {
  const parseMode = optionalString(params, 'parse_mode');
  const explicit = optionalJson(params, field === 'text' ? 'entities' : 'caption_entities', "can't parse entities JSON object");
  if (Array.isArray(explicit)) return { raw, text: raw, entities: explicit as MessageEntity[], parseMode: undefined };
  return { raw, parseMode, ...parseFormatted(raw, parseMode) };
}

function readMessageText(params: Params): FormattedText {
  const raw = optionalString(params, 'text');
  if (raw === undefined || raw.trim() === '') throw badRequest('message text is empty');
  const formatted = readFormatted(params, 'text', raw);
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (formatted.text.length > maxText) throw badRequest('message is too long');
  return formatted;
}

function readCaption(params: Params): FormattedText | undefined {
  const raw = optionalString(params, 'caption');
  if (raw === undefined || raw === '') return undefined;
  const formatted = readFormatted(params, 'caption', raw);
  if (formatted.text.length > maxCaption) throw badRequest('message caption is too long');
  return formatted;
}

/** The replied-to message as Telegram embeds it: current state, without its own reply. */
function replyTarget(bot: BotState, chat: Chat, params: Params): Message | undefined {
  const reply = optionalJson(params, 'reply_parameters', "can't parse reply parameters JSON object") as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
  const messageId = reply?.message_id ?? optionalInt(params, 'reply_to_message_id');
  if (messageId === undefined) return undefined;
  const target = bot.findMessage(chat.id, messageId);
  if (!target) {
    if (reply?.allow_sending_without_reply || optionalBool(params, 'allow_sending_without_reply')) return undefined;
    throw badRequest('message to be replied not found');
  }
  const { reply_to_message: _nested, ...rest } = target.message;
  return rest as Message;
}

/** Posts a bot message into `chat` and stores it. */
export function postBotMessage(
  bot: BotState, chat: Chat, params: Params, body: Partial<Message>,
  sent: { formatted?: FormattedText; replyMarkup?: AnyReplyMarkup; invoice?: FakeMessage['invoice'] },
): FakeMessage {
  const reply = replyTarget(bot, chat, params);
  const inline = inlineKeyboardOf(sent.replyMarkup);
  const message = {
    message_id: bot.allocateMessageId(chat.id),
    from: { id: bot.me.id, is_bot: true, first_name: bot.me.first_name, username: bot.me.username },
    chat,
    date: unixNow(),
    ...(reply ? { reply_to_message: reply } : {}),
    ...body,
    ...(inline ? { reply_markup: inline } : {}),
  } as Message;
  return bot.store(message, {
    rawText: sent.formatted?.raw, parseMode: sent.formatted?.parseMode, replyMarkup: sent.replyMarkup, invoice: sent.invoice,
  });
}

const textBody = (f: FormattedText, field: 'text' | 'caption'): Partial<Message> => ({
  [field]: f.text,
  ...(f.entities.length > 0 ? { [field === 'text' ? 'entities' : 'caption_entities']: f.entities } : {}),
});

type EditTarget = { kind: 'chat'; stored: FakeMessage } | { kind: 'inline'; record: InlineMessageRecord };

function editTarget(bot: BotState, params: Params): EditTarget {
  const inlineId = optionalString(params, 'inline_message_id');
  if (inlineId !== undefined) {
    const record = bot.inlineMessages.get(inlineId);
    if (!record) throw badRequest('MESSAGE_ID_INVALID');
    return { kind: 'inline', record };
  }
  const chat = bot.requireChat(requiredChatId(params));
  const messageId = requiredInt(params, 'message_id', 'message identifier is not specified');
  const stored = bot.findMessage(chat.id, messageId);
  if (!stored) throw badRequest('message to edit not found');
  if (!stored.fromBot) throw badRequest("message can't be edited");
  return { kind: 'chat', stored };
}

function editMarkup(params: Params): AnyReplyMarkup | undefined {
  const markup = readReplyMarkup(params);
  if (markup && !inlineKeyboardOf(markup)) throw badRequest('inline keyboard expected');
  return markup;
}

const sameContent = (
  a: { text: string | undefined; entities: MessageEntity[]; markup: unknown },
  b: { text: string | undefined; entities: MessageEntity[]; markup: unknown },
) => a.text === b.text && canonical(a.entities) === canonical(b.entities) && canonical(a.markup ?? null) === canonical(b.markup ?? null);

const chatActions = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** A file parameter: a file_id or URL string, or `attach://name` pointing at an uploaded part. */
function readFile(ctx: CallContext, field: string): { fileId: string; upload: UploadedFile | undefined } {
  const value = optionalString(ctx.params, field);
  if (value === undefined || value === '') throw badRequest(`there is no ${field} in the request`);
  if (!value.startsWith('attach://')) return { fileId: value, upload: undefined };
  const upload = ctx.files.get(value.slice('attach://'.length));
  if (!upload) throw badRequest(`there is no ${field} in the request`);
  return { fileId: ctx.bot.newId('file'), upload };
}

function sendFile(ctx: CallContext, field: 'photo' | 'document'): Message {
  const { bot, params } = ctx;
  const chatId = requiredChatId(params);
  const { fileId, upload } = readFile(ctx, field);
  const caption = readCaption(params);
  const replyMarkup = readReplyMarkup(params);
  const chat = bot.requireWritableChat(chatId);
  const size = upload?.data.length ?? 0;
  const file = field === 'photo'
    ? { photo: [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 90, height: 90, file_size: size }] }
    : { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: upload?.filename ?? 'document', file_size: size } };
  const body = { ...file, ...(caption ? textBody(caption, 'caption') : {}) } as Partial<Message>;
  return postBotMessage(bot, chat, params, body, { formatted: caption, replyMarkup }).message;
}

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage({ bot, params }) {
    const chatId = requiredChatId(params);
    const formatted = readMessageText(params);
    const replyMarkup = readReplyMarkup(params);
    const chat = bot.requireWritableChat(chatId);
    return postBotMessage(bot, chat, params, textBody(formatted, 'text'), { formatted, replyMarkup }).message;
  },

  sendPhoto: (ctx) => sendFile(ctx, 'photo'),
  sendDocument: (ctx) => sendFile(ctx, 'document'),

  editMessageText({ bot, params }) {
    const target = editTarget(bot, params);
    const formatted = readMessageText(params);
    const markup = editMarkup(params);
    const next = { text: formatted.text, entities: formatted.entities, markup };
    if (target.kind === 'inline') {
      const r = target.record;
      if (sameContent({ text: r.text, entities: r.entities, markup: r.replyMarkup }, next)) throw badRequest(notModified);
      Object.assign(r, { text: formatted.text, entities: formatted.entities, replyMarkup: markup });
      return true;
    }
    const stored = target.stored;
    if (stored.message.text === undefined) throw badRequest('there is no text in the message to edit');
    if (sameContent({ text: stored.text, entities: stored.entities, markup: inlineKeyboardOf(stored.replyMarkup) }, next)) {
      throw badRequest(notModified);
    }
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    bot.applyEdit(stored, { text: formatted, replyMarkup: markup });
    return stored.message;
  },

  editMessageReplyMarkup({ bot, params }) {
    const target = editTarget(bot, params);
    const markup = editMarkup(params);
    const current = target.kind === 'inline' ? target.record.replyMarkup : inlineKeyboardOf(target.stored.replyMarkup);
    if (canonical(current ?? null) === canonical(markup ?? null)) throw badRequest(notModified);
    if (target.kind === 'inline') {
      target.record.replyMarkup = markup;
      return true;
    }
    bot.applyEdit(target.stored, { replyMarkup: markup });
    return target.stored.message;
  },

  deleteMessage({ bot, params }) {
    const chat = bot.requireChat(requiredChatId(params));
    const messageId = requiredInt(params, 'message_id', 'message identifier is not specified');
    const stored = bot.findMessage(chat.id, messageId);
    if (!stored) throw badRequest('message to delete not found');
    stored.deleted = true;
    return true;
  },

  copyMessage({ bot, params }) {
    const chatId = requiredChatId(params);
    const from = bot.requireChat(requiredChatId(params, 'from_chat_id'));
    const source = bot.findMessage(from.id, requiredInt(params, 'message_id', 'message identifier is not specified'));
    if (!source) throw badRequest('message to copy not found');
    if (source.invoice) throw badRequest("message can't be copied");
    const caption = readCaption(params);
    const replyMarkup = readReplyMarkup(params);
    const chat = bot.requireWritableChat(chatId);
    const { message_id: _id, from: _from, chat: _chat, date: _date, reply_markup: _markup, reply_to_message: _reply, edit_date: _edit, ...content } = source.message;
    const body = { ...content, ...(caption && content.text === undefined ? textBody(caption, 'caption') : {}) } as Partial<Message>;
    const copy = postBotMessage(bot, chat, params, body, { formatted: caption, replyMarkup });
    return { message_id: copy.messageId };
  },

  forwardMessage({ bot, params }) {
    const chatId = requiredChatId(params);
    const from = bot.requireChat(requiredChatId(params, 'from_chat_id'));
    const source = bot.findMessage(from.id, requiredInt(params, 'message_id', 'message identifier is not specified'));
    if (!source) throw badRequest('message to forward not found');
    const chat = bot.requireWritableChat(chatId);
    const { message_id: _id, from: sender, chat: _chat, date, reply_markup: _markup, reply_to_message: _reply, edit_date: _edit, ...content } = source.message;
    const origin = sender ? { type: 'user', sender_user: sender, date } : { type: 'hidden_user', sender_user_name: 'Hidden', date };
    return postBotMessage(bot, chat, {}, { ...content, forward_origin: origin } as Partial<Message>, {}).message;
  },

  sendChatAction({ bot, params }) {
    const chatId = requiredChatId(params);
    const action = optionalString(params, 'action');
    if (action === undefined || !chatActions.has(action)) throw badRequest('wrong parameter action in request');
    const chat = bot.requireWritableChat(chatId);
    bot.chatActions.push({ chatId: chat.id, action, at: Date.now() });
    return true;
  },
};
