import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResellerProduct } from '../../src/core/catalog/types.js';
import { Money } from '../../src/core/money.js';
import { ResellerError } from '../../src/core/ports/reseller.js';
import { createGamesDropReseller, type GamesDropResellerOptions } from '../../src/providers/gamesdrop/gamesdrop.adapter.js';
import { GAMESDROP_TOKEN, startGamesDropFake, type GamesDropFake } from '../fakes/gamesdrop.fake.js';

let fake: GamesDropFake;
const adapters: Array<{ close(): Promise<void> }> = [];

function adapter(options: Partial<GamesDropResellerOptions> = {}) {
  const reseller = createGamesDropReseller({ baseUrl: fake.server.url, token: GAMESDROP_TOKEN, timeoutMs: 1_000, retries: 1, retryBaseDelayMs: 5, ...options });
  adapters.push(reseller);
  return reseller;
}

async function wholeCatalog(reseller: ReturnType<typeof adapter>): Promise<ResellerProduct[]> {
  const products: ResellerProduct[] = [];
  let cursor: string | undefined;
  do {
    const page = await reseller.listCatalog(cursor);
    products.push(...page.products);
    cursor = page.next;
  } while (cursor);
  return products;
}

const bySku = (products: ResellerProduct[], sku: string) => products.find((p) => p.sku === sku);

beforeAll(async () => {
  fake = await startGamesDropFake(2_100);
});
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.server.requests.length = 0;
});

describe('GamesDrop catalog', () => {
  it('pages offers/sync with limit 1000 and the next page number as cursor until count is reached', async () => {
    const products = await wholeCatalog(adapter());
    const syncs = fake.server.calls('/api/v1/offers/sync', 'POST');
    expect(syncs.map((r) => r.body)).toEqual([
      { limit: 1000, page: 1 },
      { limit: 1000, page: 2 },
      { limit: 1000, page: 3 },
    ]);
    // 2 105 offers, less the test offer.
    expect(products).toHaveLength(2_104);
  });

  it('keeps the test offer 999 out of the catalog unless asked to list it', async () => {
    expect(bySku((await adapter().listCatalog()).products, '999')).toBeUndefined();
    const listed = bySku((await adapter({ includeTestOffer: true }).listCatalog()).products, '999');
    expect(listed).toMatchObject({ name: 'TEST OFFER GROUP', category: 'Steam US', type: 'voucher', playerFields: [], region: 'US' });
    expect(listed?.cost.equals(Money.of('23.09', 'KZT'))).toBe(true);
  });

  it('normalizes live-shaped rows: game, category, name, region, type, player fields, denomination and exact cost', async () => {
    const products = (await adapter().listCatalog()).products;
    const bloodStrike = bySku(products, '2733')!;
    expect(bloodStrike).toMatchObject({
      resellerId: 'gamesdrop',
      game: 'Blood Strike',
      category: 'Blood Strike',
      name: 'bloodstrike 51',
      region: 'Global',
      type: 'topup',
      inStock: true,
      maxQuantity: 1,
      playerFields: [{ key: 'player_id', required: true, pattern: '^\\S+$' }],
    });
    expect(bloodStrike.cost.toString()).toBe('0.39 USD');
    expect(bySku(products, '900')!.playerFields.map((f) => f.key)).toEqual(['player_id', 'server']);
    expect(bySku(products, '900')!.denomination).toEqual({ amount: '86', unit: 'DIAMONDS' });
    expect(bySku(products, '1001')!.cost.toString()).toBe('560.10 RUB');
    expect(bySku(products, '1001')!.denomination).toEqual({ amount: '60', unit: 'UC' });
    expect(bySku(products, '7')).toMatchObject({ type: 'voucher', game: null, category: 'Playstation Network US', denomination: { amount: '10', unit: 'USD' } });
  });

  it('lists an offer the catalog marks out of stock as not in stock', async () => {
    fake.setInStock(2733, false);
    expect(bySku((await adapter().listCatalog()).products, '2733')?.inStock).toBe(false);
  });

  it('accepts rows with only offerGroupId, a currency object or a string price, and skips a malformed row', async () => {
    fake.replyNext('/offers/sync', {
      status: 200,
      body: {
        count: 3,
        rows: [
          { offerGroupId: 5, offerGroupName: '100 Stars', productName: 'Telegram Stars', price: '1.56', currency: { code: 'usd' }, inStock: true, isRequiredGameUserId: true },
          { offerId: 6, offerGroupName: 'USA $20', productName: 'Steam US', price: 19.5, inStock: true },
          { offerGroupName: 'no id at all', price: 1 },
        ],
      },
    });
    const page = await adapter().listCatalog();
    expect(page.next).toBeUndefined();
    expect(page.products.map((p) => [p.sku, p.cost.toString(), p.type])).toEqual([
      ['5', '1.56 USD', 'topup'],
      // No currency on the row: the account currency.
      ['6', '19.50 USD', 'voucher'],
    ]);
  });

  it('fails with a typed error when no row of a page has the documented shape', async () => {
    fake.replyNext('/offers/sync', { status: 200, body: { count: 1, rows: [{ title: 'x' }] } });
    await expect(adapter().listCatalog()).rejects.toSatisfy((e: unknown) => e instanceof ResellerError && e.kind === 'bad_response');
  });

  it('refuses a cursor that is not a page number', async () => {
    await expect(adapter().listCatalog('abc')).rejects.toThrow(RangeError);
  });
});

