import { Composer, InlineKeyboard } from 'grammy';
import { decode, encode, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { supportedLocales, type Locale } from '../i18n.js';
import type { IdentityCache } from '../middleware.js';
import { escapeHtml } from '../render.js';
import { showGames } from './browse.js';
import { showOrder, showOrders } from './orders.js';
import { startPurchase } from './purchase.js';
import { searchPrompt, showSearch } from './search.js';
import { answer, mainMenu, show, type BuyerFeatureDeps } from './shared.js';
import { showWallet } from './wallet.js';

const languageNames: Record<Locale, string> = { en: '🇬🇧 English', ru: '🇷🇺 Русский', id: '🇮🇩 Bahasa Indonesia' };

/** `s_<base64url query>` deep links carry a search from a group or an inline result. */
export function searchPayload(query: string): string | undefined {
  const payload = `s_${Buffer.from(query.slice(0, 40), 'utf8').toString('base64url')}`;
  return payload.length <= 64 ? payload : undefined;
}

function queryFromPayload(payload: string): string | undefined {
  try {
    return Buffer.from(payload.slice(2), 'base64url').toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function showHome(ctx: BotContext): Promise<void> {
  const name = escapeHtml(ctx.from?.first_name ?? '');
  await show(ctx, ctx.t('start-greeting', { name }), mainMenu(ctx.t));
}

/**
 * /start (with deep links: `l_<listing>` buys, `s_<query>` searches, `o_<reference>` opens an
 * order), the main menu, /help, /language and /cancel outside a flow.
 */
export function createStartFeature(deps: BuyerFeatureDeps, identities: IdentityCache): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');

  privateChat.command('start', async (ctx) => {
    const payload = ctx.match.trim();
    if (payload.startsWith('l_')) return startPurchase(ctx, payload.slice(2));
    if (payload.startsWith('s_')) {
      const query = queryFromPayload(payload);
      if (query) return showSearch(ctx, deps, query, 1);
    }
    if (payload.startsWith('o_')) return showOrder(ctx, deps, payload.slice(2));
    if (payload === 'orders') return showOrders(ctx, deps, 1);
    if (payload === 'wallet') return showWallet(ctx, deps);
    await showHome(ctx);
  });
  privateChat.command('menu', showHome);
  privateChat.command(['shop', 'browse'], (ctx) => showGames(ctx, deps, 1));
  privateChat.command('help', (ctx) => show(ctx, ctx.t('help-text'), mainMenu(ctx.t)));
  privateChat.command('cancel', (ctx) => ctx.reply(ctx.t('cancel-nothing'), { reply_markup: mainMenu(ctx.t) }));
  privateChat.command('language', (ctx) => show(ctx, ctx.t('language-choose'), languageKeyboard()));

  composer.callbackQuery(triggerFor('m'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'm') return answer(ctx, ctx.t('button-expired'));
    await answer(ctx);
    switch (data.args[0]) {
      case 'home':
        return showHome(ctx);
      case 'shop':
        return showGames(ctx, deps, 1);
      case 'search':
        return searchPrompt(ctx);
      case 'orders':
        return showOrders(ctx, deps, 1);
      case 'wallet':
        return showWallet(ctx, deps);
      case 'help':
        return void (await show(ctx, ctx.t('help-text'), mainMenu(ctx.t)));
      case 'lang':
        return void (await show(ctx, ctx.t('language-choose'), languageKeyboard()));
    }
  });

  composer.callbackQuery(triggerFor('lang'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'lang') return answer(ctx, ctx.t('button-expired'));
    const locale = data.args[0];
    await ctx.i18n.setLocale(locale);
    // Notifications are sent outside any update: they read the buyer's language from the database.
    await deps.shop.storage.users.setLanguage(ctx.buyer.id, locale);
    identities.forget(ctx.buyer.platformUserId);
    await answer(ctx, ctx.t('language-set'));
    await show(ctx, ctx.t('language-set'), mainMenu(ctx.t));
  });

  return composer;
}

function languageKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of supportedLocales) keyboard.text(languageNames[locale], encode('lang', locale)).row();
  return keyboard;
}
