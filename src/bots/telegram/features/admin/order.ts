import { InlineKeyboard } from 'grammy';
import { z } from 'zod';
import type { OrderEventRecord, OrderRecord } from '../../../../core/ports/storage.js';
import type { BotContext } from '../../context.js';
import type { TelegramBotDeps } from '../../deps.js';
import { encodeAdminCallback } from './callbacks.js';
import { actorOf, clip, commandArgs, escapeHtml, failureText, formatMoney, formatTime, html } from './format.js';

/** Events shown on the card: the newest ones, so the card stays within one message. */
const EVENTS_SHOWN = 12;

const openStates = new Set(['needs_review', 'processing', 'submitted']);

/** What an admin may do with an order in its state; the core checks again. */
export function orderActions(order: OrderRecord): { retry: boolean; refund: boolean; complete: boolean } {
  const unrefundedFailure = order.state === 'failed' && order.paidAt !== null && order.refundedAt === null;
  return {
    retry: openStates.has(order.state) || unrefundedFailure,
    refund: openStates.has(order.state) || unrefundedFailure,
    complete: openStates.has(order.state),
  };
}

export function orderKeyboard(ctx: BotContext, order: OrderRecord): InlineKeyboard {
  const actions = orderActions(order);
  const keyboard = new InlineKeyboard();
  if (actions.retry) keyboard.text(ctx.t('admin-order-button-retry'), encodeAdminCallback('retry', order.reference));
  if (actions.refund) keyboard.text(ctx.t('admin-order-button-refund'), encodeAdminCallback('refund', order.reference));
  if (actions.retry || actions.refund) keyboard.row();
  if (actions.complete) keyboard.text(ctx.t('admin-order-button-complete'), encodeAdminCallback('complete', order.reference)).row();
  keyboard.text(ctx.t('admin-order-button-refresh'), encodeAdminCallback('refresh', order.reference));
  return keyboard;
}

/** The order card: details an operator needs, and its newest events. */
export async function renderOrderCard(ctx: BotContext, deps: TelegramBotDeps, order: OrderRecord, events: OrderEventRecord[]): Promise<string> {
  const buyer = await deps.shop.storage.users.findById(order.userId);
  const lines = [
    ctx.t('admin-order-title', { reference: order.reference, state: order.state }),
    ctx.t('admin-order-summary', {
      listing: escapeHtml(order.listingName),
      quantity: String(order.quantity),
      price: formatMoney(order.price),
      method: order.paymentMethod,
    }),
    ctx.t('admin-order-buyer', {
      name: escapeHtml(buyer?.displayName ?? '-'),
      username: buyer?.username ? `@${escapeHtml(buyer.username)}` : '-',
      id: escapeHtml(buyer?.platformUserId ?? order.userId),
      platform: buyer?.platform ?? '-',
    }),
  ];
  const player = Object.entries(order.player).map(([key, value]) => `${escapeHtml(key)}=<code>${escapeHtml(value)}</code>`).join(' ');
  if (player) lines.push(ctx.t('admin-order-player', { player, nickname: escapeHtml(order.nickname ?? '-') }));
  if (order.resellerId) {
    lines.push(
      ctx.t('admin-order-reseller', {
        reseller: escapeHtml(order.resellerId),
        sku: escapeHtml(order.resellerSku ?? '-'),
        resellerOrder: escapeHtml(order.resellerOrderId ?? '-'),
        cost: order.cost ? formatMoney(order.cost) : '-',
      }),
    );
  }
  if (order.failureCode) {
    lines.push(ctx.t('admin-order-failure', { code: order.failureCode, detail: escapeHtml(clip(order.failureDetail ?? '-', 300)) }));
  }
  lines.push(
    ctx.t('admin-order-times', {
      created: formatTime(order.createdAt),
      paid: order.paidAt ? formatTime(order.paidAt) : '-',
      completed: order.completedAt ? formatTime(order.completedAt) : '-',
    }),
  );
  // Codes stay with the buyer: the card says how many were delivered, not what they are.
  if (order.delivery?.items.length) lines.push(ctx.t('admin-order-delivered', { count: String(order.delivery.items.length) }));
  lines.push('', ctx.t('admin-order-events-title'));
  const shown = events.slice(-EVENTS_SHOWN);
  if (events.length > shown.length) lines.push(ctx.t('admin-order-events-more', { count: String(events.length - shown.length) }));
  for (const event of shown) {
    lines.push(
      ctx.t('admin-order-event', {
        time: formatTime(event.createdAt),
        from: event.fromState ?? '∅',
        to: event.toState,
        reason: escapeHtml(clip(event.reason, 160)),
        actor: escapeHtml(event.actor),
      }),
    );
  }
  return lines.join('\n');
}

export const referenceArgument = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^#?[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}$/);

/** Sends the card of `reference` as a new message, or edits the message the pressed button is on. */
export async function showOrder(ctx: BotContext, deps: TelegramBotDeps, reference: string, mode: 'send' | 'edit'): Promise<boolean> {
  const found = await deps.shop.admin.findOrder(reference);
  if (!found.ok) {
    if (mode === 'edit') await ctx.answerCallbackQuery({ text: stripTags(failureText(ctx, found)), show_alert: true });
    else await ctx.reply(failureText(ctx, found), html);
    return false;
  }
  const text = await renderOrderCard(ctx, deps, found.value.order, found.value.events);
  const reply_markup = orderKeyboard(ctx, found.value.order);
  if (mode === 'edit' && ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, { ...html, reply_markup });
      return true;
    } catch (error) {
      // Unchanged card ("message is not modified"), or the button sits on an alert: send it anew.
      if (isNotModified(error)) return true;
    }
  }
  await ctx.reply(text, { ...html, reply_markup });
  return true;
}

function isNotModified(error: unknown): boolean {
  return error instanceof Error && error.message.includes('message is not modified');
}

/** Button answers are plain text. */
export function stripTags(text: string): string {
  return clip(text.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'), 190);
}

/** `/order <ref>` */
export async function orderCommand(ctx: BotContext, deps: TelegramBotDeps): Promise<void> {
  const parsed = referenceArgument.safeParse(commandArgs(ctx));
  if (!parsed.success) {
    await ctx.reply(ctx.t('admin-usage-order'), html);
    return;
  }
  await showOrder(ctx, deps, parsed.data, 'send');
}

/** `ao:<ref>` — from an operator alert or a support request: the card opens below, the alert stays. */
export async function openOrderButton(ctx: BotContext, deps: TelegramBotDeps, reference: string): Promise<void> {
  if (await showOrder(ctx, deps, reference, 'send')) await ctx.answerCallbackQuery();
}

/** `aq:<ref>` — the card's refresh button: the card is redrawn in place. */
export async function refreshOrderButton(ctx: BotContext, deps: TelegramBotDeps, reference: string): Promise<void> {
  if (await showOrder(ctx, deps, reference, 'edit')) await ctx.answerCallbackQuery();
}

/** `ar:<ref>` — ask the reseller again now. */
export async function retryButton(ctx: BotContext, deps: TelegramBotDeps, reference: string): Promise<void> {
  const result = await deps.shop.admin.retry(reference, actorOf(ctx));
  if (!result.ok) {
    await ctx.answerCallbackQuery({ text: stripTags(failureText(ctx, result)), show_alert: true });
    return;
  }
  deps.shop.worker.kick();
  deps.logger.info({ order: result.value.reference, admin: ctx.from?.id }, 'admin retried an order');
  await ctx.answerCallbackQuery({ text: ctx.t('admin-order-retried', { reference: result.value.reference }) });
  await showOrder(ctx, deps, reference, 'edit');
}
