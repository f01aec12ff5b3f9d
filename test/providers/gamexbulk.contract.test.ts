import { createHmac } from 'node:crypto';
import { Money } from '../../src/core/money.js';
import { createGamexBulkReseller } from '../../src/providers/gamexbulk/gamexbulk.adapter.js';
import { resellerContract } from '../contract/reseller-contract.js';
import { GamexBulkFake } from '../fakes/gamexbulk.fake.js';

resellerContract('gamexbulk', async () => {
  const fake = new GamexBulkFake();
  const baseUrl = await fake.start();
  fake.server.slowMs = 1_500;
  const reseller = createGamexBulkReseller({
    baseUrl,
    apiKey: fake.apiKey,
    timeoutMs: 400,
    retries: 2,
    retryBaseDelayMs: 10,
    breakerThreshold: 1_000,
    callbackUrl: 'https://shop.example/webhooks/gamexbulk',
  });
  const resetSwitches = () => {
    fake.balanceTooLow = false;
    fake.soldOutAtOrder.clear();
  };
  return {
    fixture: {
      reseller,
      fake: {
        requests: fake.requests,
        setFault: (fault) => fake.setFault(fault),
        finishOrder: (reference, outcome) => fake.finishOrder(reference, outcome),
        ordersFor: (reference) => fake.ordersFor(reference),
      },
      skus: { instant: '91', voucher: '55', pending: '92', unknown: '999999' },
      player: { valid: { player_id: '5123456789' }, invalid: { player_id: '0000000000' }, nickname: 'PlayerOne' },
      idempotencyKeyOf: (request) => request.headers['x-idempotency-key'],
      orderRequests: () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/orders')),
      authHeader: { name: 'X-API-KEY', value: fake.apiKey },
      rejections: [
        {
          name: 'balance too low (INSUFFICIENT_BALANCE)',
          code: 'reseller_balance_low',
          arrange: () => {
            resetSwitches();
            fake.balanceTooLow = true;
            return {};
          },
        },
        {
          name: 'sold out at order time (OUT_OF_STOCK)',
          code: 'out_of_stock',
          arrange: () => {
            resetSwitches();
            fake.soldOutAtOrder.add(91);
            return {};
          },
        },
        { name: 'listed with stock 0', code: 'out_of_stock', arrange: () => (resetSwitches(), { sku: '56', expectedCost: Money.of('19.90', 'USD') }) },
        { name: 'price rose since the quote', code: 'price_changed', arrange: () => (resetSwitches(), { expectedCost: Money.of('0.50', 'USD') }) },
        { name: 'top-up with qty 2', code: 'quantity_not_allowed', arrange: () => (resetSwitches(), { quantity: 2 }) },
        { name: 'top-up without a player id', code: 'player_fields_invalid', arrange: () => (resetSwitches(), { player: {} }) },
        { name: 'unknown product', code: 'product_not_found', arrange: () => (resetSwitches(), { sku: '999999' }) },
      ],
      forgedWebhook: () => {
        const raw = JSON.stringify({ event: 'order.status_changed', order_id: 8821, client_order_id: 'X', status: 'COMPLETED' });
        return {
          headers: { 'x-gamex-signature': `sha256=${createHmac('sha256', 'guessed-secret').update(raw).digest('hex')}`, 'x-gamex-event': 'order.status_changed' },
          rawBody: Buffer.from(raw),
          params: {},
          query: {},
          ip: '203.0.113.9',
        };
      },
    },
    teardown: async () => {
      await reseller.close();
      await fake.close();
    },
  };
});
