import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, handledSoFar, startAdminEnv, type AdminEnv } from './harness.js';

describe('/credit (through the fake Telegram server)', () => {
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

  const balance = async (userId: string) => (await env.shop.wallet.balance(userId)).toString();

  it('credits a buyer named by @username exactly once, even when the same update arrives twice', async () => {
    env.fake.user(620_001, { username: 'carol' });
    const buyer = await env.buyer(620_001, 'carol');
    const admin = env.fake.user(ADMIN_ID, { language_code: 'en' });
    const command = admin.send('/credit @carol 12.50 goodwill for the late order');
    await admin.waitForMessage((m) => m.text === '💰 Credited 12.50 USD to @carol. Their balance: 12.50 USD.');

    // Telegram re-delivers the same message (e.g. the bot crashed before confirming the update).
    env.fake.pushUpdate({ message: command as Update['message'] });
    await admin.waitForMessage((m) => m.text === 'This command was already applied (12.50 USD for @carol); nothing changed.');
    expect(await balance(buyer.id)).toBe('12.50 USD');
    const { entries } = await env.shop.wallet.history(buyer.id, { limit: 10, offset: 0 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ reason: 'admin_credit', note: 'goodwill for the late order', actor: `admin:telegram:${ADMIN_ID}` });
    // The buyer is told once, through the outbox.
    await env.fake.waitForMessage(620_001);
    await env.settle();
    expect(env.notifier.notices.filter((n) => n.address.userId === buyer.id && n.notice.kind === 'wallet_credited')).toHaveLength(1);
  });

  it('debits with a negative amount, by Telegram id, and refuses to take more than the balance', async () => {
    const buyer = await env.buyer(620_002);
    await env.fund(buyer, '3.00');
    const admin = env.fake.user(ADMIN_ID);
    admin.send('/credit 620002 -1.25 correction');
    await admin.waitForMessage((m) => m.text === '💰 Debited 1.25 USD from 620002. Their balance: 1.75 USD.');
    admin.send('/credit 620002 -5 too much');
    await admin.waitForMessage((m) => m.text?.startsWith('⚠️') ?? false);
    expect(await balance(buyer.id)).toBe('1.75 USD');
  });

  it('does not run a command again when the admin edits it', async () => {
    const buyer = await env.buyer(620_003, 'frank');
    const admin = env.fake.user(ADMIN_ID);
    const command = admin.send('/credit @frank 1.00 welcome');
    await admin.waitForMessage((m) => m.text === '💰 Credited 1.00 USD to @frank. Their balance: 1.00 USD.');
    const count = admin.messages().length;
    env.fake.pushUpdate({ edited_message: { ...command, text: '/credit @frank 100.00 welcome', edit_date: command.date + 5 } as Update['edited_message'] });
    await handledSoFar(admin, '/balances');
    expect(admin.messages()).toHaveLength(count + 1);
    expect(await balance(buyer.id)).toBe('1.00 USD');
  });

  it.each([
    ['a float with more digits than the currency has', '/credit @carol 5.005 note'],
    ['scientific notation', '/credit @carol 1e3 note'],
    ['a word', '/credit @carol ten note'],
    ['zero', '/credit @carol 0.00 note'],
    ['no note', '/credit @carol 5'],
    ['no user', '/credit 5 note'],
    ['a comma decimal', '/credit @carol 5,50 note'],
  ])('answers %s with the usage and changes nothing', async (_what, text) => {
    const buyer = await env.buyer(620_001, 'carol');
    const before = await balance(buyer.id);
    const admin = env.fake.user(ADMIN_ID);
    const count = admin.messages().length;
    admin.send(text);
    const reply = await admin.waitForMessage((m) => admin.messages().indexOf(m) >= count);
    expect(reply.text).toMatch(/^Usage: \/credit @username 5\.00 note/);
    expect(reply.text).toContain('The amount is in USD');
    expect(await balance(buyer.id)).toBe(before);
  });

  it('says so when no such buyer exists', async () => {
    const admin = env.fake.user(ADMIN_ID);
    admin.send('/credit @nobody_at_all 5 hello');
    await admin.waitForMessage((m) => m.text === 'No Telegram buyer @nobody_at_all was found. They must have started the bot first.');
  });
});
