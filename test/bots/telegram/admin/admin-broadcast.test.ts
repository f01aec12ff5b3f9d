import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, startAdminEnv, type AdminEnv } from './harness.js';

describe('/broadcast (through the fake Telegram server)', () => {
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

  it('reaches every buyer within Telegram limits, waits out a 429, refuses a second run meanwhile, and reports the final count', async () => {
    // 80 reachable buyers (about 3 s at 25 a second), one who blocked the bot, one Telegram does not know (never started it).
    const reachable = Array.from({ length: 80 }, (_, i) => 630_000 + i);
    for (const id of reachable) {
      env.fake.user(id);
      await env.buyer(id);
    }
    const blocker = env.fake.user(630_100);
    await env.buyer(630_100);
    blocker.block();
    await env.buyer(630_200);
    const admin = env.fake.user(ADMIN_ID, { language_code: 'en' });
    await env.buyer(ADMIN_ID);
    const banned = await env.buyer(630_300);
    env.fake.user(630_300);
    await env.shop.storage.users.setBanned(banned.id, true);

    // Telegram's limits are enforced by the fake: going over them answers 429.
    env.fake.setRateLimit({});
    const started = Date.now();
    admin.send('/broadcast Weekend sale: <b>10%</b> off & more!');
    await admin.waitForMessage((m) => m.text === '📣 Broadcast started…');
    admin.send('/broadcast second one');
    await admin.waitForMessage((m) => m.text === 'A broadcast is already running. Wait for its final count.');
    // Telegram says "slow down" in the middle of the broadcast.
    await env.fake.waitForCall('sendMessage', (c) => String(c.params.text).startsWith('Weekend sale'));
    env.fake.failNext('sendMessage', { retryAfter: 1 });

    const report = await admin.waitForMessage((m) => m.text?.startsWith('📣 Broadcast finished') ?? false, 20_000);
    expect(report.text).toBe('📣 Broadcast finished: sent 81 · failed 1 · blocked 1');
    const progress = admin.messages().find((m) => m.editCount > 0);
    expect(progress?.text).toBe('📣 Broadcast finished: sent 81 · failed 1 · blocked 1');
    // Progress was shown while it ran, by editing that one message.
    const edits = env.fake.calls('editMessageText').filter((c) => c.ok && c.params.message_id === progress?.messageId);
    expect(edits.some((c) => /^📣 Broadcasting… sent \d+ · failed \d+ · blocked \d+$/.test(String(c.params.text)))).toBe(true);

    const sends = env.fake.calls('sendMessage').filter((c) => c.at >= started && String(c.params.text).startsWith('Weekend sale'));
    const delivered = sends.filter((c) => c.ok).map((c) => Number(c.params.chat_id));
    // Every reachable buyer exactly once (the admin is a buyer too); not the banned one.
    expect(delivered.sort()).toEqual([...reachable, ADMIN_ID].sort());
    expect(env.fake.messages(630_300)).toHaveLength(0);
    // Each 429 was waited out: the same chat was tried again no sooner than retry_after.
    const limited = sends.filter((c) => c.errorCode === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const call of limited) {
      const retried = sends.find((c) => c.ok && c.params.chat_id === call.params.chat_id && c.seq > call.seq)!;
      expect(retried.at - call.at).toBeGreaterThanOrEqual(1000);
    }
    // Never more than Telegram's ~30 messages a second overall.
    const perSecond = Math.max(...sends.map((c) => sends.filter((d) => d.ok && d.at >= c.at && d.at < c.at + 1000).length));
    expect(perSecond).toBeLessThanOrEqual(30);
    // The text is sent as typed, escaped for HTML.
    expect(env.fake.lastMessage(630_000)?.text).toBe('Weekend sale: <b>10%</b> off & more!');

    // Once finished, a new broadcast may start.
    admin.send('/broadcast again');
    await admin.waitForMessage((m) => (m.text?.startsWith('📣 Broadcast finished') ?? false) && admin.messages().indexOf(m) > admin.messages().indexOf(report), 20_000);
  }, 40_000);

  it('answers /broadcast without text with its usage', async () => {
    const admin = env.fake.user(ADMIN_ID);
    admin.send('/broadcast');
    await admin.waitForMessage((m) => m.text === 'Usage: /broadcast your message — sent to every Telegram buyer.');
  });
});
