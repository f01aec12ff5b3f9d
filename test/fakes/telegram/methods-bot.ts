import type { BotCommand, ChatMember, InlineQueryResult, User } from 'grammy/types';
import { canonical, readReplyMarkup } from './keyboard.js';
import type { MethodHandler } from './methods-messages.js';
import {
  badRequest, isRecord, optionalBool, optionalInt, optionalJson, optionalString, queryTooOld, requiredChatId,
  requiredInt, requiredString, utf8Length, type Params,
} from './wire.js';

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

function readWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  // Telegram insists on HTTPS; plain HTTP is allowed here for loopback test servers only.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  return raw;
}

function commandsKey(params: Params): string {
  const scope = optionalJson(params, 'scope', "can't parse BotCommandScope JSON object") ?? { type: 'default' };
  return `${canonical(scope)}|${optionalString(params, 'language_code') ?? ''}`;
}

function readCommands(params: Params): BotCommand[] {
  const commands = optionalJson(params, 'commands', "can't parse commands JSON object");
  if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
  if (commands.length > 100) throw badRequest('too many commands specified');
  return commands.map((c: unknown) => {
    if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command: c.command, description: c.description };
  });
}

/** The ChatMember object for a status, with the fields Telegram always sends for it. */
function chatMember(user: User, status: ChatMember['status']): ChatMember {
  switch (status) {
    case 'creator':
      return { status, user, is_anonymous: false };
    case 'administrator':
      return {
        status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
        can_manage_video_chats: true, can_restrict_members: true, can_promote_members: false, can_change_info: true,
        can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
      } as ChatMember;
    case 'restricted':
      return {
        status, user, is_member: true, can_send_messages: false, can_send_audios: false, can_send_documents: false,
        can_send_photos: false, can_send_videos: false, can_send_video_notes: false, can_send_voice_notes: false,
        can_send_polls: false, can_send_other_messages: false, can_add_web_page_previews: false, can_change_info: false,
        can_invite_users: false, can_pin_messages: false, can_manage_topics: false, until_date: 0,
      } as ChatMember;
    case 'kicked':
      return { status, user, until_date: 0 };
    case 'member':
    case 'left':
      return { status, user } as ChatMember;
  }
}

function requireQuery<T extends { answered: boolean }>(records: Map<string, T>, id: string | undefined): T {
  const record = id === undefined ? undefined : records.get(id);
  if (!record || record.answered) throw queryTooOld();
  return record;
}

function readInlineResults(params: Params): InlineQueryResult[] {
  const results = optionalJson(params, 'results', "can't parse inline query results JSON object");
  if (!Array.isArray(results)) throw badRequest('parameter "results" is required');
  if (results.length > 50) throw badRequest('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  for (const r of results as unknown[]) {
    if (!isRecord(r) || typeof r.type !== 'string') throw badRequest("can't parse InlineQueryResult: Field \"type\" must be of type String");
    const id = typeof r.id === 'string' ? r.id : '';
    if (utf8Length(id) < 1 || utf8Length(id) > 64) throw badRequest('RESULT_ID_INVALID');
    if (ids.has(id)) throw badRequest('RESULT_ID_DUPLICATE');
    ids.add(id);
    if (r.reply_markup !== undefined) readReplyMarkup({ reply_markup: r.reply_markup });
  }
  return results as InlineQueryResult[];
}

export const botMethods: Record<string, MethodHandler> = {
  getMe: ({ bot }) => bot.me,

  getUpdates: ({ bot, params, onAbort }) => bot.updates.getUpdates(params, onAbort),

  setWebhook({ bot, params }) {
    const raw = optionalString(params, 'url') ?? '';
    if (raw === '') {
      bot.updates.deleteWebhook(optionalBool(params, 'drop_pending_updates') ?? false);
      return true;
    }
    const url = readWebhookUrl(raw);
    const secretToken = optionalString(params, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) throw badRequest('secret token contains unallowed characters');
    const maxConnections = optionalInt(params, 'max_connections');
    if (maxConnections !== undefined && (maxConnections < 1 || maxConnections > 100)) throw badRequest('bad webhook: max_connections must be between 1 and 100');
    const allowed = optionalJson(params, 'allowed_updates', "can't parse allowed updates JSON object");
    bot.updates.setWebhook(
      { url, secretToken, maxConnections, allowedUpdates: Array.isArray(allowed) ? allowed.map(String) : undefined, setAt: Date.now() },
      optionalBool(params, 'drop_pending_updates') ?? false,
    );
    return true;
  },

  deleteWebhook({ bot, params }) {
    bot.updates.deleteWebhook(optionalBool(params, 'drop_pending_updates') ?? false);
    return true;
  },

  getWebhookInfo({ bot }) {
    const hook = bot.updates.webhook;
    const lastError = bot.updates.webhookDeliveries.findLast((d) => d.status === undefined || d.status >= 300);
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: bot.updates.pendingCount,
      ...(hook?.maxConnections ? { max_connections: hook.maxConnections } : {}),
      ...(hook?.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
      ...(hook && lastError ? { last_error_date: Math.floor(lastError.at / 1000), last_error_message: lastError.error ?? `Wrong response from the webhook: ${lastError.status}` } : {}),
    };
  },

  setMyCommands({ bot, params }) {
    bot.commands.set(commandsKey(params), readCommands(params));
    return true;
  },

  getMyCommands: ({ bot, params }) => bot.commands.get(commandsKey(params)) ?? [],

  deleteMyCommands({ bot, params }) {
    bot.commands.delete(commandsKey(params));
    return true;
  },

  getChat({ bot, params }) {
    const chat = bot.requireChat(requiredChatId(params));
    return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
  },

  getChatMember({ bot, params }) {
    const chat = bot.requireChat(requiredChatId(params));
    const userId = requiredInt(params, 'user_id', 'invalid user_id specified');
    return chatMember(bot.requireUser(userId), bot.memberStatus(chat.id, userId));
  },

  answerCallbackQuery({ bot, params }) {
    const record = requireQuery(bot.callbackQueries, optionalString(params, 'callback_query_id'));
    const text = optionalString(params, 'text');
    if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    record.answered = true;
    record.answer = {
      ...(text !== undefined ? { text } : {}),
      ...(optionalBool(params, 'show_alert') !== undefined ? { show_alert: optionalBool(params, 'show_alert') } : {}),
      ...(optionalString(params, 'url') !== undefined ? { url: optionalString(params, 'url') } : {}),
      ...(optionalInt(params, 'cache_time') !== undefined ? { cache_time: optionalInt(params, 'cache_time') } : {}),
    };
    return true;
  },

  answerInlineQuery({ bot, params }) {
    requiredString(params, 'inline_query_id', 'query is too old and response timeout expired or query ID is invalid');
    const record = requireQuery(bot.inlineQueries, optionalString(params, 'inline_query_id'));
    record.results = readInlineResults(params);
    record.answer = params;
    record.answered = true;
    return true;
  },
};
