import { z } from 'zod';
import { normalizeSearchText } from '../../../../core/catalog/search-normalize.js';
import type { Listing } from '../../../../core/catalog/types.js';
import type { CatalogRule } from '../../../../core/ports/storage.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { clip, commandArgs, escapeHtml, formatMoney, html, splitArgs } from './format.js';

type Scope = CatalogRule['scope'];
type RulePatch = Partial<Pick<CatalogRule, 'enabled' | 'displayName' | 'featured'>>;

/** Rules are shown broadest first, as the catalog applies them. */
const scopeOrder: readonly Scope[] = ['reseller', 'game', 'category', 'listing', 'offer'];
/** Telegram's limit is 4096 characters; leave room for the entities. */
const MAX_MESSAGE = 3_800;
const MAX_RULES_SHOWN = 40;
const FIND_LISTINGS = 6;
const FIND_OFFERS = 4;

const name = z.string().trim().min(1).max(200);
const resellerId = z.string().regex(/^[\w.-]{1,64}$/);
const listingId = z.string().regex(/^[\w-]{4,64}$/);
/** `resellerId:sku`, as `/catalog find` shows it. */
const offerId = z.string().regex(/^[\w.-]{1,64}:\S{1,200}$/);

/** What the admin named: the tokens after `disable`, `enable` or `reset`. */
const targetArguments = z.union([
  z.tuple([z.literal('reseller'), resellerId]).transform(([scope, id]) => ({ scope, id })),
  z.tuple([z.literal('game'), name]).transform(([scope, game]) => ({ scope, game })),
  z.tuple([z.literal('category'), name, name]).transform(([scope, game, category]) => ({ scope, game: game as string | null, category })),
  // A gift-card brand that belongs to no game: `category "Steam Wallet"`.
  z.tuple([z.literal('category'), name]).transform(([scope, category]) => ({ scope, game: null as string | null, category })),
  z.tuple([z.literal('listing'), listingId]).transform(([scope, id]) => ({ scope, id })),
  z.tuple([z.literal('offer'), offerId]).transform(([scope, id]) => ({ scope, id })),
]);

/** What `feature` and `unfeature` take: a listing id, or `game "<Game>"`. */
const featureArguments = z.union([
  z.tuple([listingId]).transform(([id]) => ({ scope: 'listing' as const, id })),
  z.tuple([z.literal('game'), name]).transform(([scope, game]) => ({ scope, game })),
]);

const renameArguments = z.object({
  id: listingId,
  // One line, as buttons and lists show it.
  name: z
    .string()
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .transform((value) => /^["“](.*)["”]$/.exec(value)?.[1]?.trim() ?? value)
    .pipe(z.string().min(1).max(100)),
});

const findArguments = z.string().trim().min(1).max(80);

type Target = z.infer<typeof targetArguments> | z.infer<typeof featureArguments>;

type CatalogCommand =
  | { action: 'show' }
  | { action: 'find'; query: string }
  | { action: 'disable' | 'enable' | 'reset' | 'feature' | 'unfeature'; target: Target }
  | { action: 'rename'; target: Target; name: string };

function parse(raw: string): CatalogCommand | undefined {
  const [verb, ...rest] = splitArgs(raw);
  switch (verb) {
    case undefined:
      return { action: 'show' };
    case 'find': {
      const query = findArguments.safeParse(/^find\s+([\s\S]+)$/.exec(raw)?.[1] ?? '');
      return query.success ? { action: 'find', query: query.data } : undefined;
    }
    case 'disable':
    case 'enable':
    case 'reset': {
      const target = targetArguments.safeParse(rest);
      return target.success ? { action: verb, target: target.data } : undefined;
    }
    case 'feature':
    case 'unfeature': {
      const target = featureArguments.safeParse(rest);
      return target.success ? { action: verb, target: target.data } : undefined;
    }
    case 'rename': {
      // The name is the raw rest of the line, so spacing and quotes inside it survive.
      const match = /^rename\s+(\S+)\s+([\s\S]+)$/.exec(raw);
      const parsed = renameArguments.safeParse({ id: match?.[1] ?? '', name: match?.[2] ?? '' });
      return parsed.success ? { action: 'rename', target: { scope: 'listing', id: parsed.data.id }, name: parsed.data.name } : undefined;
    }
    default:
      return undefined;
  }
}

