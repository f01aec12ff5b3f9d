import { request as httpRequest } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { StartPaymentRequest } from '../../src/core/ports/payment.js';
import { ResellerError } from '../../src/core/ports/reseller.js';
import {
  SELLIX_DEFAULT_PLACEHOLDER_EMAIL,
  createSellixPaymentMethod,
  placeholderEmail,
  sellixValue,
  type SellixPaymentMethod,
  type SellixPaymentOptions,
} from '../../src/providers/sellix/sellix.payment.js';
import { FakeHttpServer } from '../fakes/recorder.js';
import { SellixFake } from '../fakes/sellix.fake.js';

const webhookUrl = 'https://shop.example/webhooks/sellix';
const returnUrl = 'https://t.me/kiosk_bot';

let fake: SellixFake;
let sellix: SellixPaymentMethod;
const opened: SellixPaymentMethod[] = [];
let sequence = 0;

function method(options: Partial<SellixPaymentOptions> = {}): SellixPaymentMethod {
  const created = createSellixPaymentMethod({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, webhookUrl, returnUrl, timeoutMs: 1_000, ...options });
  opened.push(created);
  return created;
}

function paymentRequest(over: Partial<StartPaymentRequest> = {}): StartPaymentRequest {
  return {
    paymentReference: `PAY-${++sequence}`,
    purpose: 'order',
    amount: Money.of('12.50', 'USD'),
    title: 'PUBG Mobile 60 UC (Global)',
    orderReference: 'K7F3-92QX',
    buyer: { userId: 'u-1', platform: 'telegram', platformUserId: '123456789' },
    ...over,
  };
}

/** Runs `act` and returns the create-payment requests it sent. */
async function createCalls(act: () => Promise<unknown>) {
  const before = fake.requests.length;
  await act().catch(() => undefined);
  return fake.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/payments');
}

beforeAll(async () => {
  fake = new SellixFake();
  await fake.start();
  sellix = method();
});

afterEach(() => {
  fake.setFault('none');
  fake.answerShape = 'url_and_uniqid';
});

afterAll(async () => {
  await Promise.all(opened.map((m) => m.close()));
  await fake.close();
});

