import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import type { PaymentEvent } from '../../src/core/ports/payment.js';
import { createSellixPaymentMethod, type SellixPaymentMethod } from '../../src/providers/sellix/sellix.payment.js';
import { parseSellixWebhook, signSellixBody, type SellixWebhookResult } from '../../src/providers/sellix/sellix.webhook.js';
import { SellixFake, type SellixWebhookScenario } from '../fakes/sellix.fake.js';

const secret = 'sellix-webhook-secret-for-tests';

function order(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uniqid: 'ord-1',
    status: 'COMPLETED',
    total: 12.5,
    total_display: 12.5,
    currency: 'USD',
    gateway: 'BITCOIN',
    custom_fields: { payment_reference: 'PAY-1', order_reference: 'K7F3-92QX' },
    ...over,
  };
}

/** A delivery as Sellix would make it: the body, its signature and the event header. */
function delivery(event: string, data: unknown, options: { sign?: string; body?: string; headers?: Record<string, string | undefined> } = {}) {
  const rawBody = options.body ?? JSON.stringify({ event, data });
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-sellix-event': event,
    'x-sellix-signature': signSellixBody(rawBody, options.sign ?? secret),
    ...options.headers,
  };
  return { headers, rawBody: Buffer.from(rawBody) };
}

function parsed(event: string, data: unknown): PaymentEvent {
  const result = parseSellixWebhook(delivery(event, data), secret);
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result.event;
}

