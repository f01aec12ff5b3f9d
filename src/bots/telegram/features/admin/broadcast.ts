import { randomUUID } from 'node:crypto';
import { GrammyError, type Api } from 'grammy';
import { z } from 'zod';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { commandArgs, escapeHtml, html } from './format.js';

/** Below Telegram's ~30 messages/s for a bot, leaving room for buyers' traffic meanwhile. */
export const BROADCAST_PER_SECOND = 25;
const PROGRESS_EVERY_MS = 3_000;
const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 5;
const LOCK_KEY = 'tg:broadcast:running';
// Renewed at every progress update; a crashed instance frees it after this.
const LOCK_TTL_MS = 10 * 60_000;

export interface BroadcastCounts {
  sent: number;
  failed: number;
  blocked: number;
}

const textArgument = z
  .string()
  .trim()
  .min(1)
  .refine((text) => escapeHtml(text).length <= 4000);

type Translate = (key: string, params: Record<string, string>) => string;

/** The admin's language, for use after this update is done (the context's session is closed by then). */
async function detachedTranslator(ctx: BotContext): Promise<Translate> {
  const locale = await ctx.i18n.getLocale();
  return (key, params) => ctx.i18n.fluent.translate(locale, key, params);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a call, waiting out a 429's `retry_after` and trying again (a few times). */
async function honouringRetryAfter<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GrammyError) || error.error_code !== 429 || attempt >= MAX_ATTEMPTS) throw error;
      await sleep((error.parameters.retry_after ?? 1) * 1000);
    }
  }
}

/** One message to one buyer, and how it went. */
async function sendOne(api: Api, chatId: string, text: string): Promise<keyof BroadcastCounts> {
  try {
    await honouringRetryAfter(() => api.sendMessage(chatId, text, html));
    return 'sent';
  } catch (error) {
    // 403: blocked the bot, deactivated, or never opened a chat with it.
    return error instanceof GrammyError && error.error_code === 403 ? 'blocked' : 'failed';
  }
}

/**
 * `/broadcast <text>` — sends the text to every Telegram buyer in the background, paced, with
 * a progress message edited as it goes and a final count. One broadcast at a time across
 * instances (a lock in shared state).
 */
export function createBroadcaster(deps: TelegramBotDeps) {
  let running: Promise<void> | undefined;
  const log = deps.logger.child({ component: 'broadcast' });

  async function run(api: Api, job: { id: string; text: string; chatId: number; progressId: number; commandId: number; t: Translate }) {
    const counts: BroadcastCounts = { sent: 0, failed: 0, blocked: 0 };
    const interval = 1000 / BROADCAST_PER_SECOND;
    let nextAt = Date.now();
    let lastProgress = Date.now();
    let afterId: string | null = null;
    const progress = async (key: string) => {
      const params = { sent: String(counts.sent), failed: String(counts.failed), blocked: String(counts.blocked) };
      await honouringRetryAfter(() => api.editMessageText(job.chatId, job.progressId, job.t(key, params), html)).catch((error: unknown) =>
        log.warn({ err: error }, 'broadcast progress edit failed'),
      );
    };
    try {
      for (;;) {
        const buyers = await deps.shop.storage.users.page('telegram', afterId, PAGE_SIZE);
        if (buyers.length === 0) break;
        for (const buyer of buyers) {
          afterId = buyer.id;
          const wait = nextAt - Date.now();
          if (wait > 0) await sleep(wait);
          counts[await sendOne(api, buyer.platformUserId, job.text)]++;
          nextAt = Math.max(nextAt + interval, Date.now());
          if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = Date.now();
            await deps.state.kv.set(LOCK_KEY, job.id, LOCK_TTL_MS);
            await progress('admin-broadcast-progress');
          }
        }
      }
    } finally {
      log.info({ job: job.id, ...counts }, 'broadcast finished');
      await progress('admin-broadcast-done');
      const params = { sent: String(counts.sent), failed: String(counts.failed), blocked: String(counts.blocked) };
      // A new message, so the admin is notified when it ends (edits are silent).
      await honouringRetryAfter(() =>
        api.sendMessage(job.chatId, job.t('admin-broadcast-done', params), { ...html, reply_parameters: { message_id: job.commandId, allow_sending_without_reply: true } }),
      ).catch((error: unknown) => log.warn({ err: error }, 'broadcast report failed'));
      if ((await deps.state.kv.get(LOCK_KEY)) === job.id) await deps.state.kv.delete(LOCK_KEY);
    }
  }

  return {
    async command(ctx: BotContext): Promise<void> {
      const parsed = textArgument.safeParse(commandArgs(ctx));
      if (!parsed.success) {
        await ctx.reply(ctx.t('admin-usage-broadcast'), html);
        return;
      }
      const id = randomUUID();
      if (running || !(await deps.state.kv.setIfAbsent(LOCK_KEY, id, LOCK_TTL_MS))) {
        await ctx.reply(ctx.t('admin-broadcast-busy'), html);
        return;
      }
      const progressMessage = await ctx.reply(ctx.t('admin-broadcast-started'), html);
      log.info({ job: id, admin: ctx.from?.id, chars: parsed.data.length }, 'broadcast started');
      // Not awaited: the admin (and this chat's update queue) is not held up while it runs.
      running = run(ctx.api, {
        id,
        text: escapeHtml(parsed.data),
        chatId: progressMessage.chat.id,
        progressId: progressMessage.message_id,
        commandId: ctx.msg!.message_id,
        t: await detachedTranslator(ctx),
      })
        .catch((error: unknown) => log.error({ err: error, job: id }, 'broadcast crashed'))
        .finally(() => {
          running = undefined;
        });
    },
    /** Resolves when no broadcast of this instance is running (for shutdown and tests). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}
