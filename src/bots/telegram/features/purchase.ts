import { randomBytes } from 'node:crypto';
import { createConversation } from '@grammyjs/conversations';
import { Composer } from 'grammy';
import { decode, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { localeOf } from '../i18n.js';
import { renderError } from '../render.js';
import { createPurchaseConversation, payMethods, type FlowArgs } from './purchase-flow.js';
import * as steps from './purchase-steps.js';
import { answer, mainMenu, show, type BuyerFeatureDeps } from './shared.js';

export const PURCHASE = 'purchase';
/** A flow left alone this long is over; the next update is handled as if there were none. */
const FLOW_IDLE_MS = 30 * 60_000;

const newFlowId = () => randomBytes(6).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 6) || 'f';

/** Starts buying a listing in this private chat; a flow already under way is replaced. */
export async function startPurchase(ctx: BotContext, listingId: string): Promise<void> {
  if (ctx.chat?.type !== 'private' || !ctx.from) return;
  if (ctx.conversation.active(PURCHASE) > 0) await ctx.conversation.exit(PURCHASE);
  const args: FlowArgs = { listingId, ownerId: ctx.from.id, chatId: ctx.chat.id, locale: localeOf(ctx), flowId: newFlowId() };
  await ctx.conversation.enter(PURCHASE, args);
}

/**
 * The purchase's entry points and its buttons outside a flow: a listing button starts one; a pay
 * button whose flow is gone (finished, or pressed twice) still works, idempotently per quote.
 */
export function createPurchaseFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation(createPurchaseConversation(deps), { id: PURCHASE, maxMillisecondsToWait: FLOW_IDLE_MS }));
  const privateChat = composer.chatType('private');

  privateChat.callbackQuery(triggerFor('pb'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'pb') return answer(ctx, ctx.t('button-expired'));
    await answer(ctx);
    await startPurchase(ctx, data.args[0]);
  });

  privateChat.callbackQuery(/^p[wst]:/, async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    if (!data || (data.kind !== 'pw' && data.kind !== 'ps' && data.kind !== 'pt') || !message) return answer(ctx, ctx.t('button-expired'));
    const outcome = await steps.payQuote(deps, ctx.buyer, ctx.t, {
      quoteId: data.args[0],
      method: payMethods[data.kind],
      chatId: message.chat.id,
      messageId: message.message_id,
      announce: false,
    });
    if (outcome.kind === 'repeated') return answer(ctx, ctx.t('purchase-already-placed', { reference: outcome.reference }));
    if (outcome.kind === 'placed') return answer(ctx);
    if (outcome.code === 'not_allowed') return answer(ctx, ctx.t('button-not-yours'));
    await answer(ctx, renderError(ctx.t, outcome), true);
    if (outcome.code === 'quote_expired') await show(ctx, renderError(ctx.t, outcome), mainMenu(ctx.t));
  });

  composer.callbackQuery(triggerFor('f'), (ctx) => answer(ctx, ctx.t('button-expired')));
  return composer;
}
