import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';
import { searchPayload } from './start.js';
import { deepLink, type BuyerFeatureDeps } from './shared.js';

/** Buyer commands; in a group they only point to the private chat. Admin and support commands are not here. */
const buyerCommands = ['start', 'menu', 'shop', 'browse', 'search', 'find', 'orders', 'myorders', 'wallet', 'balance', 'topup', 'help', 'language', 'cancel'];

const payloads: Record<string, string> = { orders: 'orders', myorders: 'orders', wallet: 'wallet', balance: 'wallet', topup: 'wallet' };

/**
 * In a group a buyer command answers with one button that opens the private chat (a deep link
 * carrying the search or the page asked for), so player ids and codes are never posted where
 * others read them. Anything else in a group is left to other features, or ignored.
 */
export function createGroupFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType(['group', 'supergroup']).command(buyerCommands, async (ctx) => {
    const command = ctx.message?.text?.match(/^\/(\w+)/)?.[1]?.toLowerCase() ?? 'start';
    const query = ctx.match.trim();
    const payload = (command === 'search' || command === 'find') && query ? searchPayload(query) : payloads[command];
    const keyboard = new InlineKeyboard().url(ctx.t('group-open-button'), deepLink(deps.botUsername(), payload));
    await ctx.reply(ctx.t('group-go-private'), { parse_mode: 'HTML', reply_markup: keyboard, reply_parameters: { message_id: ctx.msgId!, allow_sending_without_reply: true } });
  });
  return composer;
}
