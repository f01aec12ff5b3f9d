import { InlineKeyboard } from 'grammy';
import type { PlayerFieldSpec } from '../../../core/catalog/types.js';
import type { Result } from '../../../core/errors.js';
import { Money } from '../../../core/money.js';
import type { PaymentMethodId } from '../../../core/ports/payment.js';
import type { BuyerRecord } from '../../../core/ports/storage.js';
import { encode } from '../callback-data.js';
import type { Translate } from '../i18n.js';
import { escapeHtml, formatMoney, playerText, renderOrder } from '../render.js';
import { sendStarsInvoice } from '../stars.js';
import { apiErrors, deepLink, html, type BuyerFeatureDeps } from './shared.js';
import { toOrderView } from '../../../core/outbox/outbox-dispatcher.js';

/**
 * The purchase's calls into the core, each returning plain JSON: the purchase conversation
 * records their results and replays them, so nothing here may hand back a class instance.
 */

export type Plain<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string> };

const plainFailure = (result: Extract<Result<unknown>, { ok: false }>): Plain<never> => ({
  ok: false,
  code: result.code,
  ...(result.params ? { params: result.params } : {}),
});

export interface PlainListing {
  id: string;
  name: string;
  game: string | null;
  fields: PlayerFieldSpec[];
  /** Money as "0.97 USD". */
  price: string;
}

export async function loadListing(deps: BuyerFeatureDeps, listingId: string): Promise<Plain<PlainListing>> {
  const listing = deps.shop.catalog.listing(listingId);
  if (!listing) return { ok: false, code: 'product_not_found' };
  const price = await deps.shop.priceListing(listing);
  if (!price) return { ok: false, code: listing.offers.some((o) => o.inStock) ? 'not_for_sale' : 'out_of_stock' };
  return { ok: true, value: { id: listing.id, name: listing.displayName, game: listing.game, fields: listing.playerFields, price: price.toString() } };
}

/** The last player this buyer used for the game, when it fits this listing's fields. */
export async function savedPlayerFor(deps: BuyerFeatureDeps, buyer: BuyerRecord, listing: PlainListing): Promise<{ player: Record<string, string>; nickname: string | null } | null> {
  if (!listing.game || listing.fields.length === 0) return null;
  const saved = await deps.shop.storage.savedPlayers.get(buyer.id, listing.game);
  if (!saved) return null;
  const fits = listing.fields.every((f) => !f.required || Boolean(saved.player[f.key]));
  return fits ? saved : null;
}

export async function checkPlayer(
  deps: BuyerFeatureDeps,
  buyer: BuyerRecord,
  listingId: string,
  player: Record<string, string>,
): Promise<Plain<{ player: Record<string, string>; nickname: string | null }>> {
  const checked = await deps.shop.purchases.checkPlayer(buyer, listingId, player);
  if (!checked.ok) return plainFailure(checked);
  return { ok: true, value: { player: checked.value.player, nickname: checked.value.check.kind === 'valid' ? checked.value.check.nickname : null } };
}

export interface PlainQuote {
  id: string;
  price: string;
  unitPrice: string;
  discount: string;
  couponCode: string | null;
  balance: string;
  canPayFromWallet: boolean;
  methods: PaymentMethodId[];
  /** Whole Stars for the price, when Stars can pay it. */
  stars: number | null;
}

export async function quote(
  deps: BuyerFeatureDeps,
  buyer: BuyerRecord,
  input: { listingId: string; player: Record<string, string>; nickname: string | null; couponCode: string | null },
): Promise<Plain<PlainQuote>> {
  const quoted = await deps.shop.purchases.quote(buyer, input);
  if (!quoted.ok) return plainFailure(quoted);
  const q = quoted.value;
  const methods = deps.shop.payments.availableMethods();
  const [balance, stars] = await Promise.all([deps.shop.wallet.balance(buyer.id), methods.includes('stars') ? deps.stars.starsFor(q.price) : undefined]);
  return {
    ok: true,
    value: {
      id: q.id,
      price: q.price.toString(),
      unitPrice: q.unitPrice.toString(),
      discount: q.discount.toString(),
      couponCode: q.couponCode,
      balance: balance.toString(),
      canPayFromWallet: balance.currency === q.price.currency && balance.compare(q.price) >= 0,
      methods,
      stars: stars ?? null,
    },
  };
}

export type PayOutcome =
  | { kind: 'placed'; reference: string }
  | { kind: 'repeated'; reference: string }
  | { kind: 'failed'; code: string; params?: Record<string, string> };

/**
 * Turns a quote into an order and shows how it is paid. The order message is `messageId`: the
 * core keeps it as the order's chat context, and every later status notice edits it.
 * `announce` first replaces the buttons with "placing…"; only the flow's own press does that,
 * never a repeat, which must not overwrite the order's later state.
 */
