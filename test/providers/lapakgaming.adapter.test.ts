import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../src/core/money.js';
import { ML_PLAYER, startLapakgaming } from '../fakes/lapakgaming.fake.js';

type Started = Awaited<ReturnType<typeof startLapakgaming>>;
let running: Started | undefined;
async function start(options: Parameters<typeof startLapakgaming>[0] = {}): Promise<Started> {
  running = await startLapakgaming(options);
  return running;
}
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('lapakgaming catalog', () => {
  it('lists the catalog from categories and all products of the country, with Bearer auth', async () => {
    const { fake, reseller } = await start();
    const page = await reseller.listCatalog();
    expect(page.next).toBeUndefined();
    expect(fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/category', { country_code: 'id' }],
      ['GET', '/api/all-products', { country_code: 'id' }],
    ]);
    for (const r of fake.requests) expect(r.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(page.products.map((p) => p.sku)).toEqual(fake.products.map((p) => p.code));

    const ml = page.products.find((p) => p.sku === 'ML78_8-S2')!;
    expect(ml).toMatchObject({
      resellerId: 'lapakgaming',
      game: 'Mobile Legends',
      category: 'Mobile Legends',
      name: '78 Diamonds + 8 Bonus',
      denomination: { amount: '78', unit: 'DIAMONDS' },
      region: 'ID',
      type: 'topup',
      inStock: true,
      stock: null,
      extra: { categoryCode: 'ML', countryCode: 'id', providerCode: 'S2', processTime: '60', variant: 'Diamonds' },
    });
    expect(ml.cost.equals(Money.of('20500', 'IDR'))).toBe(true);
    expect(ml.playerFields).toEqual([
      { key: 'player_id', label: 'Player ID', required: true, pattern: '\\d+', hint: 'digits only' },
      { key: 'zone', label: 'Zone ID', required: true, pattern: '\\d+', hint: 'digits only' },
    ]);
    expect(page.products.find((p) => p.sku === 'ML156_16-S42')?.inStock).toBe(false);
  });

  it('turns forms and servers into player fields: a server list, a lone player id, none for vouchers', async () => {
    const { reseller } = await start();
    const { products } = await reseller.listCatalog();
    const genshin = products.find((p) => p.sku === 'GI60-S1')!;
    expect(genshin.playerFields).toEqual([
      { key: 'player_id', label: 'Player ID', required: true, hint: 'no spaces' },
      {
        key: 'server',
        label: 'Server',
        required: true,
        options: [
          { value: 'os_asia', label: 'Asia' },
          { value: 'os_usa', label: 'America' },
          { value: 'os_euro', label: 'Europe' },
        ],
      },
    ]);
    expect(genshin.extra?.needsEndUserIp).toBe('true');
    expect(products.find((p) => p.sku === 'FF70-S3')?.playerFields.map((f) => f.key)).toEqual(['player_id']);
    const voucher = products.find((p) => p.sku === 'VCGS330-S22')!;
    expect(voucher).toMatchObject({ type: 'voucher', game: null, category: 'Garena Shells Voucher', playerFields: [] });
    expect(voucher.extra?.needsEndUserIp).toBeUndefined();
  });

  it('walks the catalog category by category to the last page when all products lack category_code', async () => {
    const { fake, reseller } = await start();
    fake.legacyAllProducts = true;
    const skus: string[] = [];
    const cursors: Array<string | undefined> = [];
    let cursor: string | undefined;
    do {
      const page = await reseller.listCatalog(cursor);
      skus.push(...page.products.map((p) => p.sku));
      cursor = page.next;
      cursors.push(cursor);
    } while (cursor);
    expect(cursors).toEqual(['category:1', 'category:2', 'category:3', 'category:4', undefined]);
    expect(fake.server.calls('/api/product').map((r) => r.query)).toEqual(
      ['ML', 'GI', 'FF', 'PUBGM', 'VCGS'].map((code) => ({ category_code: code, country_code: 'id' })),
    );
    expect(skus.sort()).toEqual(fake.products.map((p) => p.code).sort());
  });

  it('asks for the configured country', async () => {
    const { fake, reseller } = await start({ country: 'MY' });
    const page = await reseller.listCatalog();
    expect(fake.requests.map((r) => r.query.country_code)).toEqual(['my', 'my']);
    expect(page.products).toEqual([]);
  });
});

