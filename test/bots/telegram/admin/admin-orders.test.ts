import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../../fakes/telegram.fake.js';
import { inlineButtons, inlineKeyboardOf } from '../../../fakes/telegram/keyboard.js';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, handledSoFar, OPERATOR_CHAT_ID, startAdminEnv, type AdminEnv } from './harness.js';

const buttonsOf = (message: FakeMessage) =>
  inlineButtons(inlineKeyboardOf(message.replyMarkup)).map((b) => ({
    text: b.text,
    data: 'callback_data' in b ? b.callback_data : undefined,
  }));

describe('admin order commands and buttons (through the fake Telegram server)', () => {
  let database: TestDatabase;
  let env: AdminEnv;
  let nextBuyer = 610_000;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    env = await startAdminEnv(database);
  });
  afterAll(async () => {
    await env?.close();
    await database?.dispose();
  });

  async function paidBuyer() {
    const telegramId = ++nextBuyer;
    env.fake.user(telegramId, { language_code: 'en' });
    const buyer = await env.buyer(telegramId);
    await env.fund(buyer, '20.00');
    return buyer;
  }

  async function openCard(reference: string) {
    const admin = env.fake.user(ADMIN_ID, { language_code: 'en' });
    admin.send(`/order ${reference.toLowerCase()}`);
    const card = await admin.waitForMessage((m) => (m.text?.startsWith('🧾') ?? false) && (m.text?.includes(reference) ?? false));
    return { admin, card };
  }

  it('shows an order with its details, events and the actions its state allows', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const { card } = await openCard(order.reference);
    expect(card.text).toContain(`Order ${order.reference} — needs_review`);
    expect(card.text).toContain('PUBG Mobile 60 UC × 1');
    expect(card.text).toContain(`player_id=${order.player.player_id}`);
    expect(card.text).toContain('Reseller: sandbox');
    expect(card.text).toMatch(/paid → submitted/);
    expect(card.text).toMatch(/processing → needs_review · reseller did not answer \(reconciler\)/);
    expect(buttonsOf(card)).toEqual([
      { text: '🔁 Retry', data: `ar:${order.reference}` },
      { text: '💸 Refund', data: `af:${order.reference}` },
      { text: '✅ Mark completed', data: `am:${order.reference}` },
      { text: '🔄 Refresh', data: `aq:${order.reference}` },
    ]);
  });

  it('answers a malformed or unknown reference with usage or "not found"', async () => {
    const admin = env.fake.user(ADMIN_ID);
    admin.send('/order');
    await admin.waitForMessage((m) => m.text === 'Usage: /order K7F3-92QX');
    admin.send('/order ZZZZ-ZZZZ');
    const notFound = await admin.waitForMessage((m) => m.text?.startsWith('⚠️') ?? false);
    expect(notFound.text).toBe('⚠️ Order not found.');
  });

  it('retries from the card: the press is answered, the event recorded and the card redrawn', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const { admin, card } = await openCard(order.reference);
    const pressed = admin.press(card, `ar:${order.reference}`);
    await env.fake.waitFor(() => env.fake.isAnswered(pressed));
    expect(env.fake.callbackQuery(pressed)?.answer?.text).toBe(`Retry requested for ${order.reference}.`);
    const redrawn = await admin.waitForMessage((m) => m.messageId === card.messageId && (m.text?.includes('retry requested') ?? false));
    expect(redrawn.editCount).toBeGreaterThan(0);
    const events = await env.shop.storage.events.listForOrder(order.id);
    expect(events.at(-1)).toMatchObject({ reason: 'retry requested', actor: `admin:telegram:${ADMIN_ID}` });
  });

  it('marks a needs-review order completed with a typed code, and the buyer gets the code', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const { admin, card } = await openCard(order.reference);
    const pressed = admin.press(card, `am:${order.reference}`);
    await env.fake.waitFor(() => env.fake.isAnswered(pressed));
    const prompt = await admin.waitForMessage((m) => m.text?.includes('Reply to this message with the code') ?? false);
    expect(prompt.replyMarkup).toMatchObject({ force_reply: true, selective: true });

    admin.reply(prompt, 'UC-HAND-0001');
    await admin.waitForMessage((m) => m.text?.startsWith(`✅ Order ${order.reference} marked completed with 1 code(s)`) ?? false);
    const done = (await env.shop.storage.orders.findById(order.id))!;
    expect(done.state).toBe('completed');
    expect(done.delivery?.items).toEqual([{ code: 'UC-HAND-0001' }]);
    expect((await env.shop.storage.events.listForOrder(order.id)).at(-1)).toMatchObject({ toState: 'completed', actor: `admin:telegram:${ADMIN_ID}` });

    const buyerChat = Number(buyer.platformUserId);
    await env.fake.waitForMessage(buyerChat, (m) => m.text?.includes('UC-HAND-0001') ?? false);
    const notice = env.notifier.notices.find((n) => n.notice.kind === 'order_status' && n.notice.order.reference === order.reference && n.notice.order.state === 'completed');
    expect(notice?.notice.kind === 'order_status' && notice.notice.order.items).toEqual([{ code: 'UC-HAND-0001' }]);

    // The same reply again (a re-delivered update) finds nothing pending and completes nothing twice.
    const before = env.notifier.notices.length;
    admin.reply(prompt, 'UC-HAND-0002');
    await handledSoFar(admin, '/balances');
    await env.settle();
    expect((await env.shop.storage.orders.findById(order.id))!.delivery?.items).toEqual([{ code: 'UC-HAND-0001' }]);
    expect(env.notifier.notices.length).toBe(before);
  });

  it('completes an order with /complete and several codes, one per line', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const admin = env.fake.user(ADMIN_ID);
    admin.send(`/complete ${order.reference} CODE-A\nCODE-B`);
    await admin.waitForMessage((m) => m.text?.startsWith(`✅ Order ${order.reference} marked completed with 2 code(s)`) ?? false);
    expect((await env.shop.storage.orders.findById(order.id))!.delivery?.items).toEqual([{ code: 'CODE-A' }, { code: 'CODE-B' }]);
    admin.send(`/complete ${order.reference}`);
    await admin.waitForMessage((m) => m.text?.startsWith('Usage: /complete K7F3-92QX CODE') ?? false);
  });

  it('asks again when the typed code is too long, and keeps waiting for it', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const { admin, card } = await openCard(order.reference);
    admin.press(card, `am:${order.reference}`);
    const prompt = await admin.waitForMessage((m) => (m.text?.includes('Reply to this message with the code') ?? false) && (m.text?.includes(order.reference) ?? false));
    admin.reply(prompt, 'X'.repeat(201));
    await admin.waitForMessage((m) => m.text?.startsWith('Send one code per line') ?? false);
    expect((await env.shop.storage.orders.findById(order.id))!.state).toBe('needs_review');
    admin.reply(prompt, 'GOOD-CODE');
    await admin.waitForMessage((m) => m.text?.startsWith(`✅ Order ${order.reference} marked completed`) ?? false);
  });

  it('refunds a needs-review order with /refund: the buyer gets the money back and is told', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const before = await env.shop.wallet.balance(buyer.id);
    const admin = env.fake.user(ADMIN_ID);
    admin.send(`/refund ${order.reference} reseller confirmed it failed`);
    await admin.waitForMessage((m) => m.text === `💸 Order ${order.reference} refunded (now refunded).`);
    expect((await env.shop.storage.orders.findById(order.id))!.state).toBe('refunded');
    expect((await env.shop.wallet.balance(buyer.id)).toString()).toBe(before.add(order.price).toString());
    await env.fake.waitFor(() => env.notifier.notices.some((n) => n.notice.kind === 'order_status' && n.notice.order.reference === order.reference && n.notice.order.state === 'refunded'));
    await env.fake.waitForMessage(Number(buyer.platformUserId), (m) => m.text?.includes(order.reference) ?? false);

    admin.send(`/refund ${order.reference}`);
    const again = await admin.waitForMessage((m) => m.text?.includes('cannot be refunded') ?? false);
    expect(again.text).toMatch(/^⚠️/);
    expect((await env.shop.wallet.balance(buyer.id)).toString()).toBe(before.add(order.price).toString());
  });

  it('refunds from the card only after a confirmation, and a second confirmation changes nothing', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const before = await env.shop.wallet.balance(buyer.id);
    const { admin, card } = await openCard(order.reference);
    const ask = admin.press(card, `af:${order.reference}`);
    await env.fake.waitFor(() => env.fake.isAnswered(ask));
    const confirming = await admin.waitForMessage((m) => m.messageId === card.messageId && buttonsOf(m).some((b) => b.data === `ay:${order.reference}`));
    expect((await env.shop.storage.orders.findById(order.id))!.state).toBe('needs_review');

    const confirm = admin.press(confirming, `ay:${order.reference}`);
    await env.fake.waitFor(() => env.fake.isAnswered(confirm));
    expect(env.fake.callbackQuery(confirm)?.answer?.text).toBe(`💸 Order ${order.reference} refunded (now refunded).`);
    expect((await env.shop.wallet.balance(buyer.id)).toString()).toBe(before.add(order.price).toString());

    const twice = admin.press(confirming, `ay:${order.reference}`, { force: true });
    await env.fake.waitFor(() => env.fake.isAnswered(twice));
    expect(env.fake.callbackQuery(twice)?.answer).toMatchObject({ show_alert: true });
    expect((await env.shop.wallet.balance(buyer.id)).toString()).toBe(before.add(order.price).toString());
  });

  it('opens the order from the button on an operator alert, in the operator group', async () => {
    const buyer = await paidBuyer();
    const order = await env.needsReviewOrder(buyer);
    const alert = await env.fake.waitForMessage(OPERATOR_CHAT_ID, (m) => m.text?.includes(order.reference) ?? false);
    expect(alert.text).toContain('Order needs review');
    expect(buttonsOf(alert).map((b) => b.data)).toEqual([`ao:${order.reference}`]);

    const admin = env.fake.user(ADMIN_ID).inGroup(OPERATOR_CHAT_ID);
    env.fake.setChatMember(OPERATOR_CHAT_ID, ADMIN_ID, 'administrator');
    const pressed = admin.press(alert, `ao:${order.reference}`);
    await env.fake.waitFor(() => env.fake.isAnswered(pressed));
    const card = await admin.waitForMessage((m) => m.text?.startsWith(`🧾 Order ${order.reference}`) ?? false);
    expect(buttonsOf(card).map((b) => b.data)).toContain(`am:${order.reference}`);
    expect(env.fake.message(OPERATOR_CHAT_ID, alert.messageId)?.text).toBe(alert.text);
  });

  it('answers a stale or forged admin button as expired and does nothing', async () => {
    const admin = env.fake.user(ADMIN_ID);
    const pressed = admin.press(admin.send('/stats'), 'ay:not-a-ref', { force: true });
    await env.fake.waitFor(() => env.fake.isAnswered(pressed));
    expect(env.fake.callbackQuery(pressed)?.answer).toEqual({ text: 'This button has expired. Open the order again with /order.', show_alert: true });
  });
});
