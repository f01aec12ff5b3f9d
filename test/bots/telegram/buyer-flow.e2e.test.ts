import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../../src/core/money.js';
import { newBuyer } from './support/buyer.js';
import { buttonsOf, createBotHarness, OPERATOR_CHAT, type BotHarness } from './support/harness.js';

let h: BotHarness;

beforeAll(async () => {
  h = await createBotHarness({ bot: { rateLimit: { points: 12, windowMs: 10_000 } } });
  await h.startBot();
});

afterAll(async () => {
  await h?.close();
});

describe('the purchase flow', () => {
  it('asks for the player id again when the reseller does not know the player', async () => {
    const buyer = newBuyer(h);
    let mark = buyer.send('pubg 60');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /PUBG Mobile 60 UC/);
    await buyer.see(/Send your Player ID/, { after: results.messageId });
    mark = buyer.send('40412345');
    const again = await buyer.see(/No player with this ID was found/, { after: mark });
    expect(again.text).toMatch(/Send your Player ID/);
    mark = buyer.send('12345678');
    await buyer.see(/Is this you: PlayerOne\?/, { after: mark });
  });

  it('shows the new price before payment when the price changed since the listing was shown', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '10');
    const mark = buyer.send('price change demo');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /Price Change demo/);
    const confirm = await buyer.see(/price changed from/, { after: results.messageId });
    const [was, now] = [...(confirm.text ?? '').matchAll(/(\d+\.\d\d) USD/g)].map((m) => m[1]);
    expect(Number(now)).toBeGreaterThan(Number(was));
    buyer.press(confirm, new RegExp(`Pay ${now!.replace('.', '\\.')} USD from wallet`));
    await buyer.see(/is complete/, { after: confirm.messageId });
  });

  it('tells the buyer when a paid order fails and the money goes back to the wallet', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    let mark = buyer.send('pubg 60');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /PUBG Mobile 60 UC/);
    await buyer.see(/Send your Player ID/, { after: results.messageId });
    // The sandbox refuses this player's order with a new price after the payment.
    mark = buyer.send('77771234');
    const confirm = await buyer.see(/Is this you/, { after: mark });
    buyer.press(confirm, /from wallet/);
    const failed = await buyer.see(/failed: ⚠️ The price has changed/, { after: confirm.messageId });
    const refunded = await buyer.see(/0\.97 USD returned to your wallet/, { after: failed.messageId });
    expect(refunded).toBeDefined();
    await buyer.seeEdited(confirm, /Refunded/);
    const record = await h.shop.storage.users.findByIdentity('telegram', String(buyer.id));
    expect((await h.shop.wallet.balance(record!.id)).toString()).toBe('5.00 USD');
  });

  it('continues a flow after the bot restarts, on a new bot instance over the same store', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    let mark = buyer.send('pubg 60');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /PUBG Mobile 60 UC/);
    await buyer.see(/Send your Player ID/, { after: results.messageId });

    await h.stopBot();
    mark = buyer.send('12345678');
    await h.startBot();
    const confirm = await buyer.see(/Is this you: PlayerOne\?/, { after: mark });
    await h.stopBot();
    buyer.press(confirm, /from wallet/);
    await h.startBot();
    await buyer.see(/is complete/, { after: confirm.messageId });
    expect((await h.latestOrder(buyer.user))?.state).toBe('completed');
  });

  it('starts a new purchase when another listing is tapped mid-flow', async () => {
    const buyer = newBuyer(h);
    const mark = buyer.send('pubg');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /PUBG Mobile 60 UC/);
    const first = await buyer.see(/PUBG Mobile 60 UC[\s\S]*Send your Player ID/, { after: results.messageId });
    buyer.press(results, /PUBG Mobile 325 UC/);
    await buyer.see(/PUBG Mobile 325 UC[\s\S]*Send your Player ID/, { after: first.messageId });
    const typed = buyer.send('12345678');
    const confirm = await buyer.see(/Is this you/, { after: typed });
    expect(confirm.text).toMatch(/PUBG Mobile 325 UC/);
  });
});