/** A rule target as the catalog matches it, with how to show it to the admin. */
interface Resolved {
  scope: Scope;
  target: string;
  /** HTML: `game PUBG Mobile`, `listing <code>abc</code> (PUBG Mobile 60 UC)`. */
  what: string;
  listing?: Listing;
}

const sameName = (key: string) => (candidate: string) => normalizeSearchText(candidate) === key;

/** Every listing for sale now (the catalog has no plain list; games, then gift cards). */
function allListings(deps: TelegramBotDeps): Listing[] {
  const catalog = deps.shop.catalog;
  return [...catalog.games(), null].flatMap((game) => catalog.listings({ game }, 1, Number.MAX_SAFE_INTEGER).items);
}

/**
 * Turns what the admin typed into the rule's target, keyed exactly as the catalog's rebuild
 * matches it. Undefined when nothing in the catalog (or in the rules, for something already
 * hidden by one) answers to it.
 */
function resolve(deps: TelegramBotDeps, target: Target, rules: readonly CatalogRule[]): Resolved | undefined {
  const catalog = deps.shop.catalog;
  const ruled = (scope: Scope, key: string) => rules.some((r) => r.scope === scope && r.target === key);
  switch (target.scope) {
    case 'reseller':
      if (!deps.shop.resellers.has(target.id) && !ruled('reseller', target.id)) return undefined;
      return { scope: 'reseller', target: target.id, what: `reseller ${escapeHtml(target.id)}` };
    case 'game': {
      const key = normalizeSearchText(target.game);
      const known = catalog.games().find(sameName(key));
      if (!key || (!known && !ruled('game', key))) return undefined;
      return { scope: 'game', target: key, what: `game ${escapeHtml(known ?? target.game)}` };
    }
    case 'category': {
      const gameKey = target.game === null ? '' : normalizeSearchText(target.game);
      const categoryKey = normalizeSearchText(target.category);
      if ((target.game !== null && !gameKey) || !categoryKey) return undefined;
      const game = target.game === null ? null : catalog.games().find(sameName(gameKey));
      const categories = game === null ? catalog.gamelessCategories() : game ? catalog.categories(game) : [];
      const category = categories.find(sameName(categoryKey));
      const key = `${gameKey}/${categoryKey}`;
      if (!category && !ruled('category', key)) return undefined;
      const shown = escapeHtml(category ?? target.category);
      return { scope: 'category', target: key, what: target.game === null ? `category ${shown}` : `category ${escapeHtml(game ?? target.game)} / ${shown}` };
    }
    case 'listing': {
      const listing = catalog.listing(target.id);
      if (!listing && !ruled('listing', target.id)) return undefined;
      const what = `listing <code>${escapeHtml(target.id)}</code>`;
      return listing ? { scope: 'listing', target: target.id, what: `${what} (${escapeHtml(listing.displayName)})`, listing } : { scope: 'listing', target: target.id, what };
    }
    case 'offer': {
      const known = allListings(deps).some((l) => l.offers.some((o) => o.offerId === target.id));
      if (!known && !ruled('offer', target.id)) return undefined;
      return { scope: 'offer', target: target.id, what: `offer <code>${escapeHtml(target.id)}</code>` };
    }
  }
}

/** Describes what the admin typed, for "not found" (nothing was resolved). */
function describeTarget(target: Target): string {
  switch (target.scope) {
    case 'game':
      return `game ${escapeHtml(target.game)}`;
    case 'category':
      return `category ${target.game === null ? '' : `${escapeHtml(target.game)} / `}${escapeHtml(target.category)}`;
    default:
      return `${target.scope} <code>${escapeHtml(target.id)}</code>`;
  }
}

/**
 * Merges the change into the stored rule (one row per scope and target) and applies it to the
 * catalog at once. A rule left with nothing to say is removed.
 */
async function applyRule(deps: TelegramBotDeps, rules: readonly CatalogRule[], resolved: Resolved, patch: RulePatch): Promise<void> {
  const current = rules.find((r) => r.scope === resolved.scope && r.target === resolved.target);
  const next: CatalogRule = {
    scope: resolved.scope,
    target: resolved.target,
    enabled: current?.enabled ?? null,
    displayName: current?.displayName ?? null,
    featured: current?.featured ?? null,
    ...patch,
  };
  const store = deps.shop.storage.catalogRules;
  if (next.enabled === null && next.displayName === null && next.featured === null) {
    if (current) await store.remove(next.scope, next.target);
  } else {
    await store.upsert(next);
  }
  await deps.shop.catalog.reloadRules();
}

