import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context, SessionFlavor } from 'grammy';
import type { BuyerRecord } from '../../core/ports/storage.js';

/** Per-chat state kept in Redis (or in process): small, and never money. */
export interface SessionData {
  /** Chosen with /language; absent = Telegram's language_code. */
  __language_code?: string;
  /** Last search typed, for paging its results. */
  lastQuery?: string;
  /** Extension point for features; keep values JSON-serializable. */
  [key: string]: unknown;
}

/** Set by the identity middleware on every update with a sender. */
export interface BuyerFlavor {
  buyer: BuyerRecord;
}

/** The context every feature composer sees. */
export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor & BuyerFlavor>;
