import { existsSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseFxRatesConfig } from './core/pricing/fx.js';

/**
 * One zod schema over the environment. Every variable the service reads is here, with its
 * default; `.env.example` and the README table list the same names.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (protocols: RegExp, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a ${what} URL`);

const optionalUrl = (protocols: RegExp, what: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(url(protocols, what).optional())
    .optional();

const httpUrl = url(/^https?:$/, 'http(s)');
const optionalHttpUrl = optionalUrl(/^https?:$/, 'http(s)');

const decimalString = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, `must be a non-negative decimal number (${what})`);

const intString = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const idList = (pattern: RegExp, what: string) =>
  z
    .string()
    .trim()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => pattern.test(id)), `must be a comma-separated list of ${what}`);

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  HTTP_PORT: intString(0, 65535).default(3000),
  PUBLIC_BASE_URL: optionalHttpUrl,
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^(true|false|\d+|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/.test(v), 'must be true, false, a hop count, or a list of proxy addresses')
    .transform((v): boolean | number | string[] => (v === '' || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v.split(','))),

  DATABASE_URL: optionalUrl(/^postgres(ql)?:$/, 'postgres://'),
  PGLITE_DATA_DIR: z.string().trim().min(1).default('./data/pglite'),
  REDIS_URL: optionalUrl(/^rediss?:$/, 'redis://'),
  REDIS_KEY_PREFIX: z.string().trim().regex(/^[\w:.-]*$/, 'may hold letters, digits and : . - _ only').default('topup-kiosk:'),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalHttpUrl,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_API_BASE: httpUrl.default('https://discord.com/api'),

  ADMIN_TELEGRAM_IDS: idList(/^\d+$/, 'Telegram user ids'),
  ADMIN_DISCORD_IDS: idList(/^\d+$/, 'Discord user ids'),
  OPERATOR_TELEGRAM_CHAT_ID: optionalString.pipe(
    z.string().regex(/^-?\d+$/, 'must be a Telegram chat id (a whole number)').optional(),
  ),
  OPERATOR_DISCORD_CHANNEL_ID: optionalString.pipe(
    z.string().regex(/^\d+$/, 'must be a Discord channel id').optional(),
  ),

  DISPLAY_CURRENCY: currency.default('USD'),
  PRICE_MARKUP_PERCENT: decimalString('percent').default('10'),
  PRICE_MIN_MARGIN_PERCENT: decimalString('percent').default('2'),
  FX_RATES: z.string().trim().default(''),
  FX_MAX_AGE_MINUTES: intString(1, 525_600).default(1440),
  CATALOG_REFRESH_MINUTES: intString(1, 1440).default(10),
  QUOTE_TTL_SECONDS: intString(30, 3600).default(300),
  ORDER_PAYMENT_TIMEOUT_MINUTES: intString(1, 10_080).default(30),
  ORDER_STUCK_MINUTES: intString(1, 10_080).default(30),
  SANDBOX_RESELLER: z.enum(['auto', 'on', 'off']).default('auto'),
  PAYMENT_METHODS: z
    .string()
    .trim()
    .default('wallet,sellix,stars')
    .transform((v) => v.split(',').map((m) => m.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['wallet', 'sellix', 'stars'])).min(1, 'must name at least one of wallet, sellix, stars')),
  LARGE_ORDER_ALERT: optionalString.pipe(z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount in the display currency').optional()),
  RATE_LIMIT_PER_MINUTE: intString(1, 10_000).default(40),
  UPSTREAM_TIMEOUT_MS: intString(500, 120_000).default(15_000),
  BALANCE_CHECK_MINUTES: intString(1, 1440).default(10),
  RESELLER_BALANCE_ALERTS: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) => v === '' || v.split(',').every((e) => /^\s*[a-z]+\s*=\s*\d+(\.\d+)?\s+[A-Za-z]{3}\s*$/.test(e)),
      'must look like gamexbulk=50 USD,lapakgaming=500000 IDR',
    ),
  STARS_PER_USD: decimalString('Stars per one US dollar of price').default('77'),

  GAMEXBULK_API_KEY: optionalString,
  GAMEXBULK_BASE_URL: httpUrl.default('https://cdn.milliepin.az/api/v1'),
  GAMESDROP_TOKEN: optionalString,
  GAMESDROP_BASE_URL: httpUrl.default('https://partner.gamesdrop.io'),
  GAMESDROP_LOOKUP_BY_TRANSACTION_ID: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  LAPAKGAMING_API_KEY: optionalString,
  LAPAKGAMING_BASE_URL: httpUrl.default('https://www.lapakgaming.com'),
  LAPAKGAMING_COUNTRY: z.enum(['id', 'my', 'ph', 'th', 'us', 'br', 'vn']).default('id'),
  LAPAKGAMING_CALLBACK_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  LAPAKGAMING_CALLBACK_IPS: idList(/^[0-9a-fA-F.:]+$/, 'IP addresses'),
  XZIAN_API_KEY: optionalString,
  XZIAN_BASE_URL: httpUrl.default('https://xzian.com/api/v1'),

  SELLIX_API_KEY: optionalString,
  SELLIX_WEBHOOK_SECRET: optionalString,
  SELLIX_BASE_URL: httpUrl.default('https://dev.sellix.io/v1'),
  SELLIX_PLACEHOLDER_EMAIL: z.string().trim().default('buyer+{userId}@example.invalid'),
}).superRefine((config, context) => {
  const rates = parseFxRatesConfig(config.FX_RATES);
  if (!rates.ok) context.addIssue({ code: 'custom', path: ['FX_RATES'], message: rates.detail ?? 'bad rates' });
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    context.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required with TELEGRAM_WEBHOOK_URL' });
  }
  if (config.LAPAKGAMING_API_KEY && !config.LAPAKGAMING_CALLBACK_TOKEN && config.PUBLIC_BASE_URL) {
    context.addIssue({ code: 'custom', path: ['LAPAKGAMING_CALLBACK_TOKEN'], message: 'is required to receive Lapakgaming callbacks at PUBLIC_BASE_URL' });
  }
});

export type Config = z.infer<typeof configSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Validates an environment; each problem is one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const result = configSchema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    return `${name}: ${issue.message}`;
  });
  return { ok: false, problems };
}

/** The process environment, with `.env` values filling in what the environment lacks. */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}

/** Names of every variable holding a secret; the logger redacts them wherever they appear. */
export const secretConfigKeys = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'DISCORD_TOKEN',
  'DATABASE_URL',
  'REDIS_URL',
  'GAMEXBULK_API_KEY',
  'GAMESDROP_TOKEN',
  'LAPAKGAMING_API_KEY',
  'XZIAN_API_KEY',
  'SELLIX_API_KEY',
  'SELLIX_WEBHOOK_SECRET',
  'LAPAKGAMING_CALLBACK_TOKEN',
] as const satisfies readonly (keyof Config)[];
