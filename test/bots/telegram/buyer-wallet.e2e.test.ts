import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buyer, newBuyer } from './support/buyer.js';
import { buttonData, buttonsOf, createBotHarness, type BotHarness } from './support/harness.js';

let h: BotHarness;

beforeAll(async () => {
  h = await createBotHarness();
  await h.startBot();
});

afterAll(async () => {
  await h?.close();
});

async function balanceOf(buyer: Buyer): Promise<string> {
  const record = await h.shop.storage.users.findByIdentity('telegram', String(buyer.id));
  return (await h.shop.wallet.balance(record!.id)).toString();
}

/** Types "pubg 60", taps the listing and types a player id: the confirmation screen. */
async function toConfirmation(buyer: Buyer, playerId = '12345678') {
  let mark = buyer.send('pubg 60');
  const results = await buyer.see(/Results for/, { after: mark });
  buyer.press(results, /PUBG Mobile 60 UC/);
  const prompt = await buyer.see(/Send your Player ID/, { after: results.messageId });
  mark = buyer.send(playerId);
  return { prompt, confirm: await buyer.see(/Is this you|not valid|No player/, { after: mark }) };
}

describe('buying with the wallet', () => {
  it('browses games, categories and products with price and stock, then buys; the order message moves from paid to completed', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '20');
    let mark = buyer.send('/start');
    const menu = await buyer.see(/Hi Ana/, { after: mark });
    expect(buttonsOf(menu).map((b) => b.text)).toEqual(['🛒 Shop', '🔎 Search', '📦 My orders', '👛 Wallet', '❓ Help', '🌐 Language']);

    buyer.press(menu, '🛒 Shop');
    const games = await buyer.seeEdited(menu, /Choose a game/);
    expect(buttonsOf(games).map((b) => b.text)).toEqual(expect.arrayContaining(['🎮 Mobile Legends', '🎮 PUBG Mobile', '🎁 Steam Wallet']));
    buyer.press(games, '🎮 Mobile Legends');
    // A game with one category goes straight to its products: name, price and stock.
    const products = await buyer.seeEdited(menu, /Mobile Legends · Diamonds/);
    expect(products.text).toMatch(/Mobile Legends 86 Diamonds — \d+\.\d\d USD · in stock/);

    buyer.press(products, /Mobile Legends 86 Diamonds/);
    const prompt = await buyer.see(/Send your Player ID/, { after: products.messageId });
    mark = buyer.send('12ab5678');
    const retry = await buyer.see(/Player ID doesn't look right/, { after: mark });
    expect(retry.text).toMatch(/Send your Player ID/);
    expect(prompt.messageId).toBeLessThan(retry.messageId);
    mark = buyer.send('12345678');
    const zone = await buyer.see(/Send your Zone ID/, { after: mark });
    mark = buyer.send('123');
    await buyer.see(/Zone ID is too short/, { after: zone.messageId });
    mark = buyer.send('2001');
    const confirm = await buyer.see(/Is this you: PlayerOne\?/, { after: mark });
    expect(confirm.rawText).toContain('Player: <code>12345678 / 2001</code>');

    const query = buyer.press(confirm, /PlayerOne — pay .* from wallet/);
    await buyer.answer(query);
    await buyer.seeEdited(confirm, /Completed/);
    const history = buyer.history(confirm);
    const paid = history.findIndex((t) => t.includes('Paid'));
    const completed = history.findIndex((t) => t.includes('Completed'));
    expect(paid).toBeGreaterThan(0);
    expect(completed).toBeGreaterThan(paid);
    // And a new message, so the phone rings: with the delivery in it, no tap needed.
    const ring = await buyer.see(/is complete/, { after: confirm.messageId });
    expect(ring.text).toMatch(/Delivered to PlayerOne/);
    const order = await h.latestOrder(buyer.user);
    expect(order?.state).toBe('completed');
    expect(await balanceOf(buyer)).toBe(`${(20 - Number(order!.price.toDecimalString())).toFixed(2)} USD`);
  });

  it('shows a voucher code in copyable form in the completion message', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '30');
    const mark = buyer.send('steam 10');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /Steam Wallet 10 USD/);
    const confirm = await buyer.see(/Price:/, { after: results.messageId });
    expect(confirm.text).not.toMatch(/Player/);
    buyer.press(confirm, /Pay .* from wallet/);
    const ring = await buyer.see(/is complete/, { after: confirm.messageId });
    expect(ring.rawText).toMatch(/<code>DEMO-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}<\/code>/);
  });

  it('takes a returning buyer with wallet balance from /start to the delivery in five actions', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '20');
    // An earlier purchase remembers the player for the game.
    await toConfirmation(buyer);
    buyer.send('/cancel');
    await buyer.see(/Purchase cancelled/);
    buyer.actions = 0;

    let mark = buyer.send('/start'); // 1
    await buyer.see(/Hi Ana/, { after: mark });
    mark = buyer.send('pubg 60'); // 2
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /PUBG Mobile 60 UC/); // 3
    const prompt = await buyer.see(/Send your Player ID/, { after: results.messageId });
    buyer.press(prompt, /Use 12345678 · PlayerOne/); // 4: one tap on the remembered player
    const confirm = await buyer.seeEdited(prompt, /Is this you: PlayerOne\?/);
    buyer.press(confirm, /PlayerOne — pay 0\.97 USD from wallet/); // 5: the one button shows the nickname and the price
    const ring = await buyer.see(/is complete/, { after: confirm.messageId });
    expect(ring.text).toMatch(/Delivered to PlayerOne/);
    expect(buyer.actions).toBe(5);
  });

  it('makes one order and one debit when pay is pressed twice, and answers both presses', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    const { confirm } = await toConfirmation(buyer);
    const data = buttonData(confirm, /from wallet/);
    const first = buyer.pressData(confirm, data);
    const second = buyer.pressData(confirm, data);
    await buyer.answer(first);
    expect((await buyer.answer(second)).text).toMatch(/already placed/);
    await buyer.see(/is complete/, { after: confirm.messageId });
    const record = await h.shop.storage.users.findByIdentity('telegram', String(buyer.id));
    const { total } = await h.shop.buyerOrders(record!, { limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(await balanceOf(buyer)).toBe('4.03 USD');

    // A stale press long after changes nothing either.
    const late = buyer.pressData(confirm, data);
    expect((await buyer.answer(late)).text).toMatch(/already placed/);
    expect((await h.shop.buyerOrders(record!, { limit: 10, offset: 0 })).total).toBe(1);
  });

  it("refuses another user's press on a buyer's buttons and lets the buyer carry on", async () => {
    const buyer = newBuyer(h);
    const stranger = newBuyer(h, { first_name: 'Eve' });
    await h.fund(buyer.user, '5');
    await h.fund(stranger.user, '5');
    const { confirm } = await toConfirmation(buyer);
    const query = stranger.user.press(confirm, buttonData(confirm, /from wallet/));
    expect((await buyer.answer(query)).text).toBe("This button isn't yours.");
    expect(await h.latestOrder(stranger.user)).toBeUndefined();
    expect(await h.latestOrder(buyer.user)).toBeUndefined();

    buyer.press(confirm, /from wallet/);
    await buyer.see(/is complete/, { after: confirm.messageId });
    expect((await h.latestOrder(buyer.user))?.state).toBe('completed');
  });

  it('leaves the flow on the Cancel button and on /cancel; the old buttons then answer as expired', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    const { prompt } = await toConfirmation(buyer, '12345678');
    const confirm = await buyer.see(/Is this you/);
    const cancel = buyer.press(confirm, /Cancel/);
    await buyer.answer(cancel);
    await buyer.seeEdited(confirm, /Purchase cancelled/);

    const again = await toConfirmation(buyer);
    const couponData = buttonData(again.confirm, /Coupon/);
    const mark = buyer.send('/cancel');
    await buyer.see(/Purchase cancelled/, { after: mark });
    // Typed text is a search again, not a player id.
    const after = buyer.send('12345678');
    await buyer.see(/Nothing found|Results for/, { after });

    const stale = buyer.pressData(again.confirm, couponData);
    expect((await buyer.answer(stale)).text).toMatch(/expired/);
    expect(prompt).toBeDefined();
    expect(await h.latestOrder(buyer.user)).toBeUndefined();
  });

  it('quotes again when the held price expired before the buyer paid', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    const { confirm } = await toConfirmation(buyer);
    h.advance(301_000);
    buyer.press(confirm, /from wallet/);
    const renewed = await buyer.seeEdited(confirm, /price was held for a few minutes only/);
    expect(await h.latestOrder(buyer.user)).toBeUndefined();
    buyer.press(renewed, /from wallet/);
    await buyer.see(/is complete/, { after: confirm.messageId });
  });

  it('applies a coupon from the coupon button before paying', async () => {
    await h.shop.storage.coupons.upsert({ code: 'SAVE10', percentOff: '10', maxUses: 5, listingId: null, expiresAt: null, active: true });
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '5');
    const { confirm } = await toConfirmation(buyer);
    buyer.press(confirm, /Coupon/);
    await buyer.seeEdited(confirm, /Send your coupon code/);
    let mark = buyer.send('NOPE');
    const refused = await buyer.see(/coupon is not valid/, { after: mark });
    buyer.press(refused, /Coupon/);
    await buyer.seeEdited(refused, /Send your coupon code/);
    mark = buyer.send('SAVE10');
    const discounted = await buyer.see(/Coupon SAVE10: −0\.10 USD/, { after: mark });
    expect(discounted.text).toMatch(/Price: 0\.87 USD/);
    buyer.press(discounted, /pay 0\.87 USD from wallet/);
    await buyer.see(/is complete/, { after: discounted.messageId });
    expect(await balanceOf(buyer)).toBe('4.13 USD');
  });

  it('shows my orders, paged, with the codes again in the details', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '30');
    let mark = buyer.send('steam 10');
    const results = await buyer.see(/Results for/, { after: mark });
    buyer.press(results, /Steam Wallet 10 USD/);
    const confirm = await buyer.see(/Price:/, { after: results.messageId });
    buyer.press(confirm, /from wallet/);
    const ring = await buyer.see(/is complete/, { after: confirm.messageId });
    const code = /DEMO-[A-Z0-9-]+/.exec(ring.text ?? '')?.[0];

    mark = buyer.send('/orders');
    const list = await buyer.see(/Your orders \(1\)/, { after: mark });
    const order = await h.latestOrder(buyer.user);
    buyer.press(list, new RegExp(order!.reference));
    const details = await buyer.seeEdited(list, /Completed/);
    expect(details.rawText).toContain(`<code>${code}</code>`);
    expect(buttonsOf(details).map((b) => b.text)).toContain('🔁 Buy again');
  });

  it('shows the wallet balance and its ledger history', async () => {
    const buyer = newBuyer(h);
    await h.fund(buyer.user, '12.5');
    let mark = buyer.send('/wallet');
    const wallet = await buyer.see(/Wallet balance: 12\.50 USD/, { after: mark });
    buyer.press(wallet, /History/);
    const history = await buyer.seeEdited(wallet, /Wallet history/);
    expect(history.text).toMatch(/\+12\.50 USD · credit from the shop/);
    mark = buyer.send('/start');
    await buyer.see(/Hi Ana/, { after: mark });
  });

  it('greets in the language Telegram reports and switches with /language', async () => {
    const buyer = newBuyer(h, { first_name: 'Иван', language_code: 'ru' });
    let mark = buyer.send('/start');
    const greeting = await buyer.see(/Привет, Иван/, { after: mark });
    expect(buttonsOf(greeting).map((b) => b.text)).toContain('🛒 Магазин');
    mark = buyer.send('/language');
    const choose = await buyer.see(/Выберите язык/, { after: mark });
    const query = buyer.press(choose, /Bahasa Indonesia/);
    expect((await buyer.answer(query)).text).toMatch(/Bahasa: Indonesia/);
    mark = buyer.send('/start');
    await buyer.see(/Halo Иван/, { after: mark });
    const record = await h.shop.storage.users.findByIdentity('telegram', String(buyer.id));
    expect(record?.language).toBe('id');
  });
});
