import { ApiError, tooManyRequests } from './wire.js';

/** What `failNext` makes the next calls of a method answer. Default: one 429, retry after 1 s. */
export interface FailSpec {
  /** Seconds; sent as `parameters.retry_after` with error 429. Telegram sends whole seconds. */
  retryAfter?: number;
  /** How many consecutive calls fail. Default 1. */
  count?: number;
  /** Another error instead of 429, e.g. 403 / "Forbidden: bot was blocked by the user". */
  errorCode?: number;
  description?: string;
}

/** Telegram's documented broadcast limits; the defaults are what a throttler must keep under. */
export interface RateLimitOptions {
  /** Messages per second over all chats. Default 30. */
  globalPerSecond?: number;
  /** Messages per second into one chat. Default 1. */
  perChatPerSecond?: number;
  /** Messages per minute into one group or supergroup. Default 20. */
  groupPerMinute?: number;
  /** Timer jitter forgiven when comparing spacing, in ms. Default 50. */
  slackMs?: number;
}

/** Methods that post a message and so count against the limits. */
const sendingMethods = new Set(['sendmessage', 'sendphoto', 'senddocument', 'sendinvoice', 'copymessage', 'forwardmessage']);

export class Faults {
  private readonly planned = new Map<string, Array<Required<Pick<FailSpec, 'count'>> & FailSpec>>();

  failNext(method: string, spec: FailSpec = {}): void {
    const key = method.toLowerCase();
    const list = this.planned.get(key) ?? [];
    list.push({ ...spec, count: spec.count ?? 1 });
    this.planned.set(key, list);
  }

  /** The planned failure for this call, if any, consuming one. */
  take(method: string): ApiError | undefined {
    const list = this.planned.get(method.toLowerCase());
    const spec = list?.[0];
    if (!list || !spec) return undefined;
    spec.count -= 1;
    if (spec.count <= 0) list.shift();
    if (spec.errorCode !== undefined && spec.errorCode !== 429) {
      return new ApiError(spec.errorCode, spec.description ?? `Error ${spec.errorCode}`);
    }
    const retryAfter = spec.retryAfter ?? 1;
    return spec.description ? new ApiError(429, spec.description, { retry_after: retryAfter }) : tooManyRequests(retryAfter);
  }
}

/** Sliding-window checks of the broadcast limits; only successful sends are counted. */
export class RateLimiter {
  private options: Required<RateLimitOptions> | undefined;
  private readonly global: number[] = [];
  private readonly perChat = new Map<string, number[]>();

  configure(options: RateLimitOptions | false): void {
    this.options = options === false ? undefined : {
      globalPerSecond: options.globalPerSecond ?? 30,
      perChatPerSecond: options.perChatPerSecond ?? 1,
      groupPerMinute: options.groupPerMinute ?? 20,
      slackMs: options.slackMs ?? 50,
    };
    this.global.length = 0;
    this.perChat.clear();
  }

  /** A 429 when sending now into `chatKey` would break a limit. */
  check(method: string, chatKey: string | undefined, isGroup: boolean, now = Date.now()): ApiError | undefined {
    const o = this.options;
    if (!o || !sendingMethods.has(method.toLowerCase())) return undefined;
    const overGlobal = exceeded(this.global, o.globalPerSecond, 1_000 - o.slackMs, now);
    if (overGlobal !== undefined) return tooManyRequests(overGlobal);
    if (chatKey === undefined) return undefined;
    const chat = this.perChat.get(chatKey) ?? [];
    const overChat = exceeded(chat, o.perChatPerSecond, 1_000 - o.slackMs, now)
      ?? (isGroup ? exceeded(chat, o.groupPerMinute, 60_000 - o.slackMs, now) : undefined);
    return overChat === undefined ? undefined : tooManyRequests(overChat);
  }

  record(method: string, chatKey: string | undefined, now = Date.now()): void {
    if (!this.options || !sendingMethods.has(method.toLowerCase())) return;
    this.global.push(now);
    if (chatKey === undefined) return;
    const chat = this.perChat.get(chatKey) ?? [];
    chat.push(now);
    this.perChat.set(chatKey, chat.filter((t) => now - t < 60_000));
    while (this.global.length > 0 && now - this.global[0]! >= 1_000) this.global.shift();
  }
}

/** Seconds to wait when `limit` sends already happened within `windowMs`, else undefined. */
function exceeded(times: number[], limit: number, windowMs: number, now: number): number | undefined {
  const inWindow = times.filter((t) => now - t < windowMs);
  if (inWindow.length < limit) return undefined;
  const oldest = inWindow[inWindow.length - limit]!;
  return Math.max(1, Math.ceil((oldest + windowMs - now) / 1_000));
}
