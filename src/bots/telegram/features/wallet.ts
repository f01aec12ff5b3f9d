import { Composer, InlineKeyboard } from 'grammy';
import { Money } from '../../../core/money.js';
import { decode, encode, triggerFor } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml, formatMoney, renderError } from '../render.js';
import { sendStarsInvoice } from '../stars.js';
import { answer, deepLink, oncePerMessage, pageCount, pager, show, type BuyerFeatureDeps } from './shared.js';

export async function showWallet(ctx: BotContext, deps: BuyerFeatureDeps): Promise<void> {
  const balance = await deps.shop.wallet.balance(ctx.buyer.id);
  const keyboard = new InlineKeyboard().text(ctx.t('wallet-topup'), encode('wt')).text(ctx.t('wallet-history'), encode('wh', 1)).row().text(ctx.t('nav-menu'), encode('m', 'home'));
  await show(ctx, ctx.t('wallet-title', { balance: formatMoney(balance) }), keyboard);
}

async function showHistory(ctx: BotContext, deps: BuyerFeatureDeps, page: number): Promise<void> {
  const size = deps.pageSize;
  const { entries, total } = await deps.shop.wallet.history(ctx.buyer.id, { limit: size, offset: (page - 1) * size });
  const keyboard = new InlineKeyboard();
  const pages = pageCount(total, size);
  pager(keyboard, page, pages, (p) => encode('wh', p));
  keyboard.row().text(ctx.t('nav-back'), encode('wb'));
  if (total === 0) {
    await show(ctx, ctx.t('wallet-history-empty'), keyboard);
    return;
  }
  const lines = entries.map((entry) =>
    ctx.t('wallet-history-line', {
      date: entry.createdAt.toISOString().slice(0, 10),
      amount: (entry.amount.isNegative() ? '−' : '+') + formatMoney(entry.amount.isNegative() ? entry.amount.negate() : entry.amount),
      reason: ctx.t(`ledger-${entry.reason}`),
      reference: escapeHtml(entry.reference),
    }),
  );
  await show(ctx, [ctx.t('wallet-history-title', { page, pages }), '', ...lines].join('\n'), keyboard);
}

async function showTopUpAmounts(ctx: BotContext, deps: BuyerFeatureDeps): Promise<void> {
  const currency = deps.shop.settings.currency;
  const keyboard = new InlineKeyboard();
  deps.topUpAmounts.forEach((amount, i) => {
    keyboard.text(formatMoney(Money.of(amount, currency)), encode('wa', amount));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t('nav-back'), encode('wb'));
  await show(ctx, ctx.t('wallet-topup-choose'), keyboard);
}

async function showTopUpMethods(ctx: BotContext, deps: BuyerFeatureDeps, amount: string): Promise<void> {
  const money = Money.of(amount, deps.shop.settings.currency);
  const methods = deps.shop.payments.availableMethods().filter((m): m is 'sellix' | 'stars' => m === 'sellix' || m === 'stars');
  const keyboard = new InlineKeyboard();
  if (methods.length === 0) {
    await show(ctx, renderError(ctx.t, { code: 'payment_method_unavailable' }), keyboard.text(ctx.t('nav-back'), encode('wb')));
    return;
  }
  for (const method of methods) {
    if (method === 'sellix') keyboard.text(ctx.t('wallet-pay-sellix'), encode('wm', 'sellix', amount)).row();
    if (method === 'stars') {
      const stars = await deps.stars.starsFor(money);
      if (stars) keyboard.text(ctx.t('purchase-pay-stars-button', { stars }), encode('wm', 'stars', amount)).row();
    }
  }
  keyboard.text(ctx.t('nav-back'), encode('wt'));
  await show(ctx, ctx.t('wallet-topup-method', { amount: formatMoney(money) }), keyboard);
}

/** Starts a wallet top-up; once per button, so a double tap makes one payment, not two. */
async function startTopUp(ctx: BotContext, deps: BuyerFeatureDeps, method: 'sellix' | 'stars', amount: string): Promise<void> {
  if (!(await oncePerMessage(ctx, deps.kv))) return answer(ctx, ctx.t('wallet-topup-already'));
  await answer(ctx);
  const money = Money.of(amount, deps.shop.settings.currency);
  const started = await deps.shop.payments.startTopUp(ctx.buyer, money, method, { returnUrl: deepLink(deps.botUsername(), 'wallet') });
  if (!started.ok) {
    await show(ctx, renderError(ctx.t, started), new InlineKeyboard().text(ctx.t('nav-back'), encode('wb')));
    return;
  }
  const { payment, start } = started.value;
  const reference = escapeHtml(payment.reference);
  if (start.kind === 'redirect') {
    const keyboard = new InlineKeyboard().url(ctx.t('purchase-pay-link-button', { price: formatMoney(money) }), start.url);
    await show(ctx, ctx.t('wallet-topup-link', { reference, amount: formatMoney(money) }), keyboard);
  } else if (start.kind === 'invoice' && ctx.chat) {
    await show(ctx, ctx.t('wallet-topup-stars', { reference, amount: formatMoney(money), stars: start.amount.toDecimalString() }));
    await sendStarsInvoice(deps.api, ctx.chat.id, start, ctx.t('wallet-topup-invoice-description', { amount: money.toString() }));
  }
}

/** Wallet: balance, ledger history, and top-ups through Sellix or Stars. Private chat only. */
export function createWalletFeature(deps: BuyerFeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');
  privateChat.command(['wallet', 'balance'], (ctx) => showWallet(ctx, deps));
  privateChat.command('topup', (ctx) => showTopUpAmounts(ctx, deps));
  privateChat.callbackQuery(triggerFor('wb'), async (ctx) => {
    await answer(ctx);
    await showWallet(ctx, deps);
  });
  privateChat.callbackQuery(triggerFor('wh'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    await answer(ctx);
    await showHistory(ctx, deps, data?.kind === 'wh' ? data.args[0] : 1);
  });
  privateChat.callbackQuery(triggerFor('wt'), async (ctx) => {
    await answer(ctx);
    await showTopUpAmounts(ctx, deps);
  });
  privateChat.callbackQuery(triggerFor('wa'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'wa') return answer(ctx, ctx.t('button-expired'));
    await answer(ctx);
    await showTopUpMethods(ctx, deps, data.args[0]);
  });
  privateChat.callbackQuery(triggerFor('wm'), async (ctx) => {
    const data = decode(ctx.callbackQuery.data);
    if (data?.kind !== 'wm') return answer(ctx, ctx.t('button-expired'));
    await startTopUp(ctx, deps, data.args[0], data.args[1]);
  });
  return composer;
}
