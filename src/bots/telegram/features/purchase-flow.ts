import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard, type Context } from 'grammy';
import { checkField } from '../../../core/catalog/player-validation.js';
import type { PlayerFieldSpec } from '../../../core/catalog/types.js';
import type { PaymentMethodId } from '../../../core/ports/payment.js';
import { decode, encode } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml, fieldLabel, formatMoney, playerText, renderError } from '../render.js';
import * as steps from './purchase-steps.js';
import { apiErrors, html, mainMenu, type BuyerFeatureDeps } from './shared.js';

export interface FlowArgs {
  listingId: string;
  ownerId: number;
  chatId: number;
  locale: string;
  /** Marks this flow's buttons, so a button from an earlier flow is answered "expired". */
  flowId: string;
}

type FlowAction = 'u' | 'c' | 'p' | 'x' | 'b' | 'o';

type Input =
  | { kind: 'text'; text: string }
  | { kind: 'action'; action: FlowAction; arg?: number; queryId?: string; messageId?: number }
  | { kind: 'pay'; method: PaymentMethodId; queryId: string; messageId: number };

export const payMethods = { pw: 'wallet', ps: 'sellix', pt: 'stars' } as const;

/**
 * The purchase conversation: the listing's player fields (each checked as typed) → the
 * reseller's nickname check → a quote with one button per way to pay, a coupon and a way back →
 * the order. Its state lives in the key-value store, so it survives a restart; every core call
 * and every message goes through `conversation.external`, so a replay repeats none of them.
 */
