import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { run } from '@grammyjs/runner';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback, type ApiClientOptions } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram, WaitTimeoutError } from './telegram.fake.js';

let fake: FakeTelegram;
const running: Bot[] = [];
const servers: Server[] = [];

beforeEach(async () => {
  fake = new FakeTelegram({ preCheckoutTimeoutMs: 2_000 });
  await fake.start();
});

afterEach(async () => {
  // Stop every bot before the fake goes, so no long poll is left hanging.
  await Promise.all(running.splice(0).map((bot) => (bot.isRunning() ? bot.stop() : undefined)));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => {
    s.closeAllConnections();
    s.close(resolve);
  })));
  await fake.close();
});

function newBot(client: ApiClientOptions = {}): Bot {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot, ...client } });
  // A handler that throws should fail the test loudly (an unhandled rejection), not be swallowed.
  bot.catch((err) => {
    throw err.error;
  });
  return bot;
}

/** Starts long polling and resolves once the bot is polling. */
async function launch(bot: Bot): Promise<Bot> {
  running.push(bot);
  const before = fake.calls('getUpdates').length;
  void bot.start({ timeout: 10 });
  await fake.waitFor(() => fake.calls('getUpdates').length > before);
  return bot;
}

async function stop(bot: Bot): Promise<void> {
  await bot.stop();
  running.splice(running.indexOf(bot), 1);
}

