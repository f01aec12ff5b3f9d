import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { secretConfigKeys, type Config } from './config.js';

export type { Logger };

/** Header and field names that carry credentials, wherever they sit in a log object. */
const sensitiveNames = [
  'authorization',
  'Authorization',
  'x-api-key',
  'X-API-KEY',
  'x-telegram-bot-api-secret-token',
  'x-sellix-signature',
  'x-gamex-signature',
  'cookie',
  'token',
  'apiKey',
  'api_key',
  'secret',
  'password',
  'webhook_secret',
  'delivery',
  'codes',
];

const redactPaths = [
  ...secretConfigKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...sensitiveNames.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `*.*["${k}"]`, `*.*.*["${k}"]`]),
];

/**
 * A destination that replaces every known secret value in the finished line, so a secret
 * inside a message, a URL (the Bot API puts the token in its path) or a stack trace is
 * hidden too — not only the fields redaction knows by name.
 */
export class SecretScrubber implements DestinationStream {
  private readonly secrets: string[];
  constructor(
    private readonly target: DestinationStream,
    secrets: Iterable<string | undefined>,
  ) {
    this.secrets = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 6))]
      .sort((a, b) => b.length - a.length);
  }
  write(line: string): void {
    let out = line;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    }
    this.target.write(out);
  }
}

export function secretValues(config: Partial<Config>): string[] {
  const values: string[] = [];
  for (const key of secretConfigKeys) {
    const value = config[key];
    if (typeof value !== 'string') continue;
    values.push(value);
    // A connection URL's password is a secret on its own as well.
    try {
      const password = new URL(value).password;
      if (password) values.push(decodeURIComponent(password));
    } catch {
      /* not a URL */
    }
  }
  return values;
}

export interface LoggerOptions {
  level: string;
  secrets: Iterable<string | undefined>;
  /** Where lines go; defaults to stdout, pretty-printed when stdout is a terminal. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const target =
    options.destination ??
    (process.stdout.isTTY ? pretty({ colorize: true, sync: true }) : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level,
      redact: { paths: redactPaths, censor: '[REDACTED]' },
      base: { service: 'topup-kiosk' },
    },
    new SecretScrubber(target, options.secrets),
  );
}
