import { z } from 'zod';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { commandArgs, escapeHtml, html } from './format.js';
import { userArgument } from './user-argument.js';

/** As the purchase flow keeps it: trimmed, no spaces (player fields refuse them). */
const playerArgument = z.string().regex(/^\S{1,64}$/);
const reasonArgument = z
  .string()
  .transform((value) => value.replace(/\s+/g, ' ').trim())
  .pipe(z.string().max(300));

const blacklistArguments = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('player'), value: playerArgument, reason: reasonArgument }),
  z.object({ kind: z.literal('user'), value: userArgument, reason: reasonArgument }),
]);

function parse(raw: string, withReason: boolean) {
  const match = /^(\S+)\s+(\S+)(?:\s+([\s\S]*))?$/.exec(raw);
  if (!match || (!withReason && match[3])) return undefined;
  const parsed = blacklistArguments.safeParse({ kind: match[1], value: match[2], reason: match[3] ?? '' });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The blacklist values for a Telegram buyer, as the purchase screen checks them: always
 * `telegram:<id>` (so it holds before they ever start the bot), and their buyer id once known.
 * Undefined for an @username nobody has.
 */
async function userValues(deps: TelegramBotDeps, handle: string): Promise<string[] | undefined> {
  const buyer = await deps.shop.storage.users.findByHandle('telegram', handle);
  if (buyer) return [`telegram:${buyer.platformUserId}`, buyer.id];
  return handle.startsWith('@') ? undefined : [`telegram:${handle}`];
}

/**
 * `/blacklist player <playerId> [reason…]`, `/blacklist user <@username or id> [reason…]`:
 * orders for that player id, or by that buyer, are refused from the next quote on.
 */
export async function blacklistCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const parsed = parse(commandArgs(ctx), true);
  if (!parsed) {
    await ctx.reply(ctx.t('admin-usage-blacklist'), html);
    return;
  }
  const reason = parsed.reason || null;
  const shown = escapeHtml(parsed.value);
  if (parsed.kind === 'player') {
    await deps.shop.storage.blacklist.add('player_id', parsed.value, reason);
    deps.logger.info({ admin: ctx.from?.id, player: parsed.value, reason }, 'admin blacklisted a player id');
    await ctx.reply(ctx.t('admin-blacklist-player-done', { player: shown }), html);
    return;
  }
  const values = await userValues(deps, parsed.value);
  if (!values) {
    await ctx.reply(ctx.t('admin-user-not-found', { user: shown }), html);
    return;
  }
  for (const value of values) await deps.shop.storage.blacklist.add('user', value, reason);
  deps.logger.info({ admin: ctx.from?.id, values, reason }, 'admin blacklisted a buyer');
  await ctx.reply(ctx.t('admin-blacklist-user-done', { user: shown }), html);
}

/** `/unblacklist player <playerId>`, `/unblacklist user <@username or id>`. */
export async function unblacklistCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const parsed = parse(commandArgs(ctx), false);
  if (!parsed) {
    await ctx.reply(ctx.t('admin-usage-unblacklist'), html);
    return;
  }
  const shown = escapeHtml(parsed.value);
  const blacklist = deps.shop.storage.blacklist;
  const kind = parsed.kind === 'player' ? 'player_id' : 'user';
  const values = parsed.kind === 'player' ? [parsed.value] : await userValues(deps, parsed.value);
  if (!values) {
    await ctx.reply(ctx.t('admin-user-not-found', { user: shown }), html);
    return;
  }
  const listed = (await Promise.all(values.map((value) => blacklist.has(kind, value)))).some(Boolean);
  for (const value of values) await blacklist.remove(kind, value);
  deps.logger.info({ admin: ctx.from?.id, kind, values, listed }, 'admin removed a blacklist entry');
  if (parsed.kind === 'player') {
    await ctx.reply(ctx.t(listed ? 'admin-unblacklist-player-done' : 'admin-unblacklist-player-missing', { player: shown }), html);
  } else {
    await ctx.reply(ctx.t(listed ? 'admin-unblacklist-user-done' : 'admin-unblacklist-user-missing', { user: shown }), html);
  }
}
