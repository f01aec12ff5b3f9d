import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { createLogger, secretValues } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('logging', () => {
  it('never writes a secret, whether logged as config, header, message or error', () => {
    const parsed = parseConfig({
      TELEGRAM_BOT_TOKEN: '123456:AAH-telegram-secret-token',
      GAMEXBULK_API_KEY: 'gx_live_key_0001',
      SELLIX_API_KEY: 'sellix-api-key-7788',
      SELLIX_WEBHOOK_SECRET: 'whsec-sellix-5566',
      DATABASE_URL: 'postgres://shop:pg-password-991@db:5432/shop',
      REDIS_URL: 'redis://:redis-pass-442@cache:6379',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const config = parsed.config;
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'trace', secrets: secretValues(config), destination });

    logger.info({ config }, 'config loaded');
    logger.info(
      {
        request: {
          method: 'POST',
          url: `https://api.telegram.org/bot${config.TELEGRAM_BOT_TOKEN}/sendMessage`,
          headers: { authorization: 'Bearer some-other-bearer-token', 'x-api-key': 'raw-header-key-31', 'X-API-KEY': 'upper-key-32' },
          body: { apiKey: 'body-api-key-33', amount: '10.00' },
        },
      },
      'upstream call',
    );
    logger.error({ err: new Error(`call to /bot${config.TELEGRAM_BOT_TOKEN}/getMe failed`) }, 'failed');
    logger.warn(`gamexbulk answered 401 for key ${config.GAMEXBULK_API_KEY}`);

    const output = lines.join('');
    for (const secret of [
      '123456:AAH-telegram-secret-token',
      'gx_live_key_0001',
      'sellix-api-key-7788',
      'whsec-sellix-5566',
      'pg-password-991',
      'redis-pass-442',
      'some-other-bearer-token',
      'raw-header-key-31',
      'upper-key-32',
      'body-api-key-33',
    ]) {
      expect(output, `secret ${secret} leaked`).not.toContain(secret);
    }
    // Still useful: the non-secret parts are there.
    expect(output).toContain('upstream call');
    expect(output).toContain('10.00');
    expect(output).toContain('[REDACTED]');
    expect(lines).toHaveLength(4);
  });
});