describe('Sellix payment method: start', () => {
  it('sends the documented create-payment request with every body field', async () => {
    const request = paymentRequest({ paymentReference: 'PAY-EXACT-1' });
    const [sent, ...more] = await createCalls(() => sellix.start(request));

    expect(more).toHaveLength(0);
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/payments');
    expect(sent?.headers['authorization']).toBe(`Bearer ${fake.apiKey}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({
      title: 'PUBG Mobile 60 UC (Global)',
      value: 12.5,
      currency: 'USD',
      quantity: 1,
      email: 'buyer+telegram-123456789@example.invalid',
      custom_fields: { payment_reference: 'PAY-EXACT-1', order_reference: 'K7F3-92QX' },
      webhook: webhookUrl,
      white_label: false,
      return_url: returnUrl,
    });
    expect(sent?.rawBody).toContain('"value":12.5,');
  });

  it('answers a redirect to the checkout page with the uniqid as external id', async () => {
    const started = await sellix.start(paymentRequest({ paymentReference: 'PAY-REDIRECT-1' }));

    const payment = fake.paymentFor('PAY-REDIRECT-1');
    expect(sellix.id).toBe('sellix');
    expect(started).toEqual({ kind: 'redirect', url: payment?.url, externalId: payment?.uniqid });
    expect(payment?.url).toBe(`${fake.server.url}/checkout/${payment?.uniqid}`);
    const page = await httpRequest(payment!.url);
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain('PUBG Mobile 60 UC (Global)');
  });

  it("uses the buyer's own email when there is one", async () => {
    const [sent] = await createCalls(() =>
      sellix.start(paymentRequest({ buyer: { userId: 'u-2', platform: 'discord', platformUserId: '42', email: 'ana@example.com' } })),
    );
    expect((sent?.body as { email: string }).email).toBe('ana@example.com');
  });

  it('fills the placeholder email template with safe characters only', async () => {
    const custom = method({ placeholderEmail: 'sellix+{platform}.{platformUserId}.{paymentReference}@shop.example' });
    const [sent] = await createCalls(() =>
      custom.start(paymentRequest({ paymentReference: 'PAY/9', buyer: { userId: 'u-3', platform: 'discord', platformUserId: 'a b@c' } })),
    );
    expect((sent?.body as { email: string }).email).toBe('sellix+discord.a-b-c.PAY-9@shop.example');
    expect(SELLIX_DEFAULT_PLACEHOLDER_EMAIL).toBe('buyer+{platform}-{platformUserId}@example.invalid');
    expect(placeholderEmail('{unknown}-{userId}@x.invalid', paymentRequest())).toBe('{unknown}-u-1@x.invalid');
  });

  it('carries only the payment reference in custom_fields when no order is paid for', async () => {
    const [sent] = await createCalls(() =>
      sellix.start(paymentRequest({ paymentReference: 'PAY-TOPUP-1', purpose: 'wallet_topup', orderReference: undefined })),
    );
    expect((sent?.body as { custom_fields: unknown }).custom_fields).toEqual({ payment_reference: 'PAY-TOPUP-1' });
  });

  it("prefers the request's return URL to the configured one", async () => {
    const [sent] = await createCalls(() => sellix.start(paymentRequest({ returnUrl: 'https://discord.com/channels/1/2' })));
    expect((sent?.body as { return_url: string }).return_url).toBe('https://discord.com/channels/1/2');
  });

  it("sends the value as an exact JSON number at the currency's scale", async () => {
    const [idr] = await createCalls(() => sellix.start(paymentRequest({ amount: Money.of('15000', 'IDR') })));
    expect(idr?.rawBody).toContain('"value":15000,');
    expect(idr?.rawBody).toContain('"currency":"IDR"');
    expect(sellixValue(Money.of('0.10', 'USD'))).toBe(0.1);
    expect(sellixValue(Money.of('123456789.99', 'EUR'))).toBe(123456789.99);
  });

  it('refuses an amount that is unrounded, not positive or not exact as a number, sending nothing', async () => {
    for (const amount of [Money.of('10.005', 'USD'), Money.of('0', 'USD'), Money.of('-1', 'USD'), Money.of('12345678901234567.89', 'USD')]) {
      const calls = await createCalls(() => expect(sellix.start(paymentRequest({ amount }))).rejects.toThrow(RangeError));
      expect(calls).toHaveLength(0);
    }
  });

  it('is unavailable without a return URL, and sends nothing', async () => {
    const noReturn = method({ returnUrl: undefined });
    let started: unknown;
    const calls = await createCalls(async () => (started = await noReturn.start(paymentRequest())));
    expect(calls).toHaveLength(0);
    expect(started).toMatchObject({ kind: 'unavailable', detail: expect.stringContaining('return URL') });
  });

  it('never retries a failed create: one request, then unavailable', async () => {
    fake.setFault('server_error');
    let started: unknown;
    const calls = await createCalls(async () => (started = await sellix.start(paymentRequest())));
    expect(calls).toHaveLength(1);
    expect(started).toMatchObject({ kind: 'unavailable', detail: expect.stringContaining('HTTP 503') });
  });

  it('answers unavailable, after one request, when Sellix does not answer in time', async () => {
    const quick = method({ timeoutMs: 200 });
    fake.setFault('slow', 1_000);
    let started: unknown;
    const calls = await createCalls(async () => (started = await quick.start(paymentRequest())));
    expect(calls).toHaveLength(1);
    expect(started).toMatchObject({ kind: 'unavailable', detail: expect.stringMatching(/no answer within 200 ms.*may have created it/) });
  });

  it('throws an auth error for a refused API key, never echoing the key', async () => {
    const wrongKey = method({ apiKey: 'sk-wrong-secret-key' });
    const error = await wrongKey.start(paymentRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResellerError);
    expect(error).toMatchObject({ resellerId: 'sellix', kind: 'auth' });
    expect(String((error as Error).message)).not.toContain('sk-wrong-secret-key');
  });

  it("throws bad_response carrying Sellix's message for a validation error", async () => {
    fake.nextCreateError = { status: 400, error: 'Invalid Email.' };
    await expect(sellix.start(paymentRequest())).rejects.toMatchObject({
      kind: 'bad_response',
      message: expect.stringContaining('HTTP 400: Invalid Email.'),
    });
  });

  it('throws bad_response for an answer that is not JSON', async () => {
    fake.setFault('malformed_json');
    await expect(sellix.start(paymentRequest())).rejects.toMatchObject({ kind: 'bad_response' });
  });

  it('reads the uniqid from the checkout URL when the answer holds only the URL, as in the document', async () => {
    fake.answerShape = 'url_only';
    const started = await sellix.start(paymentRequest({ paymentReference: 'PAY-URL-ONLY' }));
    expect(started).toMatchObject({ kind: 'redirect', externalId: fake.paymentFor('PAY-URL-ONLY')?.uniqid });
  });
});

describe('Sellix payment method: answers in other shapes', () => {
  let odd: FakeHttpServer;
  let reply: unknown;
  let client: SellixPaymentMethod;

  beforeAll(async () => {
    odd = new FakeHttpServer(() => ({ status: 200, body: reply }));
    await odd.start();
    client = method({ baseUrl: `${odd.url}/v1` });
  });
  afterAll(() => odd.close());

  it('takes the uniqid from a white-label invoice', async () => {
    reply = { status: 200, data: { url: 'https://checkout.sellix.io/invoice/inv-1', invoice: { uniqid: 'inv-1', total: 1.5 } } };
    await expect(client.start(paymentRequest())).resolves.toEqual({ kind: 'redirect', url: 'https://checkout.sellix.io/invoice/inv-1', externalId: 'inv-1' });
  });

  it('throws bad_response for a white-label invoice without a checkout URL', async () => {
    reply = { status: 200, data: { invoice: { uniqid: 'inv-2' } } };
    await expect(client.start(paymentRequest())).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringContaining('no checkout URL') });
  });

  it('throws bad_response for an error envelope sent with HTTP 200', async () => {
    reply = { status: 400, data: null, error: 'Invalid Currency.' };
    await expect(client.start(paymentRequest())).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringContaining('Invalid Currency.') });
  });
});

describe('Sellix payment method: refund and delete', () => {
  it('does not support refunds, and calls nothing', async () => {
    const before = fake.requests.length;
    await expect(
      sellix.refund({ paymentReference: 'PAY-1', externalId: 'x', amount: Money.of('1.00', 'USD'), detail: {} }),
    ).resolves.toEqual({ kind: 'not_supported' });
    expect(fake.requests.length).toBe(before);
  });

  it('deletes an unpaid payment, and reports one Sellix does not know', async () => {
    const started = await sellix.start(paymentRequest());
    if (started.kind !== 'redirect') throw new Error('expected a redirect');
    await expect(sellix.deletePayment(started.externalId)).resolves.toBe('deleted');
    const [call] = fake.server.calls(`/v1/payments/${started.externalId}`, 'DELETE');
    expect(call?.headers['authorization']).toBe(`Bearer ${fake.apiKey}`);
    await expect(sellix.deletePayment(started.externalId)).resolves.toBe('not_found');
  });
});