export async function payQuote(
  deps: BuyerFeatureDeps,
  buyer: BuyerRecord,
  t: Translate,
  input: { quoteId: string; method: PaymentMethodId; chatId: number; messageId: number; announce: boolean },
): Promise<PayOutcome> {
  const { api, shop } = deps;
  if (input.announce) {
    await api.editMessageText(input.chatId, input.messageId, t('purchase-placing'), html).catch((error: unknown) => {
      if (!apiErrors.notModified(error) && !apiErrors.cannotEdit(error)) throw error;
    });
  }
  const placed = await shop.purchases.placeOrder(buyer, {
    quoteId: input.quoteId,
    method: input.method,
    chatContext: { chatId: String(input.chatId), messageId: String(input.messageId) },
    returnUrl: deepLink(deps.botUsername()),
  });
  if (!placed.ok) return { kind: 'failed', code: placed.code, ...(placed.params ? { params: placed.params } : {}) };
  const { order, payment, repeated } = placed.value;
  if (repeated) return { kind: 'repeated', reference: order.reference };
  const view = toOrderView(order);
  if (input.method === 'wallet' || !payment) {
    // Paid already: the status notices (paid, processing, completed) edit the message from here.
    shop.outbox.kick();
    return { kind: 'placed', reference: order.reference };
  }
  if (payment.kind === 'redirect') {
    const keyboard = new InlineKeyboard().url(t('purchase-pay-link-button', { price: formatMoney(order.price) }), payment.url);
    await api.editMessageText(input.chatId, input.messageId, [renderOrder(t, view), t('purchase-pay-link')].join('\n'), { ...html, reply_markup: keyboard });
  } else if (payment.kind === 'invoice') {
    await api.editMessageText(input.chatId, input.messageId, [renderOrder(t, view), t('purchase-pay-stars', { stars: payment.amount.toDecimalString() })].join('\n'), html);
    await sendStarsInvoice(api, input.chatId, payment, t('purchase-invoice-description', { reference: order.reference, name: order.listingName }));
  }
  return { kind: 'placed', reference: order.reference };
}

/** The confirmation screen: who it is for ("Is this you: PlayerOne?"), the price, and one button per way to pay. */
export function confirmScreen(
  t: Translate,
  flowId: string,
  listing: PlainListing,
  player: Record<string, string>,
  nickname: string | null,
  q: PlainQuote,
  notice?: string,
): { text: string; keyboard: InlineKeyboard } {
  const price = formatMoney(q.price);
  const lines: string[] = [];
  if (notice) lines.push(notice, '');
  lines.push(`<b>${escapeHtml(listing.name)}</b>`);
  if (listing.fields.length > 0) {
    lines.push(t('purchase-player', { player: `<code>${escapeHtml(playerText(player))}</code>` }));
    lines.push(nickname ? t('purchase-is-this-you', { nickname: escapeHtml(nickname) }) : t('purchase-not-verifiable'));
  }
  const was = Money.parse(listing.price);
  const now = Money.parse(q.unitPrice);
  if (was.currency === now.currency && !was.equals(now)) lines.push(t('purchase-price-changed', { was: formatMoney(was), now: formatMoney(now) }));
  lines.push(t('purchase-price', { price: `<b>${price}</b>` }));
  if (q.couponCode && !Money.parse(q.discount).isZero()) lines.push(t('purchase-coupon-applied', { code: escapeHtml(q.couponCode), discount: formatMoney(q.discount) }));
  lines.push(t(q.canPayFromWallet ? 'purchase-wallet' : 'purchase-wallet-short', { balance: formatMoney(q.balance) }));

  const keyboard = new InlineKeyboard();
  if (q.canPayFromWallet) {
    const label = nickname ? t('purchase-pay-wallet-nickname', { nickname, price }) : t('purchase-pay-wallet', { price });
    keyboard.text(label, encode('pw', q.id)).row();
  }
  if (q.methods.includes('sellix')) keyboard.text(t('purchase-pay-sellix', { price }), encode('ps', q.id)).row();
  if (q.methods.includes('stars') && q.stars) keyboard.text(t('purchase-pay-stars-button', { stars: q.stars }), encode('pt', q.id)).row();
  keyboard.text(t('purchase-coupon'), encode('f', flowId, 'c'));
  if (listing.fields.length > 0) keyboard.text(t('purchase-change-player'), encode('f', flowId, 'p'));
  keyboard.row().text(t('purchase-cancel'), encode('f', flowId, 'x'));
  return { text: lines.join('\n'), keyboard };
}
