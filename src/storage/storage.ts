import type { Kysely } from 'kysely';
import type { Repositories, Storage } from '../core/ports/storage.js';
import { KyselyLedgerRepository, KyselyOutboxRepository, KyselyPaymentRepository, KyselyWebhookDeliveryRepository } from './ledger-repository.js';
import { KyselyOrderEventRepository, KyselyOrderRepository } from './order-repository.js';
import type { Database } from './schema.js';
import {
  KyselyBlacklistRepository,
  KyselyCatalogRuleRepository,
  KyselyCouponRepository,
  KyselySavedPlayerRepository,
  KyselySettingsRepository,
  KyselyUserRepository,
} from './shop-repositories.js';

function repositories(db: Kysely<Database>): Repositories {
  return {
    users: new KyselyUserRepository(db),
    orders: new KyselyOrderRepository(db),
    events: new KyselyOrderEventRepository(db),
    ledger: new KyselyLedgerRepository(db),
    payments: new KyselyPaymentRepository(db),
    outbox: new KyselyOutboxRepository(db),
    webhooks: new KyselyWebhookDeliveryRepository(db),
    settings: new KyselySettingsRepository(db),
    catalogRules: new KyselyCatalogRuleRepository(db),
    coupons: new KyselyCouponRepository(db),
    blacklist: new KyselyBlacklistRepository(db),
    savedPlayers: new KyselySavedPlayerRepository(db),
  };
}

/** The core's storage port over Kysely: PostgreSQL or PGlite, the same SQL. */
export function createStorage(db: Kysely<Database>): Storage {
  return {
    ...repositories(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
  };
}
