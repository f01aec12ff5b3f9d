import type { LabeledPrice, Message } from 'grammy/types';
import { readReplyMarkup } from './keyboard.js';
import { postBotMessage, type MethodHandler } from './methods-messages.js';
import type { BotState, FakeInvoice } from './state.js';
import {
  badRequest, isRecord, optionalBool, optionalJson, optionalString, queryTooOld, requiredChatId, requiredInt,
  requiredString, unixNow, utf8Length, type Params,
} from './wire.js';

/** Checks an invoice the way Telegram does for `sendInvoice` and `createInvoiceLink`. */
function readInvoice(params: Params): FakeInvoice {
  const title = requiredString(params, 'title');
  if (title.length > 32) throw badRequest('INVOICE_TITLE_INVALID');
  const description = requiredString(params, 'description');
  if (description.length > 255) throw badRequest('INVOICE_DESCRIPTION_INVALID');
  const payload = requiredString(params, 'payload', 'INVOICE_PAYLOAD_INVALID');
  if (utf8Length(payload) > 128) throw badRequest('INVOICE_PAYLOAD_INVALID');
  const currency = requiredString(params, 'currency', 'CURRENCY_INVALID');
  const prices = optionalJson(params, 'prices', "can't parse prices JSON object");
  if (!Array.isArray(prices) || prices.length === 0) throw badRequest('parameter "prices" is required');
  for (const p of prices as unknown[]) {
    if (!isRecord(p) || typeof p.label !== 'string' || !Number.isInteger(p.amount)) throw badRequest("can't parse prices JSON object");
  }
  const typed = prices as LabeledPrice[];
  const providerToken = optionalString(params, 'provider_token') ?? '';
  if (currency === 'XTR') {
    // Stars invoices carry no provider and exactly one price.
    if (providerToken !== '' || typed.length !== 1) throw badRequest('STARS_INVOICE_INVALID');
  } else if (providerToken === '') {
    throw badRequest('PAYMENT_PROVIDER_INVALID');
  }
  const totalAmount = typed.reduce((sum, p) => sum + p.amount, 0);
  if (totalAmount <= 0) throw badRequest('CURRENCY_TOTAL_AMOUNT_INVALID');
  return { title, description, payload, currency, prices: typed, totalAmount };
}

function findPayment(bot: BotState, chargeId: string) {
  return bot.payments.find((p) => p.telegramPaymentChargeId === chargeId);
}

export const paymentMethods: Record<string, MethodHandler> = {
  sendInvoice({ bot, params }) {
    const chatId = requiredChatId(params);
    const invoice = readInvoice(params);
    const replyMarkup = readReplyMarkup(params);
    const chat = bot.requireWritableChat(chatId);
    const body = {
      invoice: {
        title: invoice.title, description: invoice.description, start_parameter: optionalString(params, 'start_parameter') ?? '',
        currency: invoice.currency, total_amount: invoice.totalAmount,
      },
    } as Partial<Message>;
    return postBotMessage(bot, chat, params, body, { replyMarkup, invoice }).message;
  },

  createInvoiceLink({ bot, params }) {
    const invoice = readInvoice(params);
    const link = `https://t.me/$${bot.newId('inv')}`;
    bot.invoiceLinks.set(link, { ...invoice, link });
    return link;
  },

  answerPreCheckoutQuery({ bot, params }) {
    const id = optionalString(params, 'pre_checkout_query_id');
    const record = id === undefined ? undefined : bot.preCheckouts.get(id);
    if (!record || record.answered || record.expired) throw queryTooOld();
    const ok = optionalBool(params, 'ok');
    if (ok === undefined) throw badRequest('parameter "ok" is required');
    const errorMessage = optionalString(params, 'error_message');
    if (!ok && (errorMessage === undefined || errorMessage === '')) throw badRequest('ERROR_MESSAGE_EMPTY');
    record.answered = true;
    record.ok = ok;
    if (!ok) record.errorMessage = errorMessage;
    return true;
  },

  refundStarPayment({ bot, params }) {
    const userId = requiredInt(params, 'user_id', 'invalid user_id specified');
    const chargeId = requiredString(params, 'telegram_payment_charge_id', 'CHARGE_ID_EMPTY');
    const payment = findPayment(bot, chargeId);
    if (!payment || payment.userId !== userId) throw badRequest('CHARGE_NOT_FOUND');
    if (payment.refunded) throw badRequest('CHARGE_ALREADY_REFUNDED');
    payment.refunded = true;
    bot.refunds.push({ userId, telegramPaymentChargeId: chargeId, at: Date.now() });
    // Telegram tells the bot too, with a `refunded_payment` service message in the user's chat.
    const chat = bot.chats.get(userId);
    const user = bot.users.get(userId);
    if (chat && user) {
      const message = {
        message_id: bot.allocateMessageId(chat.id), from: user, chat, date: unixNow(),
        refunded_payment: { currency: payment.currency, total_amount: payment.totalAmount, invoice_payload: payment.payload, telegram_payment_charge_id: chargeId },
      } as Message;
      bot.store(message, {});
      bot.pushMessage(message);
    }
    return true;
  },
};
