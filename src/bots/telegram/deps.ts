import type { SharedState } from '../../core/ports/kv.js';
import type { Shop } from '../../core/shop.js';
import type { Logger } from '../../logger.js';

/** What the Telegram front end needs; main wires it from the validated config. */
export interface TelegramBotDeps {
  token: string;
  /** Bot API root; a local fake in tests. */
  apiRoot: string;
  shop: Shop;
  state: SharedState;
  logger: Logger;
  /** Telegram user ids allowed admin commands. */
  adminIds: readonly string[];
  /** Where operator alerts go. */
  operatorChatId?: string;
  /** Webhook mode (several instances): public URL and secret; absent = long polling. */
  webhook?: { url: string; secret: string };
  /** Counts refused updates (rate-limit hits) for /metrics. */
  onRateLimited?: () => void;
}
