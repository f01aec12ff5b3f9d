import type { PlayerFieldSpec } from '../../core/catalog/types.js';
import { errorCodes, type ErrorCode } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import type { OrderView } from '../../core/ports/notifier.js';
import type { DeliveredItem } from '../../core/ports/reseller.js';
import type { Translate } from './i18n.js';

/** Text for Telegram's HTML parse mode: anything a buyer, reseller or catalog wrote goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "0.97 USD", or "⭐ 75" for Telegram Stars. Display only; amounts stay exact decimals. */
export function formatMoney(money: Money | string): string {
  const value = typeof money === 'string' ? Money.parse(money) : money;
  return value.currency === 'XTR' ? `⭐ ${value.toDecimalString()}` : `${value.toDecimalString()} ${value.currency}`;
}

export const isErrorCode = (code: string | null | undefined): code is ErrorCode => Boolean(code) && Object.hasOwn(errorCodes, code!);

/** The buyer-facing message of an error code, with the values the core handed over (escaped). */
export function renderError(t: Translate, failure: { code: string; params?: Record<string, string> }, field?: string): string {
  const code = isErrorCode(failure.code) ? failure.code : 'internal';
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(failure.params ?? {})) variables[name] = escapeHtml(value);
  if (code === 'player_fields_invalid') {
    variables.field = field ? escapeHtml(field) : (variables.field ?? t('field-player_id'));
    variables.problem ??= 'other';
  }
  if (code === 'wallet_insufficient') {
    if (failure.params?.balance) variables.balance = escapeHtml(formatMoney(failure.params.balance));
    if (failure.params?.needed) variables.needed = escapeHtml(formatMoney(failure.params.needed));
  }
  const text = t(errorCodes[code].messageKey, variables);
  return code === 'player_fields_invalid' && variables.hint ? `${text}\n<i>${variables.hint}</i>` : text;
}

/** A player field's name in the buyer's language, for the fields every game has. */
export function fieldLabel(t: Translate, field: Pick<PlayerFieldSpec, 'key' | 'label'>): string {
  return ['player_id', 'zone', 'server'].includes(field.key) ? t(`field-${field.key}`) : escapeHtml(field.label);
}

/** "12345678" or "12345678 / 2001" for several fields. */
export function playerText(player: Record<string, string>): string {
  return Object.values(player).join(' / ');
}

function renderItems(t: Translate, items: DeliveredItem[]): string[] {
  const lines = [t(items.length > 1 ? 'order-codes' : 'order-code-one')];
  for (const item of items) {
    const parts: string[] = [];
    if (item.label) parts.push(escapeHtml(item.label));
    if (item.code) parts.push(`<code>${escapeHtml(item.code)}</code>`);
    if (item.pin) parts.push(t('order-pin', { pin: `<code>${escapeHtml(item.pin)}</code>` }));
    if (item.serial) parts.push(t('order-serial', { serial: `<code>${escapeHtml(item.serial)}</code>` }));
    lines.push(`• ${parts.join(' · ')}`);
  }
  return lines;
}

/**
 * One order as the buyer sees it: what, for whom, the price, the state, and — once completed,
 * and only in the owner's private chat — the codes in copyable form.
 */
export function renderOrder(t: Translate, order: OrderView, refund?: { amount: Money; to: 'wallet' | 'original' }): string {
  const lines: string[] = [];
  const name = escapeHtml(order.listingName) + (order.quantity > 1 ? ` × ${order.quantity}` : '');
  lines.push(t('order-header', { reference: escapeHtml(order.reference), name }));
  if (Object.keys(order.player).length > 0) {
    const nickname = order.nickname ? ` (${escapeHtml(order.nickname)})` : '';
    lines.push(t('order-player', { player: `<code>${escapeHtml(playerText(order.player))}</code>${nickname}` }));
  }
  lines.push(t('order-price', { price: formatMoney(order.price), method: t(`method-${order.paymentMethod}`) }));
  lines.push(t('order-state', { state: order.state }));
  if (order.state === 'completed') {
    if (order.items.length > 0) lines.push(...renderItems(t, order.items));
    else if (Object.keys(order.player).length > 0) lines.push(t('order-delivered-topup', { player: escapeHtml(order.nickname ?? playerText(order.player)) }));
  }
  if ((order.state === 'failed' || order.state === 'refunded' || order.state === 'expired') && order.failureCode) {
    lines.push(t('order-reason', { reason: renderError(t, { code: order.failureCode }) }));
  }
  // A failure before any money moved (the checkout could not start) has nothing to refund.
  if (order.state === 'failed' && !refund && order.failureCode !== 'payment_failed') lines.push(t('order-refund-pending'));
  if (refund) lines.push(t(refund.to === 'wallet' ? 'order-refund-wallet' : 'order-refund-original', { amount: formatMoney(refund.amount), method: t(`method-${order.paymentMethod}`) }));
  return lines.join('\n');
}
