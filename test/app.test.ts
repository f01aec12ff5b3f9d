import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { Money } from '../src/core/money.js';
import { FakeTelegram } from './fakes/telegram.fake.js';
import { SellixFake } from './fakes/sellix.fake.js';
import { openTestDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL, type TestDatabase } from './support/databases.js';

/**
 * The whole service as `npm start` wires it, from configuration: PostgreSQL, Redis, the
 * sandbox reseller, Sellix against its fake, and the Telegram bot polling a fake Bot API.
 */
describe('the composed service', () => {
  let database: TestDatabase;
  let telegram: FakeTelegram;
  let sellix: SellixFake;
  let app: App;
  let address: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    telegram = new FakeTelegram();
    await telegram.start();
    sellix = new SellixFake();
    await sellix.start();
    const { name } = await database.handle.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
    const dbUrl = new URL(TEST_POSTGRES_URL);
    dbUrl.pathname = `/${name}`;
    const parsed = parseConfig({
      HTTP_PORT: '0',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `tk-app-test:${randomBytes(4).toString('hex')}:`,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ADMIN_TELEGRAM_IDS: '9001',
      SELLIX_API_KEY: sellix.apiKey,
      SELLIX_WEBHOOK_SECRET: sellix.webhookSecret,
      SELLIX_BASE_URL: sellix.baseUrl,
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    app = await createApp(parsed.config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
    ({ address } = await app.start());
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await telegram?.close();
    await sellix?.close();
    await database?.dispose();
  });

  it('is ready, with PostgreSQL and Redis reachable', async () => {
    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('greets a buyer on Telegram and sells a voucher paid from the wallet', async () => {
    const buyer = telegram.user(4242, { first_name: 'Ana', language_code: 'en' });
    await buyer.send('/start');
    const greeting = await telegram.waitForMessage(4242, (m) => m.fromBot, 15_000);
    expect(greeting.text ?? '').not.toBe('');

    const user = await app.shop.storage.users.findByIdentity('telegram', '4242');
    expect(user).toBeDefined();
    const funded = await app.shop.wallet.adjust({ actor: 'admin:test', userId: user!.id, amount: Money.of('20', 'USD'), note: 'test', idempotencyKey: `app-test-${randomBytes(4).toString('hex')}` });
    expect(funded.ok).toBe(true);

    const listing = app.shop.catalog.search('steam wallet 5').hits[0]!.listing;
    const quote = await app.shop.purchases.quote(user!, { listingId: listing.id, player: {} });
    if (!quote.ok) throw new Error(quote.code);
    const placed = await app.shop.purchases.placeOrder(user!, { quoteId: quote.value.id, method: 'wallet' });
    if (!placed.ok) throw new Error(placed.code);
    // The running reconciler and outbox take it from here: the buyer gets the code on Telegram.
    const done = await telegram.waitForMessage(4242, (m) => m.fromBot && (m.text ?? '').includes('DEMO-'), 20_000);
    expect(done.text).toContain(placed.value.order.reference);
  });

  it('offers Sellix and Telegram Stars beside the wallet', () => {
    expect(app.shop.payments.availableMethods().sort()).toEqual(['sellix', 'stars', 'wallet']);
  });

  it('refuses a Sellix webhook with a bad signature on the real route', async () => {
    const response = await fetch(`${address}/webhooks/sellix`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sellix-signature': 'deadbeef', 'x-sellix-event': 'order:paid' },
      body: JSON.stringify({ event: 'order:paid', data: { uniqid: 'x' } }),
    });
    expect(response.status).toBe(401);
    const metrics = await (await fetch(`${address}/metrics`)).text();
    expect(metrics).toMatch(/webhook_signature_failures_total\{source="sellix"\} 1/);
  });
});