/** A stored rule's target as the admin knows it: the catalog's own names where it still has them. */
function ruleLabel(deps: TelegramBotDeps, rule: CatalogRule): string {
  const catalog = deps.shop.catalog;
  switch (rule.scope) {
    case 'game':
      return `game ${escapeHtml(catalog.games().find(sameName(rule.target)) ?? rule.target)}`;
    case 'category': {
      const [gameKey = '', categoryKey = ''] = rule.target.split('/');
      const game = gameKey === '' ? null : catalog.games().find(sameName(gameKey));
      const categories = game === null ? catalog.gamelessCategories() : game ? catalog.categories(game) : [];
      const category = escapeHtml(categories.find(sameName(categoryKey)) ?? categoryKey);
      return gameKey === '' ? `category ${category}` : `category ${escapeHtml(game ?? gameKey)} / ${category}`;
    }
    case 'listing': {
      const listing = catalog.listing(rule.target);
      return `listing <code>${escapeHtml(rule.target)}</code>${listing ? ` (${escapeHtml(listing.name)})` : ''}`;
    }
    case 'offer':
      return `offer <code>${escapeHtml(rule.target)}</code>`;
    default:
      return `reseller ${escapeHtml(rule.target)}`;
  }
}

function ruleState(ctx: BotContext, rule: CatalogRule): string {
  const parts: string[] = [];
  if (rule.enabled === false) parts.push(ctx.t('admin-catalog-state-disabled'));
  if (rule.enabled === true) parts.push(ctx.t('admin-catalog-state-enabled'));
  if (rule.displayName !== null) parts.push(ctx.t('admin-catalog-state-renamed', { name: escapeHtml(rule.displayName) }));
  if (rule.featured === true) parts.push(ctx.t('admin-catalog-state-featured'));
  if (rule.featured === false) parts.push(ctx.t('admin-catalog-state-not-featured'));
  return parts.length > 0 ? parts.join(', ') : ctx.t('admin-catalog-state-none');
}

