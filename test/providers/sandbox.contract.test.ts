import { Money } from '../../src/core/money.js';
import { createSandboxReseller } from '../../src/providers/sandbox/sandbox.adapter.js';
import { resellerContract } from '../contract/reseller-contract.js';

// The sandbox is in-process: its own call log stands in for the fake server's recorded requests
// (operation as `path`, arguments as `body`), and it has no credentials, so the "documented
// header" is its synthetic `x-sandbox: demo` marker.
resellerContract('sandbox', async () => {
  const sandbox = createSandboxReseller({ startingBalance: Money.of('500', 'USD') });
  const orderRequests = () => sandbox.calls.filter((call) => call.path === 'placeOrder');
  return {
    fixture: {
      reseller: sandbox,
      fake: {
        requests: sandbox.calls,
        setFault: (fault) => sandbox.setFault(fault),
        finishOrder: async (reference, outcome) => {
          sandbox.settle(reference, outcome === 'success' ? 'completed' : 'failed');
          return undefined;
        },
        ordersFor: (reference) => sandbox.ordersFor(reference),
      },
      skus: {
        instant: 'sbx-pubgm-60',
        voucher: 'sbx-steam-10usd',
        pending: 'sbx-demo-delayed',
        unknown: 'sbx-no-such-product',
      },
      player: { valid: { player_id: '12345678' }, invalid: { player_id: '40412345' }, nickname: 'PlayerOne' },
      idempotencyKeyOf: (request) => (request.body as { reference?: string } | undefined)?.reference,
      orderRequests,
      authHeader: { name: 'x-sandbox', value: 'demo' },
      rejections: [
        { name: 'sold out product', code: 'out_of_stock', arrange: () => ({ sku: 'sbx-demo-out-of-stock' }) },
        { name: 'sold out for player 5000…', code: 'out_of_stock', arrange: () => ({ player: { player_id: '50001234' } }) },
        { name: 'unknown player', code: 'player_not_found', arrange: () => ({ player: { player_id: '40412345' } }) },
        { name: 'player id with letters', code: 'player_fields_invalid', arrange: () => ({ player: { player_id: '12ab5678' } }) },
        { name: 'stale price', code: 'price_changed', arrange: () => ({ expectedCost: Money.of('0.10', 'USD') }) },
        { name: 'price moved for player 7777…', code: 'price_changed', arrange: () => ({ player: { player_id: '77771234' } }) },
        { name: 'unknown product', code: 'product_not_found', arrange: () => ({ sku: 'sbx-no-such-product' }) },
        { name: 'too many units', code: 'quantity_not_allowed', arrange: () => ({ quantity: 11 }) },
        { name: 'more than the balance', code: 'reseller_balance_low', arrange: () => ({ sku: 'sbx-pubgm-8100', quantity: 10 }) },
      ],
    },
    teardown: async () => sandbox.reset(),
  };
});
