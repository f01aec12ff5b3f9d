import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';

describe('configuration', () => {
  it('starts on embedded defaults when nothing is set', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.HTTP_PORT).toBe(3000);
    expect(result.config.DATABASE_URL).toBeUndefined();
    expect(result.config.REDIS_URL).toBeUndefined();
    expect(result.config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(result.config.DISPLAY_CURRENCY).toBe('USD');
    expect(result.config.ADMIN_TELEGRAM_IDS).toEqual([]);
  });

  it('reports one line per bad variable, naming it', () => {
    const result = parseConfig({ HTTP_PORT: 'abc', DATABASE_URL: 'mysql://x', DISPLAY_CURRENCY: 'dollars', ADMIN_TELEGRAM_IDS: '12,abc' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    expect(result.problems.find((p) => p.startsWith('HTTP_PORT:'))).toMatch(/whole number/);
    expect(result.problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgres/);
    expect(result.problems.find((p) => p.startsWith('DISPLAY_CURRENCY:'))).toBeDefined();
    expect(result.problems.find((p) => p.startsWith('ADMIN_TELEGRAM_IDS:'))).toBeDefined();
    for (const line of result.problems) expect(line).not.toContain('\n');
  });

  it('treats an empty variable as unset', () => {
    const result = parseConfig({ TELEGRAM_BOT_TOKEN: '', REDIS_URL: '' });
    expect(result.ok && result.config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(result.ok && result.config.REDIS_URL).toBeUndefined();
  });

  it('parses admin lists and postgres urls', () => {
    const result = parseConfig({ ADMIN_TELEGRAM_IDS: '1, 22 ,333', DATABASE_URL: 'postgresql://u:p@db:5432/shop', HTTP_PORT: '8080' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.ADMIN_TELEGRAM_IDS).toEqual(['1', '22', '333']);
    expect(result.config.HTTP_PORT).toBe(8080);
  });
});