describe('Sellix webhook: signature', () => {
  it('accepts a webhook signed with the secret and reads it into a paid event', () => {
    const result = parseSellixWebhook(delivery('order:paid', order()), secret);
    expect(result).toEqual({
      ok: true,
      event: {
        kind: 'paid',
        method: 'sellix',
        deliveryId: 'order:paid:ord-1:COMPLETED',
        paymentReference: 'PAY-1',
        externalId: 'ord-1',
        amount: Money.of('12.50', 'USD'),
        detail: { sellixEvent: 'order:paid', sellixStatus: 'COMPLETED', totalUsd: '12.5', gateway: 'BITCOIN', orderReference: 'K7F3-92QX' },
      },
    });
  });

  it('rejects a webhook whose signature is wrong', () => {
    expect(parseSellixWebhook(delivery('order:paid', order(), { sign: 'another-secret' }), secret)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a body changed after signing', () => {
    const good = delivery('order:paid', order());
    const tampered = { ...good, rawBody: Buffer.from(good.rawBody.toString().replace('12.5', '1250')) };
    expect(parseSellixWebhook(tampered, secret)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects a webhook without a signature header', () => {
    const unsigned = delivery('order:paid', order(), { headers: { 'x-sellix-signature': undefined } });
    expect(parseSellixWebhook(unsigned, secret)).toMatchObject({ ok: false, reason: 'bad_signature', detail: expect.stringContaining('no X-Sellix-Signature') });
  });

  it('rejects signatures of the wrong length or not in hex', () => {
    const good = delivery('order:paid', order());
    const signature = good.headers['x-sellix-signature']!;
    for (const bad of [signature.slice(0, 64), `${signature}00`, `${signature.slice(0, 126)}zz`, '']) {
      const result = parseSellixWebhook({ ...good, headers: { ...good.headers, 'x-sellix-signature': bad } }, secret);
      expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
    }
  });

  it('reads header names in any case and hex in upper case', () => {
    const good = delivery('order:paid', order());
    const headers = { 'X-Sellix-Signature': good.headers['x-sellix-signature']!.toUpperCase(), 'X-Sellix-Event': 'order:paid' };
    expect(parseSellixWebhook({ headers, rawBody: good.rawBody }, secret)).toMatchObject({ ok: true, event: { kind: 'paid' } });
  });

  it('accepts nothing when no secret is configured', () => {
    const unsigned = delivery('order:paid', order(), { sign: '' });
    expect(parseSellixWebhook(unsigned, '')).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});

describe('Sellix webhook: events and statuses', () => {
  it.each([
    ['order:paid', 'COMPLETED', 'paid'],
    ['order:paid:product', 'COMPLETED', 'paid'],
    ['order:partial', 'PARTIAL', 'partial'],
    ['order:updated', 'PARTIAL', 'partial'],
    ['order:paid', 'PARTIAL', 'partial'],
    ['order:cancelled', 'VOIDED', 'cancelled'],
    ['order:cancelled:product', 'VOIDED', 'cancelled'],
    ['order:updated', 'VOIDED', 'expired'],
    ['order:disputed', 'CUSTOMER_DISPUTE_ONGOING', 'disputed'],
    ['order:dispute', 'COMPLETED', 'disputed'],
    ['order:updated', 'CUSTOMER_DISPUTE_ONGOING', 'disputed'],
    ['order:updated', 'CUSTOMER_DISPUTE_CREATED', 'disputed'],
    ['order:updated', 'REVERSED', 'reversed'],
    ['order:updated', 'REFUNDED', 'refunded'],
    ['order:created', 'PENDING', 'ignored'],
    ['order:updated', 'PENDING', 'ignored'],
    ['order:paid', 'PENDING', 'ignored'],
    ['order:paid', 'WAITING_FOR_CONFIRMATIONS', 'ignored'],
    ['order:updated', 'WAITING_FOR_CONFIRMATIONS', 'ignored'],
    ['order:updated', 'COMPLETED', 'ignored'],
    ['order:updated', 'SOMETHING_NEW', 'ignored'],
  ])('maps %s at %s to %s', (event, status, kind) => {
    const result = parsed(event, order({ status }));
    expect(result.kind).toBe(kind);
    if (result.kind === 'ignored') expect(result.reason).not.toBe('');
    else expect(result).toMatchObject({ method: 'sellix', paymentReference: 'PAY-1', externalId: 'ord-1' });
  });

  it.each(['product:stock', 'query:created', 'feedback:received', 'subscription:created'])('ignores %s, which is not about a payment', (event) => {
    const result = parsed(event, { uniqid: 'p-1', stock: 3 });
    expect(result).toMatchObject({ kind: 'ignored', deliveryId: expect.stringMatching(new RegExp(`^${event}:sha256:[0-9a-f]{64}$`)) });
  });

  it('explains a dispute with its status, reason and dispute state', () => {
    const result = parsed('order:disputed', order({
      status: 'CUSTOMER_DISPUTE_ONGOING',
      paypal_dispute: { reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED', status: 'WAITING_FOR_SELLER_RESPONSE', outcome: null },
    }));
    expect(result).toMatchObject({ kind: 'disputed', detail: 'CUSTOMER_DISPUTE_ONGOING / MERCHANDISE_OR_SERVICE_NOT_RECEIVED / WAITING_FOR_SELLER_RESPONSE' });
  });

  it('takes the event from the signed body when the header is missing', () => {
    const result = parseSellixWebhook(delivery('order:paid', order(), { headers: { 'x-sellix-event': undefined } }), secret);
    expect(result).toMatchObject({ ok: true, event: { kind: 'paid' } });
  });

  it('rejects a header event that contradicts the signed body', () => {
    const result = parseSellixWebhook(delivery('order:cancelled', order(), { headers: { 'x-sellix-event': 'order:paid' } }), secret);
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('Sellix webhook: amounts and references', () => {
  it('reads total as a decimal string or a JSON number, exactly', () => {
    for (const total of ['12.50', 12.5]) {
      const result = parsed('order:paid', order({ total, total_display: undefined }));
      expect(result).toMatchObject({ kind: 'paid' });
      expect(result.kind === 'paid' && result.amount.equals(Money.of('12.50', 'USD'))).toBe(true);
    }
    const precise = parsed('order:paid', order({ total: 0.1, total_display: '0.30', currency: 'usd' }));
    expect(precise.kind === 'paid' && precise.amount.equals(Money.of('0.3', 'USD'))).toBe(true);
  });

  it("reads the amount in the invoice's currency from total_display, not the USD total", () => {
    const result = parsed('order:paid', order({ total: 11, total_display: '10.00', currency: 'EUR' }));
    expect(result.kind === 'paid' && result.amount.equals(Money.of('10', 'EUR'))).toBe(true);
    expect(result).toMatchObject({ detail: { totalUsd: '11' } });
  });

  it('reports the share of a partial crypto payment that arrived, rounded down, or zero when unknown', () => {
    const share = parsed('order:partial', order({ status: 'PARTIAL', total_display: 10, crypto_amount: 0.003, crypto_received: '0.001' }));
    expect(share.kind === 'partial' && share.amount.equals(Money.of('3.33', 'USD'))).toBe(true);
    const unknown = parsed('order:partial', order({ status: 'PARTIAL', crypto_amount: 0, crypto_received: 0 }));
    expect(unknown.kind === 'partial' && unknown.amount.isZero()).toBe(true);
  });

  it('rejects an event that needs a payment reference but carries none', () => {
    for (const custom_fields of [{ Discord: 'someone' }, [], null]) {
      const result = parseSellixWebhook(delivery('order:paid', order({ custom_fields })), secret);
      expect(result).toMatchObject({ ok: false, reason: 'missing_reference' });
    }
  });

  it('ignores an order it will not act on even without our reference', () => {
    expect(parsed('order:created', order({ status: 'PENDING', custom_fields: [] }))).toMatchObject({ kind: 'ignored' });
  });

  it('rejects bodies that are not JSON, not an order, or name no event', () => {
    const cases = [
      delivery('order:paid', null, { body: '{"event":"order:paid","data":' }),
      delivery('order:paid', order({ uniqid: undefined })),
      delivery('order:paid', order({ total: 'twelve' })),
      delivery('order:paid', order({ total: -1 })),
      delivery('order:paid', order({ currency: 'DOLLARS' })),
      delivery('order:paid', order(), { body: JSON.stringify({ data: order() }), headers: { 'x-sellix-event': undefined } }),
    ];
    for (const request of cases) expect(parseSellixWebhook(request, secret)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('Sellix webhook: delivery ids', () => {
  it('gives a redelivery the same id and each new event or status its own', () => {
    const id = (event: string, status: string) => parseSellixWebhook(delivery(event, order({ status })), secret);
    const first = id('order:paid', 'COMPLETED');
    expect(first).toMatchObject({ ok: true, event: { deliveryId: 'order:paid:ord-1:COMPLETED' } });
    expect(id('order:paid', 'COMPLETED')).toEqual(first);
    const ids = [id('order:updated', 'REFUNDED'), id('order:updated', 'REVERSED'), id('order:cancelled', 'VOIDED'), id('order:updated', 'VOIDED')].map(
      (r) => (r.ok ? r.event.deliveryId : r.reason),
    );
    expect(new Set([...ids, 'order:paid:ord-1:COMPLETED']).size).toBe(5);
  });
});

describe('Sellix webhook: round trip from the fake through a local receiver', () => {
  let fake: SellixFake;
  let sellix: SellixPaymentMethod;
  let receiver: Server;
  let receiverUrl: string;
  let received: SellixWebhookResult[] = [];

  beforeAll(async () => {
    fake = new SellixFake({ webhookSecret: secret });
    await fake.start();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const result = parseSellixWebhook({ headers: req.headers, rawBody: Buffer.concat(chunks) }, secret);
        received.push(result);
        res.writeHead(result.ok ? 200 : result.reason === 'bad_signature' ? 401 : 400).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/sellix`;
    sellix = createSellixPaymentMethod({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, webhookUrl: receiverUrl, returnUrl: 'https://t.me/kiosk_bot' });
  });

  beforeEach(() => {
    received = [];
  });

  afterAll(async () => {
    await sellix.close();
    await fake.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  let sequence = 0;
  async function pay(amount = Money.of('12.50', 'USD')) {
    const paymentReference = `PAY-RT-${++sequence}`;
    const started = await sellix.start({
      paymentReference,
      purpose: 'order',
      amount,
      title: 'Genshin Impact 300 Genesis Crystals',
      buyer: { userId: 'u-9', platform: 'telegram', platformUserId: '99' },
    });
    if (started.kind !== 'redirect') throw new Error(`expected a redirect, got ${started.kind}`);
    return { paymentReference, uniqid: started.externalId };
  }

  const events = () => received.map((r) => (r.ok ? r.event : undefined));

  it.each<[SellixWebhookScenario, PaymentEvent['kind']]>([
    ['paid', 'paid'],
    ['partial', 'partial'],
    ['wrong_amount', 'paid'],
    ['wrong_currency', 'paid'],
    ['cancelled', 'cancelled'],
    ['expired', 'expired'],
    ['disputed', 'disputed'],
    ['reversed', 'reversed'],
    ['refunded', 'refunded'],
    ['pending', 'ignored'],
    ['waiting_for_confirmations', 'ignored'],
  ])('delivers a signed %s webhook that reads as %s', async (scenario, kind) => {
    const { paymentReference, uniqid } = await pay();
    const [sent] = await fake.sendWebhook(uniqid, scenario);
    expect(sent?.status).toBe(200);
    expect(sent?.url).toBe(receiverUrl);
    expect(received).toHaveLength(1);
    expect(events()[0]).toMatchObject({ kind });
    if (kind !== 'ignored') expect(events()[0]).toMatchObject({ paymentReference, externalId: uniqid });
  });

  it('reports the amount that arrived: full, short by a cent, or in another currency', async () => {
    const { uniqid } = await pay();
    await fake.sendWebhook(uniqid, 'paid', { amountFormat: 'string' });
    await fake.sendWebhook(uniqid, 'wrong_amount');
    await fake.sendWebhook(uniqid, 'wrong_currency');
    const amounts = events().map((e) => (e?.kind === 'paid' ? e.amount.toString() : e?.kind));
    expect(amounts).toEqual(['12.50 USD', '12.49 USD', '12.50 EUR']);
  });

  it('reads a non-USD invoice in its own currency, though total is in USD', async () => {
    const { uniqid } = await pay(Money.of('150000', 'IDR'));
    await fake.sendWebhook(uniqid, 'paid');
    expect(events()[0]).toMatchObject({ kind: 'paid', amount: Money.of('150000', 'IDR') });
  });

  it.each(['wrong', 'missing', 'tampered'] as const)('has a %s signature refused by the receiver', async (signature) => {
    const { uniqid } = await pay();
    const [sent] = await fake.sendWebhook(uniqid, 'paid', { signature });
    expect(sent?.status).toBe(401);
    expect(received).toEqual([expect.objectContaining({ ok: false, reason: 'bad_signature' })]);
  });

  it('sends a duplicate delivery as the identical body, with one delivery id', async () => {
    const { uniqid } = await pay();
    const sent = await fake.sendWebhook(uniqid, 'paid', { times: 2 });
    expect(sent.map((s) => s.body)).toEqual([sent[0]?.body, sent[0]?.body]);
    const ids = events().map((e) => e?.deliveryId);
    expect(ids).toEqual([`order:paid:${uniqid}:COMPLETED`, `order:paid:${uniqid}:COMPLETED`]);
  });

  it('sends N parallel duplicate deliveries', async () => {
    const { uniqid } = await pay();
    const sent = await fake.sendWebhook(uniqid, 'paid', { parallel: 6 });
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(events().map((e) => e?.deliveryId))).toEqual(new Set([`order:paid:${uniqid}:COMPLETED`]));
  });

  it('sends events out of order, each read as what it says', async () => {
    const late = await pay();
    await fake.sendSequence(late.uniqid, ['cancelled', 'paid']);
    const stale = await pay();
    await fake.sendSequence(stale.uniqid, ['paid', 'pending']);
    expect(events().map((e) => e?.kind)).toEqual(['cancelled', 'paid', 'paid', 'ignored']);
  });

  it('is read from the signed body when the event header is left out', async () => {
    const { uniqid } = await pay();
    await fake.sendWebhook(uniqid, 'paid', { omitEventHeader: true });
    expect(events()[0]).toMatchObject({ kind: 'paid' });
  });

  it('has an order without our reference refused as missing_reference', async () => {
    await fake.sendRaw(receiverUrl, 'order:paid', { event: 'order:paid', data: order({ custom_fields: {} }) });
    expect(received).toEqual([expect.objectContaining({ ok: false, reason: 'missing_reference' })]);
  });
});