export function createPurchaseConversation(deps: BuyerFeatureDeps) {
  return async function purchase(conversation: Conversation<BotContext, Context>, _ctx: Context, args: FlowArgs): Promise<void> {
    const t = deps.translate(args.locale);
    const { api } = deps;
    const chatId = args.chatId;
    let panel: number | undefined;

    const ext = <R>(task: (outer: BotContext) => Promise<R> | R) => conversation.external(task);
    const ack = (input: Input, text?: string) =>
      input.kind !== 'text' && input.queryId
        ? ext(() => api.answerCallbackQuery(input.queryId!, text ? { text } : undefined).then(() => true, (error: unknown) => (apiErrors.staleQuery(error) ? false : Promise.reject(error))))
        : Promise.resolve(false);

    /** Shows the next screen: on a press, in the pressed message; after typed text, as a new message. */
    const present = async (via: Input | undefined, text: string, keyboard?: InlineKeyboard) => {
      const target = via && via.kind !== 'text' ? via.messageId : undefined;
      const previous = panel;
      panel = await ext(async () => {
        const options = { ...html, reply_markup: keyboard ?? new InlineKeyboard() };
        if (target !== undefined) {
          try {
            await api.editMessageText(chatId, target, text, options);
            return target;
          } catch (error) {
            if (apiErrors.notModified(error)) return target;
            if (!apiErrors.cannotEdit(error)) throw error;
          }
        }
        // The old screen's buttons belong to a step that is over.
        if (previous !== undefined) await api.editMessageReplyMarkup(chatId, previous, { reply_markup: new InlineKeyboard() }).catch(() => undefined);
        return (await api.sendMessage(chatId, text, options)).message_id;
      });
      return panel;
    };

    /** Waits for this flow's next input; anything else leaves the flow or is passed on. */
    const read = async (accept: { text: boolean; actions: FlowAction[]; quoteId?: string }): Promise<Input> => {
      const ctx = await conversation.wait();
      if (ctx.from?.id !== args.ownerId) {
        const query = ctx.callbackQuery;
        if (query) await ext(() => api.answerCallbackQuery(query.id, { text: t('button-not-yours') }).catch(() => true));
        return conversation.skip({ next: false });
      }
      const query = ctx.callbackQuery;
      if (query) {
        const data = decode(query.data);
        const messageId = query.message?.message_id;
        if (data?.kind === 'f') {
          const [flow, action, arg] = data.args;
          if (flow === args.flowId && accept.actions.includes(action)) return { kind: 'action', action, ...(arg !== undefined ? { arg } : {}), queryId: query.id, ...(messageId !== undefined ? { messageId } : {}) };
          await ext(() => api.answerCallbackQuery(query.id, { text: t('button-expired') }).catch(() => true));
          return conversation.skip({ next: false });
        }
        if (data && (data.kind === 'pw' || data.kind === 'ps' || data.kind === 'pt') && data.args[0] === accept.quoteId && messageId !== undefined) {
          return { kind: 'pay', method: payMethods[data.kind], queryId: query.id, messageId };
        }
        // Any other button (a new listing, the menu, an older quote): the buyer moved on.
        return conversation.halt({ next: true });
      }
      const text = ctx.message?.text;
      if (text !== undefined) {
        if (/^\/cancel(@\w+)?(\s|$)/i.test(text.trim())) return { kind: 'action', action: 'x' };
        if (text.startsWith('/') || !accept.text) return conversation.halt({ next: true });
        return { kind: 'text', text };
      }
      return conversation.skip({ next: true });
    };

    const cancel = async (via: Input) => {
      await ack(via);
      await present(via, t('purchase-cancelled'), mainMenu(t));
    };

    const loaded = await ext(() => steps.loadListing(deps, args.listingId));
    if (!loaded.ok) {
      await present(undefined, renderError(t, loaded));
      return;
    }
    const listing = loaded.value;
    const header = t('purchase-header', { name: escapeHtml(listing.name), price: formatMoney(listing.price) });
    let via: Input | undefined;
    let offerSaved = true;
    let problem: string | undefined;

    for (;;) {
      // 1. Who it is for: each field as typed, or the remembered player in one tap.
      let player: Record<string, string> = {};
      if (listing.fields.length > 0) {
        const saved = offerSaved ? await ext((outer) => steps.savedPlayerFor(deps, outer.buyer, listing)) : null;
        const collected = await collect(listing.fields, saved, problem);
        if (collected === 'cancel') return;
        player = collected;
      }
      problem = undefined;
      const checked = await ext((outer) => steps.checkPlayer(deps, outer.buyer, listing.id, player));
      if (!checked.ok) {
        if (checked.code === 'player_not_found' || checked.code === 'player_fields_invalid') {
          // Ask again, without offering the player that was just refused.
          problem = renderError(t, checked);
          offerSaved = false;
          via = undefined;
          continue;
        }
        await present(via, renderError(t, checked), mainMenu(t));
        return;
      }
      player = checked.value.player;
      const nickname = checked.value.nickname;

      // 2. The quote, with one button per way to pay; a coupon or a retry re-quotes.
      let coupon: string | null = null;
      let notice: string | undefined;
      let changePlayer = false;
      while (!changePlayer) {
        const quoted = await ext((outer) => steps.quote(deps, outer.buyer, { listingId: listing.id, player, nickname, couponCode: coupon }));
        if (!quoted.ok) {
          if (coupon && quoted.code.startsWith('coupon_')) {
            notice = renderError(t, quoted);
            coupon = null;
            continue;
          }
          await present(via, renderError(t, quoted), mainMenu(t));
          return;
        }
        const q = quoted.value;
        const screen = steps.confirmScreen(t, args.flowId, listing, player, nickname, q, notice);
        notice = undefined;
        const messageId = await present(via, screen.text, screen.keyboard);
        const input = await read({ text: false, actions: ['c', 'p', 'x'], quoteId: q.id });
        via = input;
        if (input.kind === 'action' && input.action === 'x') return cancel(input);
        if (input.kind === 'action' && input.action === 'p') {
          await ack(input);
          offerSaved = false;
          changePlayer = true;
          continue;
        }
        if (input.kind === 'action' && input.action === 'c') {
          await ack(input);
          await present(input, t('purchase-coupon-ask'), new InlineKeyboard().text(t('purchase-back'), encode('f', args.flowId, 'b')).text(t('purchase-cancel'), encode('f', args.flowId, 'x')));
          const typed = await read({ text: true, actions: ['b', 'x'] });
          via = typed;
          if (typed.kind === 'action' && typed.action === 'x') return cancel(typed);
          if (typed.kind === 'text') coupon = typed.text.trim().slice(0, 40);
          else await ack(typed);
          continue;
        }
        if (input.kind !== 'pay') continue;
        await ack(input);
        const paid = await ext((outer) => steps.payQuote(deps, outer.buyer, t, { quoteId: q.id, method: input.method, chatId, messageId: input.messageId ?? messageId, announce: true }));
        if (paid.kind !== 'failed') return;
        // The screen comes back with the reason; an expired price is simply quoted again.
        notice = paid.code === 'quote_expired' ? t('purchase-quote-renewed') : renderError(t, paid);
        if (paid.code === 'coupon_used_up') coupon = null;
        if (!['quote_expired', 'wallet_insufficient', 'coupon_used_up', 'payment_method_unavailable', 'payment_failed', 'price_changed', 'out_of_stock'].includes(paid.code)) {
          await present(via, notice, mainMenu(t));
          return;
        }
      }
    }

    /** Asks for each field in turn, checking it as typed; the saved player answers them all at once. */
    async function collect(
      fields: PlayerFieldSpec[],
      saved: { player: Record<string, string>; nickname: string | null } | null,
      firstProblem: string | undefined,
    ): Promise<Record<string, string> | 'cancel'> {
      const player: Record<string, string> = {};
      let problemText = firstProblem;
      for (let index = 0; index < fields.length; index++) {
        const field = fields[index]!;
        for (;;) {
          const label = fieldLabel(t, field);
          const prompt = field.options?.length ? t('purchase-ask-option', { field: label }) : t('purchase-ask-field', { field: label });
          const hint = field.hint && !field.options?.length ? `\n<i>${escapeHtml(field.hint)}</i>` : '';
          const text = [header, '', ...(problemText ? [problemText, ''] : []), prompt + hint].join('\n');
          const keyboard = new InlineKeyboard();
          const offer = index === 0 && saved ? saved : null;
          if (offer) {
            const who = playerText(offer.player) + (offer.nickname ? ` · ${offer.nickname}` : '');
            keyboard.text(t('purchase-use-saved', { player: who }), encode('f', args.flowId, 'u')).row();
          }
          (field.options ?? []).slice(0, 40).forEach((option, i) => {
            keyboard.text(option.label, encode('f', args.flowId, 'o', i));
            if (i % 2 === 1) keyboard.row();
          });
          keyboard.row();
          if (!field.required) keyboard.text(t('purchase-skip'), encode('f', args.flowId, 'b'));
          keyboard.text(t('purchase-cancel'), encode('f', args.flowId, 'x'));
          await present(via, text, keyboard);
          const actions: FlowAction[] = ['x', ...(offer ? (['u'] as const) : []), ...(field.options?.length ? (['o'] as const) : []), ...(!field.required ? (['b'] as const) : [])];
          const input = await read({ text: true, actions });
          via = input;
          let value: string | undefined;
          if (input.kind === 'action') {
            if (input.action === 'x') {
              await cancel(input);
              return 'cancel';
            }
            await ack(input);
            if (input.action === 'u' && offer) return { ...offer.player };
            if (input.action === 'o') value = field.options?.[input.arg ?? -1]?.value;
            if (input.action === 'b') value = '';
          } else if (input.kind === 'text') {
            value = input.text;
          }
          const result = checkField(field, value);
          if (typeof result === 'string') {
            if (result !== '') player[field.key] = result;
            problemText = undefined;
            break;
          }
          problemText = renderError(t, { code: 'player_fields_invalid', params: { problem: result.problem, ...(result.hint ? { hint: result.hint } : {}) } }, label);
        }
      }
      return player;
    }
  };
}

