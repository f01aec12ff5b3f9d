import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate } from '../src/storage/database.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('ledger storage on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('creates every table the ledger needs', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(database.handle.db);
    const names = rows.map((r) => r.table_name);
    for (const table of ['users', 'orders', 'order_events', 'ledger_entries', 'payments', 'webhook_deliveries', 'settings', 'outbox']) {
      expect(names).toContain(table);
    }
  });

  it('runs migrations once: a second run applies nothing', async () => {
    expect(await migrate(database.handle.db)).toEqual([]);
  });

  it('keeps money exact: numeric in, the same digits out', async () => {
    const db = database.handle.db;
    const user = await db
      .insertInto('users')
      .values({ platform: 'telegram', platform_user_id: '42', username: 'alice', display_name: null, language: 'en' })
      .returning(['id', 'banned'])
      .executeTakeFirstOrThrow();
    expect(user.banned).toBe(false);
    for (const amount of ['0.1', '0.2', '1234567890.12345678', '-0.00000001']) {
      await db
        .insertInto('ledger_entries')
        .values({ user_id: user.id, amount, currency: 'USD', reason: 'test', reference: 'r', idempotency_key: `k${amount}`, note: null, actor: 'test' })
        .execute();
    }
    const { sum } = await db
      .selectFrom('ledger_entries')
      .select(sql<string>`sum(amount)`.as('sum'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(sum).toBe('1234567890.42345677');
    const column = await sql<{ data_type: string }>`
      select data_type from information_schema.columns where table_name = 'ledger_entries' and column_name = 'amount'`.execute(db);
    expect(column.rows[0]?.data_type).toBe('numeric');
  });

  it('refuses a second ledger entry with the same idempotency key', async () => {
    const db = database.handle.db;
    const user = await db
      .insertInto('users')
      .values({ platform: 'discord', platform_user_id: '7', username: null, display_name: null, language: 'id' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entry = { user_id: user.id, amount: '5', currency: 'USD', reason: 'test', reference: 'r', idempotency_key: 'same', note: null, actor: 'test' };
    await db.insertInto('ledger_entries').values(entry).execute();
    await expect(db.insertInto('ledger_entries').values(entry).execute()).rejects.toThrow();
  });

  it('counts with identity ids as numbers on both backends', async () => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ledger_entries`.execute(database.handle.db);
    expect(typeof rows[0]?.n).toBe('number');
  });
});