describe('GamesDrop quotes', () => {
  it('asks find-one with offerId as a JSON number and quotes its exact price', async () => {
    const result = await adapter().quote('1001', 1);
    const [call] = fake.server.calls('/api/v1/offers/find-one', 'POST');
    expect(call?.rawBody).toBe('{"offerId":1001}');
    expect(call?.headers.authorization).toBe(GAMESDROP_TOKEN);
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.quote.cost.equals(Money.of('560.10', 'RUB'))).toBe(true);
  });

  it('quotes the test offer 999 at 23.09 KZT as a voucher that needs no player', async () => {
    const result = await adapter().quote('999', 1);
    expect(result).toMatchObject({ kind: 'ok', quote: { sku: '999', type: 'voucher', playerFields: [], inStock: true } });
    if (result.kind === 'ok') expect(result.quote.cost.toString()).toBe('23.09 KZT');
  });

  it('takes player fields from the catalog, which find-one does not repeat', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    const result = await reseller.quote('900', 1);
    expect(result.kind === 'ok' && result.quote.playerFields.map((f) => f.key)).toEqual(['player_id', 'server']);
  });

  it('rejects an unknown offer as product_not_found, and a non-numeric sku or two units without any call', async () => {
    const reseller = adapter();
    expect(await reseller.quote('424242', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    const before = fake.server.requests.length;
    expect(await reseller.quote('pubg-60', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    expect(await reseller.quote('2733', 2)).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
    expect(fake.server.requests.length).toBe(before);
  });
});

describe('GamesDrop player check', () => {
  it('sends check-game-data as documented: offerId, live price, a check transactionId and the customer ids', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    const result = await reseller.validatePlayer('900', { player_id: '123456789', server: '2001' });
    expect(result).toEqual({ kind: 'valid', nickname: 'JJJ' });
    const [call] = fake.server.calls('/api/v1/offers/check-game-data', 'POST');
    expect(call?.body).toEqual({
      offerId: 900,
      price: 1.5,
      transactionId: expect.stringMatching(/^check-[0-9a-f-]{36}$/),
      customer: { gameUserId: '123456789', gameServerId: '2001' },
    });
  });

  it('reads an INVALID answer sent with HTTP 200 as player_not_found', async () => {
    expect(await adapter().validatePlayer('2733', { player_id: '000000000' })).toMatchObject({ kind: 'invalid', code: 'player_not_found' });
  });

  it('accepts any player for the test offer 999, as the document promises', async () => {
    expect(await adapter().validatePlayer('999', { player_id: '42' })).toEqual({ kind: 'valid', nickname: 'TEST' });
  });

  it('refuses a player id with spaces or a missing server locally, without asking GamesDrop', async () => {
    const reseller = adapter();
    await reseller.listCatalog();
    expect(await reseller.validatePlayer('900', { player_id: '123 456' , server: '1' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(await reseller.validatePlayer('900', { player_id: '123456789' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(fake.server.calls('/api/v1/offers/check-game-data')).toHaveLength(0);
  });

  it('reads INVALID_REQUEST_BODY from check-game-data as player_fields_invalid', async () => {
    fake.failNext('/offers/check-game-data', 'INVALID_REQUEST_BODY');
    expect(await adapter().validatePlayer('2733', { player_id: '123456789' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
  });
});
