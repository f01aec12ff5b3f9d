import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, startAdminEnv, type AdminEnv } from './harness.js';

describe('admin /markup, /ban, /sync, /stats (through the fake Telegram server)', () => {
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

  /** Sends a command as the admin and returns the bot's next message in the chat. */
  async function command(text: string) {
    const admin = env.fake.user(ADMIN_ID, { language_code: 'en' });
    const count = admin.messages().length;
    admin.send(text);
    return admin.waitForMessage((m) => admin.messages().indexOf(m) >= count);
  }

  const rules = async () => (await env.shop.pricing.policy()).markupRules().map((r) => `${r.scope}:${r.target}:${r.percent.toString()}`).sort();

  it('sets, shows and removes markup rules by scope, with quoted game names', async () => {
    expect((await command('/markup game "PUBG Mobile" 15')).text).toBe('🏷 Markup for game PUBG Mobile is now 15%.');
    expect((await command('/markup reseller sandbox 8.5')).text).toBe('🏷 Markup for reseller sandbox is now 8.5%.');
    expect((await command('/markup global 12')).text).toBe('🏷 Markup for global is now 12%.');
    expect(await rules()).toEqual(['game:PUBG Mobile:15', 'global:*:12', 'reseller:sandbox:8.5']);
    const shown = await command('/markup');
    expect(shown.text).toContain('Default markup: 10% · minimum margin: 2%');
    expect(shown.text).toContain('• game PUBG Mobile: 15%\n• reseller sandbox: 8.5%\n• global: 12%');
    expect((await command('/markup remove game "PUBG Mobile"')).text).toBe('🏷 Markup rule for game PUBG Mobile removed.');
    expect((await command('/markup remove game "PUBG Mobile"')).text).toBe('There was no markup rule for game PUBG Mobile.');
    expect(await rules()).toEqual(['global:*:12', 'reseller:sandbox:8.5']);
  });

  it.each(['/markup game PUBG 15%', '/markup global', '/markup galaxy x 5', '/markup listing abc -5', '/markup remove'])('answers "%s" with the usage and changes nothing', async (text) => {
    const before = await rules();
    expect((await command(text)).text).toMatch(/^Usage:\n\/markup — show the rules/);
    expect(await rules()).toEqual(before);
  });

  it('refuses a markup for a game the catalog does not have, saying why', async () => {
    const reply = await command('/markup game "No Such Game" 5');
    expect(reply.text).toBe('⚠️ That doesn\'t look right. Please check and try again.\nno game "No Such Game" is known');
  });

  it('bans and unbans a buyer by @username or id', async () => {
    const buyer = await env.buyer(660_001, 'erin');
    expect((await command('/ban @erin')).text).toBe('🚫 @erin is banned.');
    expect((await env.shop.storage.users.findById(buyer.id))?.banned).toBe(true);
    expect((await command('/unban 660001')).text).toBe('✅ 660001 is no longer banned.');
    expect((await env.shop.storage.users.findById(buyer.id))?.banned).toBe(false);
    expect((await command('/ban')).text).toBe('Usage: /ban @username or /ban 123456789');
    expect((await command('/ban @nobody_known')).text).toMatch(/^⚠️ /);
  });

  it('refreshes the catalog now and reports the products per reseller in the same message', async () => {
    const progress = await command('/sync');
    expect(progress.text).toBe('🔄 Refreshing the catalog…');
    const done = await env.fake.waitForMessage(ADMIN_ID, (m) => m.messageId === progress.messageId && m.editCount > 0);
    expect(done.text).toBe('🔄 Catalog refreshed: 31 listings.\n• sandbox: 31 products');
  });

  it('counts orders, revenue and failures by reseller for today and the week', async () => {
    const buyer = await env.buyer(660_002);
    await env.fund(buyer, '20.00');
    await env.needsReviewOrder(buyer);
    const stats = await command('/stats');
    const [title, today, week] = stats.text!.split('\n\n');
    expect(title).toBe('📊 Shop statistics');
    expect(today).toMatch(/^Last 24 hours\nOrders: 1 · completed: 0 · failed: 1\nRevenue: 0\.00 USD\nMargin: 0\.00 USD\n• failures at sandbox: 1$/);
    expect(week).toMatch(/^Last 7 days\nOrders: 1 /);
  });
});
