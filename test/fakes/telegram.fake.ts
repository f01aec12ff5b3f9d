import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';
import { FakeBot, type FakeBotOptions } from './telegram/bot.js';
import { ApiError, decodeBody } from './telegram/wire.js';

export { FakeBot, WaitTimeoutError, supportedMethods, type FakeBotOptions } from './telegram/bot.js';
export type { FailSpec, RateLimitOptions } from './telegram/limits.js';
export type {
  CallbackQueryRecord, FakeInvoice, FakeMessage, FakePayment, FakeRefund, InlineMessageRecord, InlineQueryRecord,
  PreCheckoutRecord, RecordedCall,
} from './telegram/state.js';
export type { WebhookConfig, WebhookDelivery } from './telegram/updates.js';
export { ChatActor, FakeUser, type MessageRef, type PaymentOutcome, type PayOptions, type UserProfile } from './telegram/user.js';

export interface FakeTelegramOptions extends FakeBotOptions {
  /** Token of the default bot. Its numeric prefix is the bot's user id. */
  token?: string;
  /** Overrides of the default bot's `getMe`. */
  me?: Partial<UserFromGetMe>;
}

const defaultToken = '7000000001:AAFakeTelegramTokenForTests';

/** `getMe` of a bot whose token is `<id>:<secret>`. */
function identity(token: string, overrides: Partial<UserFromGetMe> = {}): UserFromGetMe {
  const id = Number(token.split(':')[0]) || 7_000_000_001;
  return {
    id, is_bot: true, first_name: 'Fake Shop Bot', username: `fake_shop_${id}_bot`, can_join_groups: true,
    can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false,
    has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false,
    ...overrides,
  } as UserFromGetMe;
}

/**
 * A local Telegram Bot API server for end-to-end tests: a real grammY `Bot` created with
 * `{ client: { apiRoot: fake.apiRoot } }` talks to it over HTTP. The instance is also the
 * controls of its default bot (`fake.user(…)`, `fake.calls(…)`, …); `addBot` adds others.
 */
export class FakeTelegram extends FakeBot {
  private readonly bots = new Map<string, FakeBot>();
  private server: Server | undefined;
  private root = '';

  constructor(private readonly options: FakeTelegramOptions = {}) {
    const token = options.token ?? defaultToken;
    super(token, identity(token, options.me), options);
    this.bots.set(token, this);
  }

  /** `http://127.0.0.1:<port>`: pass as grammY's `client.apiRoot`. */
  get apiRoot(): string {
    if (!this.root) throw new Error('FakeTelegram: call start() first');
    return this.root;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Ends held long polls and webhook deliveries, then closes every connection. */
  async close(): Promise<void> {
    for (const bot of this.bots.values()) bot.state.updates.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  /** Another bot served by this fake, with its own chats, queue and recorder. */
  addBot(token: string, me: Partial<UserFromGetMe> = {}): FakeBot {
    const bot = new FakeBot(token, identity(token, me), this.options);
    this.bots.set(token, bot);
    return bot;
  }

  /** The bot with this token; the default bot without one. */
  bot(token?: string): FakeBot {
    const bot = token === undefined ? this : this.bots.get(token);
    if (!bot) throw new Error(`FakeTelegram: no bot with token ${token}`);
    return bot;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!route) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const bot = this.bots.get(decodeURIComponent(route[1]!));
    if (!bot) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let decoded;
    try {
      decoded = decodeBody(req.headers['content-type'], Buffer.concat(chunks), url.searchParams);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(400, 'Bad Request: invalid request body');
      return send(res, apiError.errorCode, apiError.toEnvelope());
    }
    // A client that hangs up (grammY's bot.stop() aborts its long poll) releases what it held.
    const onAbort = (cancel: () => void) => res.on('close', () => {
      if (!res.writableEnded) cancel();
    });
    const answer = await bot.call(route[2]!, decoded.params, decoded.files, onAbort);
    send(res, answer.status, answer.body);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
