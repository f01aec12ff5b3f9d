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

async function confirmation(buyer: Buyer, query: string, listing: RegExp, playerId?: string) {
  let mark = buyer.send(query);
  const results = await buyer.see(/Results for/, { after: mark });
  buyer.press(results, listing);
  if (playerId === undefined) return buyer.see(/Price:/, { after: results.messageId });
  await buyer.see(/Send your Player ID/, { after: results.messageId });
  mark = buyer.send(playerId);
  return buyer.see(/Is this you/, { after: mark });
}

const invoiceIn = (buyer: Buyer) => h.fake.waitForMessage(buyer.id, (m) => m.invoice !== undefined);

describe('paying with Telegram Stars', () => {
  it('searches, pays an XTR invoice after a checked pre-checkout, and the order completes once', async () => {
    const buyer = newBuyer(h);
    const confirm = await confirmation(buyer, 'pubg 60', /PUBG Mobile 60 UC/, '12345678');
    // 0.97 USD at 100 Stars per USD, rounded up to whole Stars.
    buyer.press(confirm, '⭐ Pay 97 Stars');
    const invoice = await invoiceIn(buyer);
    expect(invoice.invoice).toMatchObject({ currency: 'XTR', totalAmount: 97 });
    const order = await h.latestOrder(buyer.user);
    expect(order?.state).toBe('awaiting_payment');
    expect(invoice.invoice?.payload).toBe(`PAY-${order!.reference}`);
    await buyer.seeEdited(confirm, /Waiting for payment/);

    const paid = await buyer.user.pay(invoice);
    expect(paid.status).toBe('paid');
    await buyer.seeEdited(confirm, /Completed/);
    const ring = await buyer.see(/is complete/, { after: confirm.messageId });
    expect(ring.text).toMatch(/Delivered to PlayerOne/);

    // The same successful_payment delivered again changes nothing.
    if (paid.status !== 'paid') throw new Error('not paid');
    const again = h.fake.pushUpdate({ message: paid.message } as Parameters<typeof h.fake.pushUpdate>[0]);
    await h.fake.waitFor(() => h.fake.isDelivered(again.update_id));
    const payment = await h.shop.storage.payments.findByReference(`PAY-${order!.reference}`);
    expect(payment).toMatchObject({ status: 'paid', externalId: paid.telegramPaymentChargeId });
    const record = await h.shop.storage.users.findByIdentity('telegram', String(buyer.id));
    expect((await h.shop.wallet.balance(record!.id)).toString()).toBe('0.00 USD');
    expect(buyer.messagesAfter(confirm.messageId).filter((m) => /is complete/.test(m.text ?? ''))).toHaveLength(1);
  });

  it('declines the pre-checkout when the amount is not what was invoiced', async () => {
    const buyer = newBuyer(h);
    const confirm = await confirmation(buyer, 'steam 5', /Steam Wallet 5 USD/);
    buyer.press(confirm, /Pay \d+ Stars/);
    const invoice = await invoiceIn(buyer);
    const outcome = await buyer.user.pay(invoice, { total_amount: 1 });
    expect(outcome).toMatchObject({ status: 'declined', errorMessage: expect.stringMatching(/price has changed/) });
    expect((await h.latestOrder(buyer.user))?.state).toBe('awaiting_payment');
  });

  it('refunds a failed Stars order with refundStarPayment and tells the buyer', async () => {
    const buyer = newBuyer(h);
    const confirm = await confirmation(buyer, 'pubg 60', /PUBG Mobile 60 UC/, '99991234');
    buyer.press(confirm, /Pay 97 Stars/);
    const paid = await buyer.user.pay(await invoiceIn(buyer));
    if (paid.status !== 'paid') throw new Error(`payment ${paid.status}`);
    await buyer.seeEdited(confirm, /Processing/);
    // The reseller reports the failure on the reconciler's next poll.
    h.advance(11_000);
    const failed = await buyer.see(/failed: The supplier could not deliver/, { after: confirm.messageId });
    await buyer.see(/0\.97 USD refunded to your Telegram Stars/, { after: failed.messageId });
    await buyer.seeEdited(confirm, /Refunded/);
    expect(h.fake.refunds).toEqual([expect.objectContaining({ userId: buyer.id, telegramPaymentChargeId: paid.telegramPaymentChargeId })]);
    expect((await h.latestOrder(buyer.user))?.state).toBe('refunded');
  });

  it('tops the wallet up with Stars', async () => {
    const buyer = newBuyer(h);
    const mark = buyer.send('/wallet');
    const wallet = await buyer.see(/Wallet balance: 0\.00 USD/, { after: mark });
    buyer.press(wallet, /Top up/);
    const amounts = await buyer.seeEdited(wallet, /How much/);
    buyer.press(amounts, '10.00 USD');
    const methods = await buyer.seeEdited(wallet, /Add 10\.00 USD with/);
    buyer.press(methods, '⭐ Pay 1,000 Stars');
    const invoice = await invoiceIn(buyer);
    expect(invoice.invoice).toMatchObject({ currency: 'XTR', totalAmount: 1000 });
    expect((await buyer.user.pay(invoice)).status).toBe('paid');
    const credited = await buyer.see(/10\.00 USD added to your wallet \(top-up\)/, { after: invoice.messageId });
    expect(credited.text).toMatch(/Balance: 10\.00 USD/);
  });
});

describe('paying with a Sellix link', () => {
  it('shows the payment URL as a button; the webhook marks the order paid and it completes', async () => {
    const buyer = newBuyer(h);
    const confirm = await confirmation(buyer, 'pubg 60', /PUBG Mobile 60 UC/, '12345678');
    buyer.press(confirm, /by card or crypto/);
    const link = await buyer.seeEdited(confirm, /Waiting for payment/);
    const [button] = buttonsOf(link);
    expect(button).toMatchObject({ text: '💳 Pay 0.97 USD', url: expect.stringMatching(/\/checkout\//) });
    const order = await h.latestOrder(buyer.user);
    const payment = h.sellix.paymentFor(`PAY-${order!.reference}`);
    expect(payment).toMatchObject({ value: '0.97', currency: 'USD', returnUrl: `https://t.me/${h.fake.me.username}` });

    await h.sellixPays(`PAY-${order!.reference}`);
    await buyer.seeEdited(confirm, /Completed/);
    await buyer.see(/is complete/, { after: confirm.messageId });
    expect((await h.latestOrder(buyer.user))?.state).toBe('completed');
  });

  it('starts one wallet top-up however often the button is tapped', async () => {
    const buyer = newBuyer(h);
    const mark = buyer.send('/wallet');
    const wallet = await buyer.see(/Wallet balance/, { after: mark });
    buyer.press(wallet, /Top up/);
    buyer.press(await buyer.seeEdited(wallet, /How much/), '5.00 USD');
    const methods = await buyer.seeEdited(wallet, /Add 5\.00 USD with/);
    const data = buttonData(methods, /Sellix/);
    const first = buyer.pressData(methods, data);
    const second = buyer.pressData(methods, data);
    await buyer.answer(first);
    expect((await buyer.answer(second)).text).toMatch(/already started/);
    const link = await buyer.seeEdited(wallet, /Wallet top-up TOP-/);
    const reference = /TOP-[A-Z0-9-]+/.exec(link.text ?? '')![0];
    expect([...h.sellix.payments.values()].filter((p) => p.customFields['payment_reference']?.startsWith('TOP-') && p.email.includes(String(buyer.id)))).toHaveLength(1);

    await h.sellixPays(reference);
    await buyer.see(/5\.00 USD added to your wallet/, { after: link.messageId });
  });
});