describe('lapakgaming quotes', () => {
  it('quotes the live price of one product through Get Products, with its category', async () => {
    const { fake, reseller } = await start();
    await reseller.listCatalog();
    const quote = await reseller.quote('ML78_8-S2', 1);
    expect(fake.server.calls('/api/product').map((r) => r.query)).toEqual([{ category_code: 'ML', product_code: 'ML78_8-S2', country_code: 'id' }]);
    expect(quote.kind).toBe('ok');
    if (quote.kind !== 'ok') return;
    expect(quote.quote).toMatchObject({ sku: 'ML78_8-S2', inStock: true, stock: null, type: 'topup' });
    expect(quote.quote.cost.equals(Money.of('20500', 'IDR'))).toBe(true);
    expect(quote.quote.playerFields.map((f) => f.key)).toEqual(['player_id', 'zone']);
  });

  it('learns the category of an unknown sku from the catalog before quoting it', async () => {
    const { fake, reseller } = await start();
    const quote = await reseller.quote('VCGS330-S22', 1);
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/all-products', '/api/category', '/api/product']);
    expect(quote).toMatchObject({ kind: 'ok', quote: { type: 'voucher', playerFields: [] } });
  });

  it('rejects an empty product as out of stock and an unknown one as not found', async () => {
    const { reseller } = await start();
    expect(await reseller.quote('ML156_16-S42', 1)).toMatchObject({ kind: 'rejected', code: 'out_of_stock' });
    expect(await reseller.quote('ASD', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
    expect(await reseller.quote('ML78_8-S2', 0)).toMatchObject({ kind: 'rejected', code: 'quantity_not_allowed' });
  });

  it('reads a business error answered with HTTP 400 the same as one answered with 200', async () => {
    const { fake, reseller } = await start();
    fake.errorStatus = 400;
    expect(await reseller.quote('ASD', 1)).toMatchObject({ kind: 'rejected', code: 'product_not_found' });
  });
});

describe('lapakgaming player check', () => {
  it('checks a player with uid-check and returns the nickname', async () => {
    const { fake, reseller } = await start();
    expect(await reseller.validatePlayer('ML78_8-S2', ML_PLAYER)).toEqual({ kind: 'valid', nickname: 'PlayerOne' });
    const [check] = fake.server.calls('/api/uid-check', 'POST');
    expect(check?.body).toEqual({ category_code: 'ML', user_id: '12345678', additional_id: '1234' });
    expect(check?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it('sends the server as additional_id and says when the player is not found', async () => {
    const { fake, reseller } = await start();
    expect(await reseller.validatePlayer('GI60-S1', { player_id: '800123456', server: 'os_asia' })).toEqual({ kind: 'valid', nickname: 'Traveler' });
    expect(await reseller.validatePlayer('ML78_8-S2', { player_id: '99999999', zone: '1234' })).toMatchObject({ kind: 'invalid', code: 'player_not_found' });
    expect(fake.server.calls('/api/uid-check')[0]?.body).toEqual({ category_code: 'GI', user_id: '800123456', additional_id: 'os_asia' });
  });

  it('refuses fields that break the local rules without asking Lapakgaming', async () => {
    const { fake, reseller } = await start();
    await reseller.listCatalog();
    expect(await reseller.validatePlayer('ML78_8-S2', { player_id: '1234 5678', zone: '1234' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(await reseller.validatePlayer('ML78_8-S2', { player_id: '12345678' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(await reseller.validatePlayer('GI60-S1', { player_id: '800123456', server: 'moon' })).toMatchObject({ kind: 'invalid', code: 'player_fields_invalid' });
    expect(fake.server.calls('/api/uid-check')).toHaveLength(0);
  });

  it('cannot check a category without check_id, and needs no check for a voucher', async () => {
    const { fake, reseller } = await start();
    expect(await reseller.validatePlayer('PUBGM60-S5', { player_id: '5123456789' })).toEqual({ kind: 'not_verifiable' });
    expect(await reseller.validatePlayer('VCGS330-S22', {})).toEqual({ kind: 'valid', nickname: null });
    expect(await reseller.validatePlayer('ASD', ML_PLAYER)).toEqual({ kind: 'not_verifiable' });
    expect(fake.server.calls('/api/uid-check')).toHaveLength(0);
  });
});

describe('lapakgaming balance, best products and FX', () => {
  it('reports the deposit balance in rupiah', async () => {
    const { fake, reseller } = await start();
    const balance = await reseller.balance();
    expect(balance.toString()).toBe('993229432 IDR');
    expect(fake.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/api/balance']]);
  });

  it('lists the products of a group and finds its real-time best product', async () => {
    const { fake, reseller } = await start();
    const group = await reseller.groupProducts('ML_86', { categoryCode: 'ML' });
    expect(group.map((p) => [p.sku, p.cost.toString()])).toEqual([
      ['ML78_8-S2', '20500 IDR'],
      ['ML78_8-S9', '20900 IDR'],
    ]);
    const best = await reseller.bestProduct('ML_86');
    expect(best).toMatchObject({ sku: 'ML78_8-S2', name: '78 Diamonds + 8 Bonus', countryCode: 'id', processTime: '60' });
    expect(await reseller.bestProduct('NOPE')).toBeUndefined();
    expect(await reseller.groupProducts('NOPE')).toEqual([]);
    expect(fake.requests.slice(0, 2).map((r) => [r.path, r.query])).toEqual([
      ['/api/catalogue/group-products', { category_code: 'ML', group_product_code: 'ML_86', country_code: 'id' }],
      ['/api/catalogue/group-products/ML_86/best-product', { country_code: 'id' }],
    ]);
  });

  it('reads the FX rate as an exact decimal with the time Lapakgaming set it', async () => {
    const { fake, reseller } = await start();
    const rate = await reseller.fxRate('IDR', 'USD');
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/fx-rate.php', query: { from_currency: 'IDR', to_currency: 'USD' } });
    expect(rate).toEqual({
      from: 'IDR',
      to: 'USD',
      rate: '0.0000625',
      buyRate: '0.0000615',
      sellRate: '0.0000625',
      takenAt: new Date('2026-04-07T03:00:00.000Z'),
    });
    const back = await reseller.fxRate('USD', 'IDR');
    expect(back.rate).toBe('16250');
  });

  it('refuses an FX answer for another pair', async () => {
    const { reseller } = await start();
    await expect(reseller.fxRate('IDR', 'EUR')).rejects.toMatchObject({ kind: 'bad_response' });
  });
});
