import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, OPERATOR_CHAT_ID, OTHER_ADMIN_ID, startAdminEnv, type AdminEnv } from './harness.js';

describe('admin guard (through the fake Telegram server)', () => {
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

  it('runs an admin command for an admin in a private chat', async () => {
    const admin = env.fake.user(ADMIN_ID, { language_code: 'en' });
    admin.send('/stats');
    const reply = await admin.waitForMessage((m) => m.text?.startsWith('📊') ?? false);
    expect(reply.text).toContain('Last 24 hours');
    expect(reply.text).toContain('Last 7 days');
    admin.send('/balances');
    const balances = await admin.waitForMessage((m) => m.text?.includes('Reseller balances') ?? false);
    expect(balances.text).toMatch(/sandbox: [\d.]+ USD/);
  });

  it('refuses a non-admin politely and changes nothing', async () => {
    const stranger = env.fake.user(555_001, { language_code: 'en', username: 'stranger1' });
    const victim = await env.buyer(555_002, 'victim1');
    stranger.send('/credit @victim1 50.00 free money');
    stranger.send('/ban @victim1');
    stranger.send('/broadcast hello everyone');
    await env.fake.waitFor(() => stranger.messages().length >= 3);
    expect(stranger.messages().map((m) => m.text)).toEqual(Array(3).fill('Sorry, this command is only for shop admins.'));
    expect((await env.shop.wallet.balance(victim.id)).toString()).toBe('0.00 USD');
    expect((await env.shop.storage.users.findById(victim.id))?.banned).toBe(false);
    expect(env.fake.calls('sendMessage').filter((c) => c.params.chat_id === 555_002)).toHaveLength(0);
  });

  it('refuses in Russian for a Russian-speaking non-admin', async () => {
    const stranger = env.fake.user(555_003, { language_code: 'ru' });
    stranger.send('/stats');
    const reply = await stranger.waitForMessage();
    expect(reply.text).toBe('Извините, эта команда доступна только администраторам магазина.');
  });

  it('runs an admin command in the operator group for an admin who is a group administrator, asking Telegram once a minute', async () => {
    const admin = env.fake.user(ADMIN_ID).inGroup(OPERATOR_CHAT_ID, { title: 'Operators' });
    env.fake.setChatMember(OPERATOR_CHAT_ID, ADMIN_ID, 'administrator');
    admin.send('/balances');
    await admin.waitForMessage((m) => m.text?.includes('Reseller balances') ?? false);
    admin.send('/stats');
    await admin.waitForMessage((m) => m.text?.includes('Shop statistics') ?? false);
    const checks = env.fake.calls('getChatMember').filter((c) => Number(c.params.user_id) === ADMIN_ID);
    expect(checks).toHaveLength(1);
    expect(checks[0]?.params).toMatchObject({ chat_id: OPERATOR_CHAT_ID });
  });

  it('refuses an admin who is not an administrator of the operator group', async () => {
    const admin = env.fake.user(OTHER_ADMIN_ID, { language_code: 'en' }).inGroup(OPERATOR_CHAT_ID);
    env.fake.setChatMember(OPERATOR_CHAT_ID, OTHER_ADMIN_ID, 'member');
    const victim = await env.buyer(555_004, 'victim2');
    admin.send('/ban @victim2');
    const reply = await admin.waitForMessage((m) => m.text?.startsWith('Sorry') ?? false);
    expect(reply.text).toBe('Sorry, this command is only for shop admins.');
    expect((await env.shop.storage.users.findById(victim.id))?.banned).toBe(false);
    expect(env.fake.calls('getChatMember').some((c) => Number(c.params.user_id) === OTHER_ADMIN_ID)).toBe(true);
  });

  it('refuses admin commands in a group that is not the operator group', async () => {
    const admin = env.fake.user(ADMIN_ID).inGroup(-100_888, { title: 'Random group' });
    env.fake.setChatMember(-100_888, ADMIN_ID, 'creator');
    admin.send('/stats');
    const reply = await admin.waitForMessage();
    expect(reply.text).toBe('Sorry, admin commands work only in a private chat with the bot or in the operator group.');
    expect(env.fake.calls('getChatMember').some((c) => c.params.chat_id === -100_888)).toBe(false);
  });

  it('checks the guard again on every button press: a non-admin pressing an order button changes nothing', async () => {
    const buyer = await env.buyer(555_005);
    await env.fund(buyer, '10.00');
    const order = await env.needsReviewOrder(buyer);
    const admin = env.fake.user(ADMIN_ID);
    admin.send(`/order ${order.reference}`);
    const card = await admin.waitForMessage((m) => m.text?.includes(order.reference) ?? false);

    // A forwarded card or a forged press: the button data reaches the bot from someone else.
    const stranger = env.fake.user(555_006, { language_code: 'en' });
    const pressed = stranger.press(stranger.send('hi'), `ay:${order.reference}`, { force: true });
    await env.fake.waitFor(() => env.fake.isAnswered(pressed));
    expect(env.fake.callbackQuery(pressed)?.answer).toEqual({ text: 'Sorry, this command is only for shop admins.', show_alert: true });
    expect((await env.shop.storage.orders.findById(order.id))?.state).toBe('needs_review');
    expect(card.replyMarkup).toBeDefined();
  });
});
