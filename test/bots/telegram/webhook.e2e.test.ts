import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../../../src/bots/telegram/bot.js';
import { newBuyer } from './support/buyer.js';
import { createBotHarness, type BotHarness } from './support/harness.js';

let h: BotHarness;
let app: FastifyInstance;
let telegram: TelegramBot;
let url: string;

beforeAll(async () => {
  h = await createBotHarness();
  app = Fastify();
  // The lead's HTTP server mounts the handler at the path of TELEGRAM_WEBHOOK_URL; a stand-in here.
  const route: { handler?: TelegramBot['webhookHandler'] } = {};
  app.post('/telegram/webhook', (request, reply) => route.handler!(request, reply));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/telegram/webhook`;
  telegram = createTelegramBot({
    token: h.fake.token,
    apiRoot: h.fake.apiRoot,
    shop: h.shop,
    state: h.state,
    logger: pino({ level: 'silent' }),
    adminIds: [],
    starsMethod: h.stars,
    throttle: false,
    webhook: { url, secret: 'webhook-secret-1' },
  });
  route.handler = telegram.webhookHandler;
  await telegram.start();
});

afterAll(async () => {
  await telegram?.stop();
  await app?.close();
  await h?.close();
});

describe('webhook mode', () => {
  it('registers the webhook with its secret and answers updates posted to it', async () => {
    expect(h.fake.webhook).toMatchObject({ url, secretToken: 'webhook-secret-1' });
    const buyer = newBuyer(h);
    const mark = buyer.send('/start');
    await buyer.see(/Hi Ana/, { after: mark });
    await h.fake.waitFor(() => h.fake.webhookDeliveries.at(-1)?.status === 200, 5_000, 'the delivery to be answered 200');
  });

  it('refuses a post without the secret token', async () => {
    const response = await app.inject({ method: 'POST', url: '/telegram/webhook', payload: { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' } } });
    expect(response.statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      headers: { 'x-telegram-bot-api-secret-token': 'guess' },
      payload: { update_id: 2, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' } },
    });
    expect(wrong.statusCode).toBe(401);
  });
});
