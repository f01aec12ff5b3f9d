import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Kysely, Migrator, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** `postgres` for a server, `pglite` for the embedded default. */
  kind: 'postgres' | 'pglite';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; absent, the embedded PGlite under `dataDir`. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway database. */
  dataDir?: string;
  poolSize?: number;
  /** Told about errors on idle pooled connections (which would otherwise crash the process). */
  onIdleError?: (error: Error) => void;
}

// int8 (counts, identity ids) as a JS number, the same as PGlite gives; ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

/** A URL without a user means the OS user, as psql reads it, even where $USER is unset (CI). */
export function withDefaultUser(connectionUrl: string): string {
  const url = new URL(connectionUrl);
  if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
  return url.toString();
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  let dialect: Dialect;
  let kind: DatabaseHandle['kind'];
  if (options.url) {
    kind = 'postgres';
    const pool = new pg.Pool({
      connectionString: withDefaultUser(options.url),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it and /readyz reports the database if it stays down.
    pool.on('error', (error) => options.onIdleError?.(error));
    dialect = new PostgresDialect({ pool });
  } else {
    kind = 'pglite';
    const dataDir = options.dataDir ?? './data/pglite';
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('kysely-pglite-dialect'),
    ]);
    const client = await PGlite.create(dataDir);
    dialect = new PGliteDialect(client);
  }
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Brings the schema up to the newest migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${cause}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
