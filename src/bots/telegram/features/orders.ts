import { Composer, InlineKeyboard } from 'grammy';
import { toOrderView } from '../../../core/outbox/outbox-dispatcher.js';
import { decode, encode, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { formatMoney, renderError, renderOrder } from '../render.js';
import { answer, pageCount, pager, show, type BuyerFeatureDeps } from './shared.js';

const stateIcons: Record<string, string> = {
  created: '🕓',
  awaiting_payment: '⏳',
  paid: '💰',
  submitted: '⚙️',
  processing: '⚙️',
  completed: '✅',
  failed: '❌',
  refunded: '↩️',
  expired: '⌛',
  needs_review: '🔎',
};

/** The buyer's orders, newest first, one button each. */
export async function showOrders(ctx: BotContext, deps: BuyerFeatureDeps, page: number): Promise<void> {
  const size = deps.pageSize;
  const { orders, total } = await deps.shop.buyerOrders(ctx.buyer, { limit: size, offset: (page - 1) * size });
  const home = new InlineKeyboard().text(ctx.t('menu-shop'), encode('m', 'shop')).text(ctx.t('nav-menu'), encode('m', 'home'));
  if (total === 0) {
    await show(ctx, ctx.t('orders-empty'), home);
    return;
  }
  const pages = pageCount(total, size);
  const keyboard = new InlineKeyboard();
  for (const order of orders) {
    const label = `${stateIcons[order.state] ?? '•'} ${order.reference} · ${order.listingName} · ${formatMoney(order.price)}`;
    keyboard.text(label.slice(0, 60), encode('od', order.reference)).row();
  }
  pager(keyboard, page, pages, (p) => encode('op', p));
  keyboard.row().text(ctx.t('nav-menu'), encode('m', 'home'));
  await show(ctx, ctx.t('orders-title', { page, pages, total }), keyboard);
}

/** One order, with its codes again (only the owner's orders are found). */
export async function showOrder(ctx: BotContext, deps: BuyerFeatureDeps, reference: string): Promise<void> {
  const order = await deps.shop.buyerOrder(ctx.buyer, reference);
  const back = new InlineKeyboard().text(ctx.t('nav-back'), encode('op', 1)).text(ctx.t('nav-menu'), encode('m', 'home'));
  if (!order) {
    await show(ctx, renderError(ctx.t, { code: 'order_not_found' }), back);
    return;
  }
  const view = toOrderView(order);
  const date = order.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  if (order.listingId && order.state !== 'awaiting_payment') back.row().text(ctx.t('orders-buy-again'), encode('pb', order.listingId));
  await show(ctx, [renderOrder(ctx.t, view), ctx.t('orders-date', { date })].join('\n'), back);
}

/** My orders: /orders (not /order, which is the admins') and the menu button; paged history and details. Private chat only. */
export function createOrdersFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');
  privateChat.command(['orders', 'myorders'], (ctx) => showOrders(ctx, deps, 1));
  privateChat.callbackQuery(triggerFor('op'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    await answer(ctx);
    await showOrders(ctx, deps, data?.kind === 'op' ? data.args[0] : 1);
  });
  privateChat.callbackQuery(triggerFor('od'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'od') return answer(ctx, ctx.t('button-expired'));
    await answer(ctx);
    await showOrder(ctx, deps, data.args[0]);
  });
  return composer;
}
