import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';

describe('documentation of the configuration', () => {
  const names = Object.keys(configSchema.shape).filter((n) => n !== 'NODE_ENV');

  it('lists every variable in .env.example and in the README table', () => {
    const example = readFileSync('.env.example', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    const missingExample = names.filter((n) => !new RegExp(`^${n}=`, 'm').test(example));
    const missingReadme = names.filter((n) => !readme.includes(`\`${n}\``));
    expect(missingExample).toEqual([]);
    expect(missingReadme).toEqual([]);
  });
});
