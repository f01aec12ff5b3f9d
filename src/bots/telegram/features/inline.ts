import { Composer, InlineKeyboard } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { BotContext } from '../context.js';
import { escapeHtml, formatMoney } from '../render.js';
import { stockText } from './browse.js';
import { deepLink, type BuyerFeatureDeps } from './shared.js';

const MAX_RESULTS = 20;

/**
 * Inline mode: `@bot pubg 60` in any chat answers from the in-memory catalog at once. Each
 * result posts the listing with a button that opens the private chat at its purchase, so the
 * player id is typed there, never in the group.
 */
export function createInlineFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.replace(/\s+/g, ' ').trim().slice(0, 80);
    const bot = deps.botUsername();
    const hits = query ? deps.shop.catalog.search(query, 1, MAX_RESULTS).hits.map((h) => h.listing) : [];
    const prices = await Promise.all(hits.map((l) => deps.shop.priceListing(l)));
    const results: InlineQueryResultArticle[] = hits.map((listing, i) => {
      const price = prices[i];
      const priceText = price ? formatMoney(price) : ctx.t('price-unavailable');
      return {
        type: 'article',
        id: listing.id,
        title: `${listing.displayName} — ${priceText}`,
        description: stockText(ctx.t, listing),
        input_message_content: {
          message_text: ctx.t('inline-message', { name: escapeHtml(listing.displayName), price: priceText }),
          parse_mode: 'HTML',
        },
        reply_markup: new InlineKeyboard().url(ctx.t('inline-buy'), deepLink(bot, `l_${listing.id}`)),
      };
    });
    await ctx.answerInlineQuery(results, {
      cache_time: 30,
      is_personal: false,
      button: { text: ctx.t('inline-open-shop'), start_parameter: 'inline' },
    });
  });
  return composer;
}
