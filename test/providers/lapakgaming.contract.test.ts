import { Money } from '../../src/core/money.js';
import { resellerContract } from '../contract/reseller-contract.js';
import { ML_PLAYER, startLapakgaming } from '../fakes/lapakgaming.fake.js';

const idr = (amount: string) => Money.of(amount, 'IDR');

resellerContract('lapakgaming', async () => {
  const { fake, reseller, close } = await startLapakgaming();
  fake.server.slowMs = 1_500;
  return {
    fixture: {
      reseller,
      fake: {
        requests: fake.requests,
        setFault: (fault) => fake.setFault(fault),
        finishOrder: async (reference, outcome) => fake.finishOrder(reference, outcome),
        ordersFor: (reference) => fake.ordersFor(reference),
      },
      skus: { instant: 'ML78_8-S2', voucher: 'VCGS330-S22', pending: 'ML4649_883-S42', unknown: 'ASD' },
      player: { valid: ML_PLAYER, invalid: { player_id: '99999999', zone: '1234' }, nickname: 'PlayerOne' },
      idempotencyKeyOf: (request) => (request.body as { partner_reference_id?: string } | undefined)?.partner_reference_id,
      orderRequests: () => fake.server.calls('/api/order', 'POST'),
      authHeader: { name: 'authorization', value: `Bearer ${fake.apiKey}` },
      // The dev test codes of the document, each with the outcome it documents.
      rejections: [
        { name: 'PRICE_NOT_MATCH (ML78_8-S2 at 999999)', code: 'price_changed', arrange: () => ({ sku: 'ML78_8-S2', expectedCost: idr('999999') }) },
        { name: 'PRODUCT_NOT_FOUND (ASD)', code: 'product_not_found', arrange: () => ({ sku: 'ASD', expectedCost: idr('20500') }) },
        { name: 'PRODUCT_EMPTY (ML156_16-S42)', code: 'out_of_stock', arrange: () => ({ sku: 'ML156_16-S42', expectedCost: idr('41000') }) },
        { name: 'PROVIDER_NOT_FOUND (ML234_23-S2)', code: 'provider_inactive', arrange: () => ({ sku: 'ML234_23-S2', expectedCost: idr('61000') }) },
        { name: 'PROVIDER_INACTIVE (ML625_81-S2)', code: 'provider_inactive', arrange: () => ({ sku: 'ML625_81-S2', expectedCost: idr('160000') }) },
        { name: 'INSUFFICIENT_BALANCE (ML7740_1548-S42)', code: 'reseller_balance_low', arrange: () => ({ sku: 'ML7740_1548-S42', expectedCost: idr('1900000') }) },
        { name: 'player id with a space', code: 'player_fields_invalid', arrange: () => ({ sku: 'ML78_8-S2', player: { player_id: '1234 5678', zone: '1234' } }) },
        {
          name: 'deposit too low (switch)',
          code: 'reseller_balance_low',
          arrange: () => {
            fake.balanceTooLow = 'once';
            return { sku: 'FF70-S3', player: { player_id: '123456789' } };
          },
        },
      ],
      forgedWebhook: () => fake.forged(fake.productCallback('ML78_8-S2', {}, 1_775_000_000)),
    },
    teardown: close,
  };
});
