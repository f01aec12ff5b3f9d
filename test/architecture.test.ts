import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const forbiddenPackages = /^(grammy|@grammyjs\/|discord\.js|ioredis|pg$|kysely|fastify|undici|@electric-sql\/|pino)/;

describe('architecture', () => {
  it('keeps src/core free of chat apps, HTTP, Redis and SQL clients, and of adapters', () => {
    const problems: string[] = [];
    for (const file of files('src/core')) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)) {
        const target = match[1]!;
        if (forbiddenPackages.test(target)) problems.push(`${relative('.', file)} imports ${target}`);
        if (target.startsWith('.') && !join(file, '..', target).startsWith('src/core')) problems.push(`${relative('.', file)} imports ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
