import { Money } from '../../src/core/money.js';
import type { PlaceOrderRequest } from '../../src/core/ports/reseller.js';
import { createGamesDropReseller } from '../../src/providers/gamesdrop/gamesdrop.adapter.js';
import { resellerContract } from '../contract/reseller-contract.js';
import { GAMESDROP_TOKEN, GamesDropFake } from '../fakes/gamesdrop.fake.js';

resellerContract('gamesdrop', async () => {
  const fake = new GamesDropFake();
  const baseUrl = await fake.start();
  fake.server.slowMs = 1_500;
  const reseller = createGamesDropReseller({
    baseUrl,
    token: GAMESDROP_TOKEN,
    timeoutMs: 400,
    retries: 2,
    retryBaseDelayMs: 10,
    breakerThreshold: 1_000,
  });
  // Each case starts from the document's behaviour, so one case's switch never leaks into the next.
  const arrange =
    (change: () => void, overrides: Partial<PlaceOrderRequest> = {}) =>
    () => {
      fake.reset();
      change();
      return overrides;
    };
  return {
    fixture: {
      reseller,
      fake: {
        requests: fake.server.requests,
        setFault: (fault) => {
          fake.server.fault = fault;
        },
        finishOrder: async (reference, outcome) => {
          fake.finishOrder(reference, outcome);
          return undefined;
        },
        ordersFor: (reference) => fake.ordersFor(reference),
      },
      skus: {
        // A Blood Strike top-up, shaped like a live row, that completes at once.
        instant: '2733',
        // The document's test offer 999: Steam US, 23.09 KZT, returns a key.
        voucher: '999',
        // Mobile Legends (player id and server), SUBMITTED until the fake finishes it.
        pending: '900',
        unknown: '424242',
      },
      player: {
        valid: { player_id: '123456789', server: '2001' },
        invalid: { player_id: '000000000', server: '2001' },
        nickname: 'JJJ',
      },
      idempotencyKeyOf: (request) => (request.body as { transactionId?: string } | undefined)?.transactionId,
      orderRequests: () => fake.server.calls('/api/v1/offers/create-order', 'POST'),
      authHeader: { name: 'Authorization', value: GAMESDROP_TOKEN },
      rejections: [
        {
          name: 'a cost other than the live one is price_changed',
          code: 'price_changed',
          arrange: arrange(() => undefined, { expectedCost: Money.of('0.38', 'USD') }),
        },
        { name: 'WRONG_PRICE from create-order is price_changed', code: 'price_changed', arrange: arrange(() => fake.failNext('/offers/create-order', 'WRONG_PRICE')) },
        { name: 'OFFER_NOT_FOUND is product_not_found', code: 'product_not_found', arrange: arrange(() => undefined, { sku: '424242' }) },
        { name: 'INSUFFICIENT_BALANCE is reseller_balance_low', code: 'reseller_balance_low', arrange: arrange(() => fake.setBalance('0')) },
        { name: 'an out-of-stock offer is out_of_stock', code: 'out_of_stock', arrange: arrange(() => fake.setInStock(2733, false)) },
        { name: 'BALANCE_UNAVAILABLE is provider_inactive', code: 'provider_inactive', arrange: arrange(() => (fake.balanceUnavailable = true)) },
        { name: 'more than one unit is quantity_not_allowed', code: 'quantity_not_allowed', arrange: arrange(() => undefined, { quantity: 2 }) },
        { name: 'a missing player id is player_fields_invalid', code: 'player_fields_invalid', arrange: arrange(() => undefined, { player: { player_id: '' } }) },
        { name: 'INVALID_REQUEST_BODY is reseller_rejected', code: 'reseller_rejected', arrange: arrange(() => fake.failNext('/offers/create-order', 'INVALID_REQUEST_BODY')) },
      ],
    },
    teardown: async () => {
      fake.reset();
      await reseller.close();
      await fake.close();
    },
  };
});
