import { InlineKeyboard, type Api } from 'grammy';
import type { BuyerAddress, BuyerNotice, Notifier, OperatorAlert } from '../../core/ports/notifier.js';
import type { Logger } from '../../logger.js';
import { encode } from './callback-data.js';
import { encodeAdminCallback } from './features/admin/index.js';
import { apiErrors, html } from './features/shared.js';
import type { Translate } from './i18n.js';
import { renderOperatorAlert } from './operator-alerts.js';
import { escapeHtml, formatMoney, renderError, renderOrder } from './render.js';

/** States that also get a new message, so the buyer's phone rings; the others only edit. */
const ringing: ReadonlySet<string> = new Set(['completed', 'failed', 'refunded']);

export interface TelegramNotifierDeps {
  api: Api;
  translate(locale: string): Translate;
  logger: Logger;
  operatorChatId?: string;
}

/**
 * Buyer notices and operator alerts over the Bot API. An order's status notices edit the one
 * order message the purchase left behind (`{chatId, messageId}`), so the buyer sees a single
 * message move from paid to completed; completion and failure also send a new message. Notices
 * only ever go to the buyer's private chat: codes are never posted in a group.
 */
export class TelegramNotifier implements Notifier {
  readonly platform = 'telegram' as const;

  constructor(private readonly deps: TelegramNotifierDeps) {}

  async notifyBuyer(address: BuyerAddress, notice: BuyerNotice, context: Record<string, string> | null): Promise<Record<string, string> | null> {
    const t = this.deps.translate(address.language);
    const chatId = address.platformUserId;
    try {
      if (notice.kind === 'order_status') return await this.orderStatus(t, chatId, notice, context);
      await this.deps.api.sendMessage(chatId, this.plainNotice(t, notice), html);
      return context;
    } catch (error) {
      if (!apiErrors.unreachable(error)) throw error;
      // Blocked or gone: retrying will not help, and the order itself is unaffected.
      this.deps.logger.info({ buyer: address.userId, notice: notice.kind }, 'buyer unreachable on Telegram; notice dropped');
      return context;
    }
  }

  private async orderStatus(
    t: Translate,
    chatId: string,
    notice: Extract<BuyerNotice, { kind: 'order_status' }>,
    context: Record<string, string> | null,
  ): Promise<Record<string, string>> {
    const { order } = notice;
    const text = renderOrder(t, order, notice.refund);
    const final = ring(order.state);
    const keyboard = final ? new InlineKeyboard().text(t('menu-orders'), encode('op', 1)).text(t('menu-shop'), encode('m', 'shop')) : undefined;
    const options = { ...html, ...(keyboard ? { reply_markup: keyboard } : {}) };
    // Only a message in this buyer's own chat is edited; any other context is ignored.
    let messageId = context?.chatId === chatId && /^\d+$/.test(context.messageId ?? '') ? Number(context.messageId) : undefined;
    if (messageId !== undefined) {
      try {
        await this.deps.api.editMessageText(chatId, messageId, text, options);
      } catch (error) {
        if (apiErrors.cannotEdit(error)) messageId = undefined;
        else if (!apiErrors.notModified(error)) throw error;
      }
    }
    if (messageId === undefined) {
      messageId = (await this.deps.api.sendMessage(chatId, text, options)).message_id;
    } else if (final) {
      await this.deps.api.sendMessage(chatId, this.ring(t, notice), html);
    }
    return { chatId, messageId: String(messageId) };
  }

  /** The new message on completion or failure: short, and with the codes so nothing needs a tap. */
  private ring(t: Translate, notice: Extract<BuyerNotice, { kind: 'order_status' }>): string {
    const { order } = notice;
    const reference = escapeHtml(order.reference);
    switch (order.state) {
      case 'completed':
        return [t('notice-completed', { reference }), ...renderOrder(t, order).split('\n').slice(1)].join('\n');
      case 'refunded':
        return t('notice-refunded', {
          reference,
          amount: formatMoney(notice.refund?.amount ?? order.price),
          to: t(notice.refund?.to === 'original' ? 'refund-to-original' : 'refund-to-wallet', { method: t(`method-${order.paymentMethod}`) }),
        });
      default:
        return t('notice-failed', { reference, reason: renderError(t, { code: order.failureCode ?? 'internal' }) });
    }
  }

  private plainNotice(t: Translate, notice: Exclude<BuyerNotice, { kind: 'order_status' }>): string {
    switch (notice.kind) {
      case 'wallet_credited':
      case 'wallet_debited':
        return t(notice.kind === 'wallet_credited' ? 'notice-wallet-credited' : 'notice-wallet-debited', {
          amount: formatMoney(notice.amount.isNegative() ? notice.amount.negate() : notice.amount),
          balance: formatMoney(notice.balance),
          reason: t(`ledger-${notice.reason}`),
          reference: escapeHtml(notice.reference),
        });
      case 'payment_expired':
        return t('notice-payment-expired', { reference: escapeHtml(notice.reference), amount: formatMoney(notice.amount) });
      case 'late_payment_credited':
        return t('notice-late-payment', { reference: escapeHtml(notice.reference), amount: formatMoney(notice.amount), balance: formatMoney(notice.balance) });
      case 'support_reply':
        return t('notice-support-reply', { text: escapeHtml(notice.text) });
      case 'broadcast':
        return escapeHtml(notice.text);
      default: {
        const unreachable: never = notice;
        throw new Error(`unknown notice ${JSON.stringify(unreachable)}`);
      }
    }
  }

  async alertOperators(alert: OperatorAlert): Promise<void> {
    const chatId = this.deps.operatorChatId;
    if (!chatId) {
      this.deps.logger.warn({ alert: alert.kind, order: alert.orderReference }, `operator alert (no OPERATOR_TELEGRAM_CHAT_ID): ${alert.text}`);
      return;
    }
    const rendered = renderOperatorAlert(alert);
    const reference = rendered.orderReference;
    // The admin feature opens the order from this button (`ao:<reference>`).
    const keyboard = reference ? new InlineKeyboard().text(`🧾 ${reference}`, encodeAdminCallback('open', reference)) : undefined;
    await this.deps.api.sendMessage(chatId, rendered.text, { ...html, ...(keyboard ? { reply_markup: keyboard } : {}) });
  }
}

function ring(state: string): boolean {
  return ringing.has(state);
}
