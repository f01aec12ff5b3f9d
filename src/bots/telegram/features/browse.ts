import { Composer, InlineKeyboard } from 'grammy';
import type { Listing } from '../../../core/catalog/types.js';
import type { Money } from '../../../core/money.js';
import { decode, encode, nameKey, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import type { Translate } from '../i18n.js';
import { escapeHtml, formatMoney } from '../render.js';
import { answer, pageCount, pager, show, type BuyerFeatureDeps } from './shared.js';

/** The game key for vouchers that belong to no game. */
const NO_GAME = '-';

/** "in stock", "3 left" or "out of stock", from what the resellers report. */
export function stockText(t: Translate, listing: Listing): string {
  const inStock = listing.offers.filter((o) => o.inStock);
  if (inStock.length === 0) return t('stock-out');
  const counts = inStock.map((o) => o.stock);
  if (counts.every((c): c is number => typeof c === 'number')) {
    const left = counts.reduce((a, b) => a + b, 0);
    if (left <= 20) return t('stock-left', { count: left });
  }
  return t('stock-in');
}

/** Listings as message lines (name, price, stock) and one buy button each. */
export async function listingList(
  deps: BuyerFeatureDeps,
  t: Translate,
  listings: readonly Listing[],
): Promise<{ lines: string[]; keyboard: InlineKeyboard; prices: Array<Money | undefined> }> {
  const prices = await Promise.all(listings.map((l) => deps.shop.priceListing(l)));
  const lines: string[] = [];
  const keyboard = new InlineKeyboard();
  listings.forEach((listing, i) => {
    const price = prices[i];
    const priceText = price ? formatMoney(price) : t('price-unavailable');
    lines.push(t('listing-line', { name: escapeHtml(listing.displayName), price: priceText, stock: stockText(t, listing) }));
    keyboard.text(`${listing.displayName} · ${priceText}`.slice(0, 60), encode('pb', listing.id)).row();
  });
  return { lines, keyboard, prices };
}

function gameByKey(deps: BuyerFeatureDeps, key: string): string | null | undefined {
  if (key === NO_GAME) return null;
  return deps.shop.catalog.games().find((g) => nameKey(g) === key);
}

function categoryByKey(deps: BuyerFeatureDeps, game: string | null, key: string): string | undefined {
  const categories = game === null ? deps.shop.catalog.gamelessCategories() : deps.shop.catalog.categories(game);
  return categories.find((c) => nameKey(game ?? NO_GAME, c) === key);
}

/** Games first, then gift-card brands that belong to no game, paged. */
export async function showGames(ctx: BotContext, deps: BuyerFeatureDeps, page: number): Promise<void> {
  const entries = [
    ...deps.shop.catalog.games().map((game) => ({ label: `🎮 ${game}`, data: encode('bc', nameKey(game)) })),
    ...deps.shop.catalog.gamelessCategories().map((category) => ({ label: `🎁 ${category}`, data: encode('bl', NO_GAME, nameKey(NO_GAME, category), 1) })),
  ];
  if (entries.length === 0) {
    await show(ctx, ctx.t('browse-empty'), new InlineKeyboard().text(ctx.t('nav-menu'), encode('m', 'home')));
    return;
  }
  const size = deps.pageSize * 2;
  const pages = pageCount(entries.length, size);
  const current = Math.min(page, pages);
  const keyboard = new InlineKeyboard();
  entries.slice((current - 1) * size, current * size).forEach((entry, i) => {
    keyboard.text(entry.label.slice(0, 60), entry.data);
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  pager(keyboard, current, pages, (p) => encode('bg', p));
  keyboard.row().text(ctx.t('nav-menu'), encode('m', 'home'));
  await show(ctx, ctx.t('browse-games'), keyboard);
}

async function showCategories(ctx: BotContext, deps: BuyerFeatureDeps, gameKey: string): Promise<void> {
  const game = gameByKey(deps, gameKey);
  if (game === undefined) return showGames(ctx, deps, 1);
  const categories = game === null ? deps.shop.catalog.gamelessCategories() : deps.shop.catalog.categories(game);
  // One category is no choice: straight to its products.
  if (categories.length === 1) return showListings(ctx, deps, gameKey, nameKey(game ?? NO_GAME, categories[0]!), 1);
  const keyboard = new InlineKeyboard();
  for (const category of categories) keyboard.text(category.slice(0, 60), encode('bl', gameKey, nameKey(game ?? NO_GAME, category), 1)).row();
  keyboard.text(ctx.t('nav-back'), encode('bg', 1));
  await show(ctx, ctx.t('browse-categories', { game: escapeHtml(game ?? '') }), keyboard);
}

async function showListings(ctx: BotContext, deps: BuyerFeatureDeps, gameKey: string, categoryKey: string, page: number): Promise<void> {
  const game = gameByKey(deps, gameKey);
  const category = game === undefined ? undefined : categoryByKey(deps, game, categoryKey);
  if (game === undefined || category === undefined) return showGames(ctx, deps, 1);
  const { total, items } = deps.shop.catalog.listings({ game, category }, page, deps.pageSize);
  const pages = pageCount(total, deps.pageSize);
  if (items.length === 0 && page > 1) return showListings(ctx, deps, gameKey, categoryKey, pages);
  const { lines, keyboard } = await listingList(deps, ctx.t, items);
  pager(keyboard, page, pages, (p) => encode('bl', gameKey, categoryKey, p));
  const single = game === null || deps.shop.catalog.categories(game).length === 1;
  keyboard.row().text(ctx.t('nav-back'), single ? encode('bg', 1) : encode('bc', gameKey));
  const title = escapeHtml(game ? `${game} · ${category}` : category);
  await show(ctx, [ctx.t('browse-listings', { title }), '', ...lines].join('\n'), keyboard);
}

/** Shop: games → categories → products, as inline keyboards, paged, with price and stock. */
export function createBrowseFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(triggerFor('bg'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    await answer(ctx);
    await showGames(ctx, deps, data?.kind === 'bg' ? data.args[0] : 1);
  });
  composer.callbackQuery(triggerFor('bc'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    await answer(ctx);
    if (data?.kind === 'bc') await showCategories(ctx, deps, data.args[0]);
    else await showGames(ctx, deps, 1);
  });
  composer.callbackQuery(triggerFor('bl'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    await answer(ctx);
    if (data?.kind === 'bl') await showListings(ctx, deps, data.args[0], data.args[1], data.args[2]);
    else await showGames(ctx, deps, 1);
  });
  return composer;
}