/** Whole lines up to the message limit: a cut never splits an HTML tag. */
function fit(lines: readonly string[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > MAX_MESSAGE) break;
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

async function showRules(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const rules = (await deps.shop.storage.catalogRules.list()).sort(
    (a, b) => scopeOrder.indexOf(a.scope) - scopeOrder.indexOf(b.scope) || a.target.localeCompare(b.target),
  );
  const lines = [ctx.t('admin-catalog-title', { listings: String(deps.shop.catalog.size) })];
  if (rules.length === 0) lines.push(ctx.t('admin-catalog-none'));
  for (const rule of rules.slice(0, MAX_RULES_SHOWN)) {
    lines.push(ctx.t('admin-catalog-rule', { what: ruleLabel(deps, rule), state: ruleState(ctx, rule) }));
  }
  if (rules.length > MAX_RULES_SHOWN) lines.push(ctx.t('admin-catalog-more', { count: String(rules.length - MAX_RULES_SHOWN) }));
  await ctx.reply(fit([...lines, '', ctx.t('admin-usage-catalog')]), html);
}

/** The top listings for a query with their ids and offers: what the other forms need. */
async function find(ctx: BotContext, deps: TelegramBotDeps, query: string): Promise<void> {
  const shown = escapeHtml(query);
  const result = deps.shop.catalog.search(query, 1, FIND_LISTINGS);
  if (result.total === 0) {
    await ctx.reply(ctx.t('admin-catalog-find-none', { query: shown }), html);
    return;
  }
  const lines = [ctx.t('admin-catalog-find-title', { query: shown, total: String(result.total) })];
  for (const { listing } of result.hits) {
    const price = await deps.shop.priceListing(listing);
    lines.push(
      '',
      ctx.t('admin-catalog-find-listing', {
        marker: listing.featured ? '⭐' : '•',
        id: escapeHtml(listing.id),
        name: escapeHtml(clip(listing.displayName, 80)),
        where: escapeHtml(clip(`${listing.game ?? '—'} / ${listing.category}`, 80)),
        price: price ? formatMoney(price) : ctx.t('admin-catalog-find-no-price'),
      }),
    );
    if (listing.displayName !== listing.name) lines.push(`   ${ctx.t('admin-catalog-find-original', { name: escapeHtml(clip(listing.name, 80)) })}`);
    for (const offer of listing.offers.slice(0, FIND_OFFERS)) {
      lines.push(
        `   ${ctx.t('admin-catalog-find-offer', {
          reseller: escapeHtml(offer.resellerId),
          sku: escapeHtml(clip(offer.sku, 60)),
          cost: formatMoney(offer.cost),
          stock: ctx.t(offer.inStock ? 'admin-catalog-find-in-stock' : 'admin-catalog-find-out-of-stock'),
        })}`,
      );
    }
    if (listing.offers.length > FIND_OFFERS) lines.push(`   ${ctx.t('admin-catalog-find-offers-more', { count: String(listing.offers.length - FIND_OFFERS) })}`);
  }
  await ctx.reply(fit(lines), html);
}

/** Whether the listing's game is featured by a rule: then only `featured = false` unfeatures it. */
function gameFeatured(rules: readonly CatalogRule[], listing: Listing | undefined): boolean {
  if (!listing?.game) return false;
  const key = normalizeSearchText(listing.game);
  return rules.some((r) => r.scope === 'game' && r.target === key && r.featured === true);
}

/**
 * `/catalog …` — the shop owner's catalog rules: show them, find listing ids, disable or enable
 * a reseller, game, category, listing or offer, rename or feature a listing, feature a game,
 * or remove a rule. Every change is stored and applied to the catalog at once (and again on
 * every refresh).
 */
export async function catalogCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const raw = commandArgs(ctx);
  const command = parse(raw);
  if (!command) {
    await ctx.reply(ctx.t('admin-usage-catalog'), html);
    return;
  }
  if (command.action === 'show') {
    await showRules(ctx, deps);
    return;
  }
  if (command.action === 'find') {
    await find(ctx, deps, command.query);
    return;
  }
  const rules = await deps.shop.storage.catalogRules.list();
  const resolved = resolve(deps, command.target, rules);
  if (!resolved) {
    await ctx.reply(ctx.t('admin-catalog-not-found', { what: describeTarget(command.target) }), html);
    return;
  }
  const what = resolved.what;
  const log = { admin: ctx.from?.id, action: command.action, scope: resolved.scope, target: resolved.target };
  switch (command.action) {
    case 'disable':
    case 'enable':
      await applyRule(deps, rules, resolved, { enabled: command.action === 'disable' ? false : null });
      deps.logger.info(log, 'admin changed a catalog rule');
      await ctx.reply(ctx.t(command.action === 'disable' ? 'admin-catalog-disabled' : 'admin-catalog-enabled', { what, listings: String(deps.shop.catalog.size) }), html);
      return;
    case 'rename':
      await applyRule(deps, rules, resolved, { displayName: command.name });
      deps.logger.info({ ...log, name: command.name }, 'admin changed a catalog rule');
      // Named by the resellers' name: the display name it had is what just changed.
      const original = resolved.listing ? ` (${escapeHtml(resolved.listing.name)})` : '';
      await ctx.reply(ctx.t('admin-catalog-renamed', { what: `listing <code>${escapeHtml(resolved.target)}</code>${original}`, name: escapeHtml(command.name) }), html);
      return;
    case 'feature':
    case 'unfeature': {
      // Unfeaturing a listing of a featured game needs an explicit "no"; otherwise the rule just lets go.
      const featured = command.action === 'feature' ? true : resolved.scope === 'listing' && gameFeatured(rules, resolved.listing) ? false : null;
      await applyRule(deps, rules, resolved, { featured });
      deps.logger.info(log, 'admin changed a catalog rule');
      await ctx.reply(ctx.t(command.action === 'feature' ? 'admin-catalog-featured' : 'admin-catalog-unfeatured', { what }), html);
      return;
    }
    case 'reset': {
      const existed = rules.some((r) => r.scope === resolved.scope && r.target === resolved.target);
      if (!existed) {
        await ctx.reply(ctx.t('admin-catalog-reset-missing', { what }), html);
        return;
      }
      await deps.shop.storage.catalogRules.remove(resolved.scope, resolved.target);
      await deps.shop.catalog.reloadRules();
      deps.logger.info(log, 'admin removed a catalog rule');
      await ctx.reply(ctx.t('admin-catalog-reset', { what, listings: String(deps.shop.catalog.size) }), html);
      return;
    }
  }
}