describe('inline mode and groups', () => {
  it('answers an inline query at once with results that open the purchase in the private chat', async () => {
    const buyer = newBuyer(h);
    const started = Date.now();
    const id = buyer.user.inline('pubg 60');
    const query = await h.fake.waitFor(() => h.fake.inlineQuery(id)?.answered && h.fake.inlineQuery(id));
    expect(Date.now() - started).toBeLessThan(1_000);
    const first = query.results?.[0] as { title: string; reply_markup: { inline_keyboard: Array<Array<{ url: string }>> } };
    expect(first.title).toBe('PUBG Mobile 60 UC — 0.97 USD');
    const url = first.reply_markup.inline_keyboard[0]![0]!.url;
    const payload = new URL(url).searchParams.get('start');
    expect(url.startsWith(`https://t.me/${h.fake.me.username}?start=l_`)).toBe(true);

    const mark = buyer.send(`/start ${payload}`);
    await buyer.see(/PUBG Mobile 60 UC[\s\S]*Send your Player ID/, { after: mark });
  });

  it('answers buyer commands in a group with a deep link and never asks for player data there', async () => {
    const buyer = newBuyer(h);
    const group = buyer.user.inGroup(-100_555, { title: 'Gamers' });
    group.send('/search pubg 60');
    const reply = await h.fake.waitForMessage(-100_555, (m) => /private chat/.test(m.text ?? ''));
    const [button] = buttonsOf(reply);
    expect(button?.url).toMatch(new RegExp(`^https://t\\.me/${h.fake.me.username}\\?start=s_`));
    group.send('12345678');
    group.send('/wallet');
    await h.fake.waitFor(() => h.fake.messages(-100_555).length === 2);
    expect(h.fake.messages(-100_555).map((m) => m.text).join('\n')).not.toMatch(/Player ID|Wallet balance|USD/);

    const mark = buyer.send(`/start ${new URL(button!.url!).searchParams.get('start')}`);
    await buyer.see(/Results for “pubg 60”/, { after: mark });
  });
});

describe('traffic', () => {
  it('slows a flooding user and tells them once, while another user is answered', async () => {
    const flooder = newBuyer(h);
    const other = newBuyer(h, { first_name: 'Bo' });
    const mark = flooder.mark();
    for (let i = 0; i < 30; i++) flooder.user.send(`steam ${i}`);
    await flooder.see(/going too fast/, { after: mark });
    const otherMark = other.send('/start');
    await other.see(/Hi Bo/, { after: otherMark });
    await h.fake.waitForDelivered();
    const told = flooder.messagesAfter(mark).filter((m) => /going too fast/.test(m.text ?? ''));
    expect(told).toHaveLength(1);
    expect(flooder.messagesAfter(mark).length).toBeLessThanOrEqual(13);
  });

  it('waits out a 429 with retry_after and still delivers the answer', async () => {
    const buyer = newBuyer(h);
    h.fake.failNext('sendMessage', { retryAfter: 1 });
    const started = Date.now();
    const mark = buyer.send('/help');
    await buyer.see(/How to buy/, { after: mark });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.fake.calls('sendMessage').filter((c) => c.errorCode === 429)).toHaveLength(1);
  });
});

describe('notifications', () => {
  it('sends a new order message when the one to edit is gone, and ignores "message is not modified"', async () => {
    const buyer = newBuyer(h);
    const order = {
      reference: 'AAAA-BBBB',
      state: 'paid',
      listingName: 'PUBG Mobile 60 UC',
      quantity: 1,
      price: Money.of('0.97', 'USD'),
      paymentMethod: 'wallet',
      player: { player_id: '12345678' },
      nickname: 'Player<One>',
      items: [],
      failureCode: null,
      createdAt: new Date(),
    };
    const address = { userId: 'u', platform: 'telegram' as const, platformUserId: String(buyer.id), language: 'en' };
    const first = await h.telegram.notifier.notifyBuyer(address, { kind: 'order_status', order }, { chatId: String(buyer.id), messageId: '999999' });
    const sent = await buyer.see(/Paid/);
    expect(first).toEqual({ chatId: String(buyer.id), messageId: String(sent.messageId) });
    expect(sent.rawText).toContain('(Player&lt;One&gt;)');
    const again = await h.telegram.notifier.notifyBuyer(address, { kind: 'order_status', order }, first);
    expect(again).toEqual(first);
    expect(h.fake.calls('editMessageText').at(-1)?.description).toMatch(/message is not modified/);
  });

  it('alerts operators in the operator chat with a button that opens the order', async () => {
    await h.telegram.notifier.alertOperators({ kind: 'order_failed', severity: 'warning', text: 'Order K7F3-92QX failed <badly>.', orderReference: 'K7F3-92QX' });
    const alert = await h.fake.waitForMessage(OPERATOR_CHAT, (m) => /K7F3-92QX/.test(m.text ?? ''));
    expect(buttonsOf(alert)).toEqual([expect.objectContaining({ data: 'ao:K7F3-92QX' })]);
  });
});