describe('FakeTelegram with a real grammY bot (long polling)', () => {
  it('answers /start with a reply and records the call', async () => {
    const bot = newBot();
    bot.command('start', (ctx) => ctx.reply(`Hello, ${ctx.from?.first_name}!`));
    await launch(bot);

    const buyer = fake.user(501, { first_name: 'Ana', username: 'ana', language_code: 'en' });
    const sent = buyer.send('/start');
    expect(sent.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);

    const reply = await buyer.waitForMessage((m) => m.text === 'Hello, Ana!');
    expect(reply.chatId).toBe(501);
    const call = await fake.waitForCall('sendMessage');
    expect(call.params).toMatchObject({ chat_id: 501, text: 'Hello, Ana!' });
    expect(fake.calls('getMe')).toHaveLength(1);
  });

  it('records the answer to a button press and the edit it made', async () => {
    const bot = newBot();
    bot.command('menu', (ctx) => ctx.reply('Pick one', { reply_markup: new InlineKeyboard().text('Diamonds', 'cat:dia') }));
    bot.callbackQuery('cat:dia', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Loading…' });
      await ctx.editMessageText('Diamonds: choose a pack');
    });
    await launch(bot);

    const buyer = fake.user(502);
    buyer.send('/menu');
    const menu = await buyer.waitForMessage((m) => m.text === 'Pick one');
    expect(() => buyer.press(menu, 'cat:nope')).toThrow(/no button/);
    const queryId = buyer.pressButton(menu, 'Diamonds');

    await fake.waitFor(() => fake.isAnswered(queryId));
    expect(fake.callbackQuery(queryId)?.answer).toEqual({ text: 'Loading…' });
    const edited = await buyer.waitForMessage((m) => m.messageId === menu.messageId && m.editCount === 1);
    expect(edited.text).toBe('Diamonds: choose a pack');
    // Telegram drops the keyboard of a message edited without reply_markup.
    expect(edited.replyMarkup).toBeUndefined();
  });

  it('never delivers an update twice, even to a new bot instance after a restart', async () => {
    const seen: number[] = [];
    const build = () => {
      const bot = newBot();
      bot.on('message:text', async (ctx) => {
        seen.push(ctx.update.update_id);
        await ctx.reply(`echo ${ctx.message.text}`);
      });
      return bot;
    };
    const buyer = fake.user(503);
    const first = await launch(build());
    buyer.send('one');
    buyer.send('two');
    await buyer.waitForMessage((m) => m.text === 'echo two');
    await stop(first);

    const queuedWhileDown = buyer.send('three');
    await launch(build());
    await buyer.waitForMessage((m) => m.text === 'echo three');
    buyer.send('four');
    await buyer.waitForMessage((m) => m.text === 'echo four');
    await fake.waitForDelivered();

    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(buyer.messages().map((m) => m.text)).toEqual(['echo one', 'echo two', 'echo three', 'echo four']);
    expect(fake.isDelivered(fake.updates.find((u) => u.message?.message_id === queuedWhileDown.message_id)!.update_id)).toBe(true);
  });

  it('serves @grammyjs/runner as well as bot.start()', async () => {
    const bot = newBot();
    bot.on('message:text', (ctx) => ctx.reply(`got ${ctx.message.text}`));
    const runner = run(bot, { runner: { fetch: { timeout: 10 } } });
    try {
      const buyer = fake.user(509);
      buyer.send('a');
      buyer.send('b');
      await buyer.waitForMessage((m) => m.text === 'got b');
      await buyer.waitForMessage((m) => m.text === 'got a');
    } finally {
      await runner.stop();
    }
    expect(fake.calls('sendMessage')).toHaveLength(2);
  });

  it('lets the auto-retry plugin wait out a 429 retry_after', async () => {
    const bot = newBot();
    bot.api.config.use(autoRetry());
    bot.command('start', (ctx) => ctx.reply('welcome'));
    await launch(bot);
    fake.failNext('sendMessage', { retryAfter: 1 });

    fake.user(504).send('/start');
    await fake.waitForMessage(504, (m) => m.text === 'welcome');
    const [limited, retried] = fake.calls('sendMessage');
    expect(limited).toMatchObject({ ok: false, errorCode: 429, description: 'Too Many Requests: retry after 1' });
    expect(retried?.ok).toBe(true);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('runs the Stars checkout: pre_checkout_query, answer, successful_payment, refund', async () => {
    const bot = newBot();
    bot.command('buy', (ctx) => ctx.replyWithInvoice('86 Diamonds', 'Mobile Legends top-up', 'order-77', 'XTR', [{ label: '86 Diamonds', amount: 150 }]));
    bot.command('soldout', (ctx) => ctx.replyWithInvoice('Voucher', 'Gift card', 'order-78', 'XTR', [{ label: 'Voucher', amount: 10 }]));
    bot.on('pre_checkout_query', (ctx) =>
      ctx.preCheckoutQuery.invoice_payload === 'order-78'
        ? ctx.answerPreCheckoutQuery(false, { error_message: 'Sold out' })
        : ctx.answerPreCheckoutQuery(true));
    bot.on('message:successful_payment', async (ctx) => {
      const payment = ctx.message.successful_payment;
      await ctx.reply(`Paid ${payment.total_amount} ${payment.currency} for ${payment.invoice_payload}`);
      await ctx.api.refundStarPayment(ctx.from.id, payment.telegram_payment_charge_id);
    });
    await launch(bot);

    const buyer = fake.user(505);
    buyer.send('/buy');
    const invoice = await buyer.waitForMessage((m) => m.invoice !== undefined);
    expect(invoice.invoice).toMatchObject({ payload: 'order-77', currency: 'XTR', totalAmount: 150 });

    const outcome = await buyer.pay(invoice);
    expect(outcome.status).toBe('paid');
    await buyer.waitForMessage((m) => m.text === 'Paid 150 XTR for order-77');
    await fake.waitFor(() => fake.refunds.length === 1);
    expect(fake.refunds[0]).toMatchObject({ userId: 505, telegramPaymentChargeId: outcome.status === 'paid' ? outcome.telegramPaymentChargeId : '' });
    expect(fake.payments[0]?.refunded).toBe(true);

    buyer.send('/soldout');
    await buyer.waitForMessage((m) => m.invoice?.payload === 'order-78');
    await expect(buyer.pay('order-78')).resolves.toMatchObject({ status: 'declined', errorMessage: 'Sold out' });
    expect(fake.payments).toHaveLength(1);
  });

  it('gives up a payment nobody answers in time and refuses the late answer', async () => {
    const bot = newBot();
    await launch(bot);
    const buyer = fake.user(506);
    const outcome = await buyer.pay('order-late', { total_amount: 5, timeoutMs: 200 });
    expect(outcome.status).toBe('timeout');
    await expect(bot.api.answerPreCheckoutQuery(outcome.preCheckoutQueryId, true)).rejects.toMatchObject({
      error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
  });

  it('delivers group messages, replies and member status', async () => {
    const bot = newBot();
    bot.command('admin', async (ctx) => {
      const member = await ctx.getChatMember(ctx.from!.id);
      await ctx.reply(`status: ${member.status}`, { reply_parameters: { message_id: ctx.msg!.message_id } });
    });
    bot.on('message:text', (ctx) => ctx.reply(`reply to ${ctx.message.reply_to_message?.text ?? 'nothing'} in ${ctx.chat.type}`));
    await launch(bot);

    const owner = fake.user(507, { first_name: 'Olu' });
    const group = owner.inGroup(-100_777, { title: 'Resellers' });
    fake.setChatMember(-100_777, 507, 'administrator');
    const asked = group.send('/admin');
    const answer = await fake.waitForMessage(-100_777, (m) => m.text === 'status: administrator');
    expect(answer.message.reply_to_message?.message_id).toBe(asked.message_id);

    group.reply(answer, 'thanks');
    await fake.waitForMessage(-100_777, (m) => m.text === 'reply to status: administrator in supergroup');
  });

  it('answers inline queries and lets a chosen result be edited by inline_message_id', async () => {
    const bot = newBot();
    bot.on('inline_query', (ctx) => ctx.answerInlineQuery([{
      type: 'article', id: 'dia-86', title: '86 Diamonds', input_message_content: { message_text: '86 Diamonds' },
      reply_markup: new InlineKeyboard().text('Buy', 'buy:86'),
    }]));
    bot.on('chosen_inline_result', (ctx) => ctx.editMessageText('86 Diamonds — reserved', { reply_markup: new InlineKeyboard().text('Buy', 'buy:86') }));
    bot.callbackQuery('buy:86', (ctx) => ctx.answerCallbackQuery());
    await launch(bot);

    const buyer = fake.user(508);
    const queryId = buyer.inline('dia');
    await fake.waitFor(() => fake.inlineQuery(queryId)?.answered);
    expect(fake.inlineQuery(queryId)?.results?.map((r) => r.id)).toEqual(['dia-86']);
    const chosen = buyer.chooseInline('dia-86', 'dia');
    await fake.waitFor(() => fake.inlineMessage(chosen.inline_message_id!)?.text === '86 Diamonds — reserved');
    const pressed = buyer.pressInline(chosen.inline_message_id!, 'buy:86');
    await fake.waitFor(() => fake.isAnswered(pressed));
  });
});

describe('FakeTelegram as a Bot API server', () => {
  it('rejects an unknown token with 401 and an unknown method with 404', async () => {
    const stranger = new Bot('1:nope', { client: { apiRoot: fake.apiRoot } });
    await expect(stranger.api.getMe()).rejects.toMatchObject({ error_code: 401, description: 'Unauthorized' });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
  });

  it('validates messages the way Telegram does', async () => {
    const api = newBot().api;
    fake.user(510);
    await expect(api.sendMessage(510, '')).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
    await expect(api.sendMessage(510, 'x'.repeat(4097))).rejects.toMatchObject({ description: 'Bad Request: message is too long' });
    await expect(api.sendMessage(999, 'hi')).rejects.toMatchObject({ description: 'Bad Request: chat not found' });
    await expect(api.sendMessage(510, 'hi', { reply_markup: new InlineKeyboard().text('x', 'é'.repeat(33)) }))
      .rejects.toMatchObject({ error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
    await expect(api.sendMessage(510, 'Price: 5.00!', { parse_mode: 'MarkdownV2' }))
      .rejects.toMatchObject({ description: "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'" });
    await expect(api.sendMessage(510, 'a < b', { parse_mode: 'HTML' })).rejects.toMatchObject({ error_code: 400 });

    const sent = await api.sendMessage(510, '<b>86 Diamonds</b> &lt;3', { parse_mode: 'HTML' });
    expect(sent).toMatchObject({ text: '86 Diamonds <3', entities: [{ type: 'bold', offset: 0, length: 11 }] });
    expect(fake.lastMessage(510)).toMatchObject({ rawText: '<b>86 Diamonds</b> &lt;3', parseMode: 'HTML' });
  });

  it('answers "message is not modified" to an edit that changes nothing', async () => {
    const api = newBot().api;
    fake.user(511);
    const keyboard = new InlineKeyboard().text('Refresh', 'refresh');
    const sent = await api.sendMessage(511, 'Stock: 4', { reply_markup: keyboard });
    const error = await api.editMessageText(511, sent.message_id, 'Stock: 4', { reply_markup: keyboard }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).description).toMatch(/^Bad Request: message is not modified/);
    await expect(api.editMessageReplyMarkup(511, sent.message_id, { reply_markup: keyboard })).rejects.toMatchObject({ error_code: 400 });
    await expect(api.editMessageText(511, 9_999, 'x')).rejects.toMatchObject({ description: 'Bad Request: message to edit not found' });
    await api.editMessageText(511, sent.message_id, 'Stock: 3', { reply_markup: keyboard });
    expect(fake.messages(511).map((m) => m.text)).toEqual(['Stock: 3']);
  });

  it('accepts form-urlencoded and multipart bodies', async () => {
    fake.user(512);
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '512', text: 'form', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] }) }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: 'form', reply_markup: { inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] } } });

    const doc = await newBot().api.sendDocument(512, new InputFile(Buffer.from('voucher-code'), 'voucher.txt'), { caption: 'your code' });
    expect(doc.document).toMatchObject({ file_name: 'voucher.txt', file_size: 12 });
    expect(doc.caption).toBe('your code');
  });

  it('holds a long poll until an update arrives, and never past its timeout', async () => {
    const url = `${fake.apiRoot}/bot${fake.token}/getUpdates`;
    const poll = (body: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const started = Date.now();
    expect(await (await poll({ timeout: 1 })).json()).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(3_000);

    const held = poll({ timeout: 10 });
    await fake.waitFor(() => fake.calls('getUpdates').length === 2);
    const update = fake.user(513).send('hi');
    const answered = (await (await held).json()) as { result: Array<{ update_id: number }> };
    expect(answered.result).toHaveLength(1);
    const id = answered.result[0]!.update_id;
    expect((await (await poll({ offset: id + 1 })).json()) as object).toEqual({ ok: true, result: [] });
    expect(update.text).toBe('hi');
  });

  it('enforces per-chat and global rates in rate-limit mode', async () => {
    const api = newBot().api;
    fake.user(514);
    fake.user(515);
    fake.user(516);
    fake.setRateLimit({ globalPerSecond: 2 });
    await api.sendMessage(514, 'one');
    await expect(api.sendMessage(514, 'two')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    await api.sendMessage(515, 'other chat');
    await expect(api.sendMessage(516, 'third overall')).rejects.toMatchObject({ error_code: 429 });
    fake.setRateLimit(false);
    await api.sendMessage(514, 'two');
  });

  it('reports what it waited for when a wait times out', async () => {
    await expect(fake.waitForCall('sendMessage', () => true, 50)).rejects.toBeInstanceOf(WaitTimeoutError);
  });
});

