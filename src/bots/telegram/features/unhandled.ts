import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { answer, mainMenu } from './shared.js';

/**
 * Last: a press nobody handled is an old or unknown button (answered, so Telegram stops
 * re-sending it); a private message nobody understood gets the menu. Groups get silence.
 */
export function createUnhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', (ctx) => answer(ctx, ctx.t('button-expired')));
  composer.chatType('private').on('message', (ctx) => ctx.reply(ctx.t('unhandled'), { parse_mode: 'HTML', reply_markup: mainMenu(ctx.t) }));
  return composer;
}
