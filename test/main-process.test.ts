import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_POSTGRES_URL } from './support/databases.js';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(env: Record<string, string>) {
  const child = spawn(tsx, ['src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env },
    cwd: process.cwd(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tk-main-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a bad configuration with one line per problem and no stack trace', async () => {
    const proc = run({ HTTP_PORT: 'abc', DATABASE_URL: 'mysql://x' });
    const code = await proc.exited;
    expect(code).not.toBe(0);
    const lines = proc.err().trim().split('\n');
    expect(lines.some((l) => l.includes('HTTP_PORT:'))).toBe(true);
    expect(lines.some((l) => l.includes('DATABASE_URL:'))).toBe(true);
    expect(proc.err()).not.toMatch(/\n\s+at /);
  });

  it('starts with no configuration at all, says what is off, serves /healthz and stops cleanly on SIGTERM', async () => {
    const proc = run({ HTTP_PORT: '0', PGLITE_DATA_DIR: join(dataDir, 'pglite') });
    let address: string | undefined;
    for (let i = 0; i < 600 && !address; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const match = /listening on (http:\/\/[\d.:]+)/.exec(proc.out());
      address = match?.[1];
    }
    expect(address, proc.out() + proc.err()).toBeDefined();
    expect(proc.out()).toMatch(/off\s+telegram: set TELEGRAM_BOT_TOKEN to turn on/);
    expect(proc.out()).toMatch(/on\s+sandbox reseller/);
    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain('stopped cleanly');
    expect(proc.err()).toBe('');
  }, 90_000);

  it('runs on PostgreSQL and Redis the same, and /readyz names Redis when Redis cannot be reached', async () => {
    const database = await openTestDatabase('postgres');
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${(await database.handle.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()).name}`;
    const proc = run({ HTTP_PORT: '0', DATABASE_URL: url.toString(), REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      let address: string | undefined;
      for (let i = 0; i < 600 && !address; i++) {
        await new Promise((r) => setTimeout(r, 100));
        address = /listening on (http:\/\/[\d.:]+)/.exec(proc.out())?.[1];
      }
      expect(address, proc.out() + proc.err()).toBeDefined();
      expect(proc.out()).toContain('PostgreSQL (DATABASE_URL)');
      expect((await fetch(`${address}/healthz`)).status).toBe(200);
      const ready = await fetch(`${address}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { failing: string[] }).failing).toEqual(['redis']);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await database.dispose();
    }
  }, 90_000);
});
