import { z } from 'zod';
import { Dec } from '../../../../core/money.js';
import type { Coupon } from '../../../../core/ports/storage.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { commandArgs, escapeHtml, formatTime, html, splitArgs } from './format.js';

const DAY_MS = 86_400_000;

/** Codes are stored upper-case; buyers may type them in any case. */
const code = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,32}$/)
  .transform((value) => value.toUpperCase());

/** An exact decimal, 0 < p ≤ 100 with at most two decimals (the column's scale); kept as the string. */
const percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/)
  .pipe(z.string().refine((value) => new Dec(value).greaterThan(0) && new Dec(value).lessThanOrEqualTo(100), 'out of range'));

/** `YYYY-MM-DD`, a real day: the coupon works to the end of it (UTC). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .pipe(z.string().refine((value) => {
    const date = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'no such day'));

const addOptions = z
  .object({
    max: z.string().regex(/^\d{1,7}$/).transform(Number).pipe(z.number().int().min(1).max(1_000_000)).optional(),
    listing: z.string().regex(/^[\w-]{4,64}$/).optional(),
    until: day.optional(),
  })
  .strict();

/** `max=5 listing=abc until=2025-12-31` as an object; undefined for anything else or a repeat. */
function options(tokens: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const token of tokens) {
    const match = /^([a-z]+)=(\S+)$/.exec(token);
    if (!match || Object.hasOwn(out, match[1]!)) return undefined;
    out[match[1]!] = match[2]!;
  }
  return out;
}

type CouponCommand =
  | { action: 'add'; code: string; percent: string; max?: number; listing?: string; until?: string }
  | { action: 'off' | 'on' | 'show'; code: string };

function parse(raw: string): CouponCommand | undefined {
  const [verb, ...rest] = splitArgs(raw);
  if (verb === 'off' || verb === 'on' || verb === 'show') {
    const parsed = z.tuple([code]).safeParse(rest);
    return parsed.success ? { action: verb, code: parsed.data[0] } : undefined;
  }
  if (verb !== 'add') return undefined;
  const [codeToken = '', percentToken = '', ...optionTokens] = rest;
  const head = z.tuple([code, percent]).safeParse([codeToken, percentToken]);
  const tail = addOptions.safeParse(options(optionTokens));
  if (!head.success || !tail.success) return undefined;
  return { action: 'add', code: head.data[0], percent: head.data[1], ...tail.data };
}

function status(coupon: Coupon, now: Date): 'admin-coupon-status-off' | 'admin-coupon-status-expired' | 'admin-coupon-status-used-up' | 'admin-coupon-status-active' {
  if (!coupon.active) return 'admin-coupon-status-off';
  if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) return 'admin-coupon-status-expired';
  if (coupon.maxUses !== null && coupon.used >= coupon.maxUses) return 'admin-coupon-status-used-up';
  return 'admin-coupon-status-active';
}

/** A midnight expiry (what `until=` sets) as the last day it works; any other as a time. */
function expiry(ctx: BotContext, at: Date): string {
  if (at.getTime() % DAY_MS !== 0) return formatTime(at);
  return ctx.t('admin-coupon-until-end-of-day', { date: new Date(at.getTime() - DAY_MS).toISOString().slice(0, 10) });
}

/** The coupon as the admin needs it: discount, what it applies to, uses left, expiry, state. */
function details(ctx: BotContext, deps: TelegramBotDeps, coupon: Coupon): string {
  const listing = coupon.listingId ? deps.shop.catalog.listing(coupon.listingId) : undefined;
  const applies = coupon.listingId
    ? `listing <code>${escapeHtml(coupon.listingId)}</code>${listing ? ` (${escapeHtml(listing.displayName)})` : ''}`
    : ctx.t('admin-coupon-all-listings');
  const unlimited = ctx.t('admin-coupon-unlimited');
  return ctx.t('admin-coupon-details', {
    code: escapeHtml(coupon.code),
    status: ctx.t(status(coupon, new Date())),
    percent: new Dec(coupon.percentOff).toString(),
    applies,
    used: String(coupon.used),
    max: coupon.maxUses === null ? unlimited : String(coupon.maxUses),
    left: coupon.maxUses === null ? unlimited : String(Math.max(0, coupon.maxUses - coupon.used)),
    expiry: coupon.expiresAt ? expiry(ctx, coupon.expiresAt) : ctx.t('admin-coupon-no-expiry'),
  });
}

/**
 * `/coupon add <CODE> <percent> [max=<uses>] [listing=<listingId>] [until=<YYYY-MM-DD>]`,
 * `/coupon off <CODE>`, `/coupon on <CODE>`, `/coupon show <CODE>`. Adding an existing code
 * replaces its terms and keeps its use count.
 */
export async function couponCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const command = parse(commandArgs(ctx));
  if (!command) {
    await ctx.reply(ctx.t('admin-usage-coupon'), html);
    return;
  }
  const coupons = deps.shop.storage.coupons;
  const existing = await coupons.find(command.code);
  if (command.action === 'add') {
    if (command.listing && !deps.shop.catalog.listing(command.listing)) {
      await ctx.reply(ctx.t('admin-coupon-listing-not-found', { id: escapeHtml(command.listing) }), html);
      return;
    }
    // Through the end of the day named, in UTC.
    const expiresAt = command.until ? new Date(new Date(`${command.until}T00:00:00.000Z`).getTime() + DAY_MS) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      await ctx.reply(ctx.t('admin-coupon-past', { date: command.until! }), html);
      return;
    }
    await coupons.upsert({ code: command.code, percentOff: command.percent, maxUses: command.max ?? null, listingId: command.listing ?? null, expiresAt, active: true });
    const saved = await coupons.find(command.code);
    deps.logger.info({ admin: ctx.from?.id, coupon: command.code, percent: command.percent, maxUses: command.max, listing: command.listing, expiresAt }, 'admin saved a coupon');
    const title = ctx.t(existing ? 'admin-coupon-updated' : 'admin-coupon-added', { code: escapeHtml(command.code) });
    await ctx.reply(`${title}\n${details(ctx, deps, saved!)}`, html);
    return;
  }
  if (!existing) {
    await ctx.reply(ctx.t('admin-coupon-not-found', { code: escapeHtml(command.code) }), html);
    return;
  }
  if (command.action === 'show') {
    await ctx.reply(details(ctx, deps, existing), html);
    return;
  }
  const { used: _used, ...terms } = existing;
  await coupons.upsert({ ...terms, active: command.action === 'on' });
  deps.logger.info({ admin: ctx.from?.id, coupon: existing.code, active: command.action === 'on' }, 'admin switched a coupon');
  await ctx.reply(ctx.t(command.action === 'on' ? 'admin-coupon-on' : 'admin-coupon-off', { code: escapeHtml(existing.code) }), html);
}
