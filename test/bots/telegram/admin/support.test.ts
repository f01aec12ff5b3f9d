import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { handledSoFar, OPERATOR_CHAT_ID, startAdminEnv, type AdminEnv } from './harness.js';

describe('/support relay (through the fake Telegram server)', () => {
  let database: TestDatabase;
  let env: AdminEnv;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    env = await startAdminEnv(database);
  });
  afterAll(async () => {
    await env?.close();
    await database?.dispose();
  });

  it('forwards a buyer question with their recent orders, and the operator reply reaches the buyer', async () => {
    const telegramId = 640_001;
    const buyerUser = env.fake.user(telegramId, { username: 'dave', first_name: 'Dave <Admin>', language_code: 'en' });
    const buyer = await env.buyer(telegramId, 'dave');
    await env.fund(buyer, '10.00');
    const order = await env.needsReviewOrder(buyer);

    buyerUser.send('/support my UC did not arrive <please> help');
    await buyerUser.waitForMessage((m) => m.text === '✉️ Your message was sent to support. The answer will come here.');
    const relayed = await env.fake.waitForMessage(OPERATOR_CHAT_ID, (m) => m.text?.startsWith('🆘') ?? false);
    expect(relayed.text).toContain('Support request from Dave <Admin> (@dave, id 640001)');
    expect(relayed.text).toContain('my UC did not arrive <please> help');
    expect(relayed.text).toContain(`Recent orders: ${order.reference} (needs_review)`);
    expect(relayed.rawText).toContain('&lt;please&gt;');

    const operator = env.fake.user(950_001, { first_name: 'Olga', language_code: 'en' }).inGroup(OPERATOR_CHAT_ID);
    const reply = operator.reply(relayed, 'We are on it: your order is being checked. <b>Sorry!</b>');
    await operator.waitForMessage((m) => m.text === '✉️ Sent to the buyer.');
    const answered = await buyerUser.waitForMessage((m) => m.text?.includes('We are on it') ?? false);
    expect(answered.text).toContain('<b>Sorry!</b>');
    const notices = () => env.notifier.notices.filter((n) => n.address.userId === buyer.id && n.notice.kind === 'support_reply');
    expect(notices()).toHaveLength(1);

    // The same operator message delivered again is queued once (outbox dedupe), so the buyer hears it once.
    env.fake.pushUpdate({ message: reply as never });
    await handledSoFar(operator, '/help');
    await env.settle();
    expect(notices()).toHaveLength(1);
  });

  it('ignores ordinary replies in the operator chat to messages that are not relayed requests', async () => {
    const operator = env.fake.user(950_002).inGroup(OPERATOR_CHAT_ID);
    const someMessage = operator.send('anyone around?');
    const before = env.fake.calls('sendMessage').length;
    operator.reply(someMessage, 'yes');
    await handledSoFar(operator, '/help');
    // Only the answer to the probe was sent.
    expect(env.fake.calls('sendMessage').length).toBe(before + 1);
  });

  it('answers /support without text with how to use it', async () => {
    const buyerUser = env.fake.user(640_002, { language_code: 'en' });
    buyerUser.send('/support');
    await buyerUser.waitForMessage((m) => m.text?.startsWith('Write your question after the command') ?? false);
  });

  it('says support is unavailable when no operator chat is configured', async () => {
    const other = await env.startBotWithoutOperatorChat();
    const buyerUser = other.user(640_003, { language_code: 'id' });
    buyerUser.send('/support halo');
    await buyerUser.waitForMessage((m) => m.text === 'Maaf, dukungan sedang tidak tersedia. Silakan coba lagi nanti.');
  });
});
