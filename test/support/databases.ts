import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, withDefaultUser, type DatabaseHandle } from '../../src/storage/database.js';

/** The PostgreSQL server tests use; CI starts it. A missing server fails the test, never skips it. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Drops what the test made. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database of one kind: in-memory PGlite, or a new database on the server. */
export async function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrate(handle.db);
    return { handle, dispose: () => handle.close() };
  }
  const name = `tk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDefaultUser(TEST_POSTGRES_URL) });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 12 });
  await migrate(handle.db);
  return {
    handle,
    async dispose() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: withDefaultUser(TEST_POSTGRES_URL) });
      await cleanup.connect();
      // The pool reports closed before its connections are gone; dropping under them makes the
      // server kill them, which surfaces as an error in the test that is finishing.
      for (let i = 0; i < 50; i++) {
        const { rows } = await cleanup.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if ((rows[0] as { n: number }).n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const databaseKinds = ['pglite', 'postgres'] as const;
