import { Composer, InlineKeyboard } from 'grammy';
import { decode, encode, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml } from '../render.js';
import { listingList } from './browse.js';
import { answer, pageCount, pager, show, type BuyerFeatureDeps } from './shared.js';

const MAX_QUERY = 80;

export async function searchPrompt(ctx: BotContext): Promise<void> {
  await show(ctx, ctx.t('search-prompt'), new InlineKeyboard().text(ctx.t('menu-shop'), encode('m', 'shop')).text(ctx.t('nav-menu'), encode('m', 'home')));
}

/** One page of results for a query; the query is kept in the session for paging. */
export async function showSearch(ctx: BotContext, deps: BuyerFeatureDeps, rawQuery: string, page: number): Promise<void> {
  const query = rawQuery.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY);
  if (!query) return searchPrompt(ctx);
  ctx.session.lastQuery = query;
  const result = deps.shop.catalog.search(query, page, deps.pageSize);
  const shown = escapeHtml(query);
  if (result.total === 0) {
    await show(ctx, ctx.t('search-none', { query: shown }), new InlineKeyboard().text(ctx.t('menu-shop'), encode('m', 'shop')).text(ctx.t('nav-menu'), encode('m', 'home')));
    return;
  }
  const { lines, keyboard } = await listingList(deps, ctx.t, result.hits.map((h) => h.listing));
  pager(keyboard, page, pageCount(result.total, deps.pageSize), (p) => encode('sr', p));
  keyboard.row().text(ctx.t('nav-menu'), encode('m', 'home'));
  await show(ctx, [ctx.t('search-results', { query: shown, total: result.total }), '', ...lines].join('\n'), keyboard);
}

/** `/search pubg 60` and the results' pages. Plain text is searched by {@link createTextSearchFeature}, last. */
export function createSearchFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').command(['search', 'find'], (ctx) => (ctx.match.trim() ? showSearch(ctx, deps, ctx.match, 1) : searchPrompt(ctx)));
  composer.callbackQuery(triggerFor('sr'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    const query = ctx.session.lastQuery;
    if (data?.kind !== 'sr' || !query) return answer(ctx, ctx.t('button-expired'));
    await answer(ctx);
    await showSearch(ctx, deps, query, data.args[0]);
  });
  return composer;
}

/** Anything typed in the private chat that nothing else took is a search. */
export function createTextSearchFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer
    .chatType('private')
    .on('message:text')
    .filter((ctx) => !ctx.message.text.startsWith('/'))
    .use((ctx) => showSearch(ctx, deps, ctx.message.text, 1));
  return composer;
}