describe('FakeTelegram webhooks', () => {
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
  }

  it('POSTs updates to the webhook with the secret token header', async () => {
    const bot = newBot({ canUseWebhookReply: (method) => method === 'sendMessage' });
    bot.command('start', (ctx) => ctx.reply('hello over webhook'));
    bot.command('ping', async (ctx) => {
      await ctx.reply('first reply travels in the webhook answer');
      await ctx.reply('pong');
    });
    const secrets: Array<string | undefined> = [];
    const callback = webhookCallback(bot, 'http', { secretToken: 'hook-s3cret' });
    const url = await serve((req, res) => {
      secrets.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      void callback(req, res);
    });
    await bot.api.setWebhook(url, { secret_token: 'hook-s3cret' });
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });

    const buyer = fake.user(520);
    buyer.send('/start');
    buyer.send('/ping');
    await buyer.waitForMessage((m) => m.text === 'pong');
    await fake.waitForDelivered();

    expect(secrets).toEqual(['hook-s3cret', 'hook-s3cret']);
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(fake.webhook?.secretToken).toBe('hook-s3cret');
    // A webhook answer and the bot's next request race, as they do against Telegram.
    expect(buyer.messages().map((m) => m.text).sort()).toEqual(['first reply travels in the webhook answer', 'hello over webhook', 'pong']);
    expect(fake.calls('sendMessage').filter((c) => c.viaWebhookReply)).toHaveLength(2);
  });
});
