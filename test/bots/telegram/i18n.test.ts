import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menuCommands } from '../../../src/bots/telegram/bot.js';
import { createI18n, localesDirectory, pickLocale, supportedLocales } from '../../../src/bots/telegram/i18n.js';
import { errorCodes } from '../../../src/core/errors.js';
import { orderStates } from '../../../src/core/orders/order-state-machine.js';
import { parseFormatted } from '../../fakes/telegram/parse-mode.js';

const keysOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^([a-z][a-zA-Z0-9_-]*)\s*=/gm)].map((m) => m[1]!);
const filesOf = (locale: string) => readdirSync(join(localesDirectory, locale)).filter((f) => f.endsWith('.ftl')).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const i18n = createI18n();

describe('translations', () => {
  it('has the same message files in every language', () => {
    for (const locale of supportedLocales) expect(filesOf(locale), locale).toEqual(filesOf('en'));
  });

  it.each(supportedLocales.filter((l) => l !== 'en'))('defines every English message key in %s, and no others', (locale) => {
    for (const file of filesOf('en')) {
      const english = keysOf(join(localesDirectory, 'en', file)).sort();
      const translated = keysOf(join(localesDirectory, locale, file)).sort();
      expect(translated, `${locale}/${file}`).toEqual(english);
    }
  });

  it.each(supportedLocales)('has a message for every error code in %s', (locale) => {
    const keys = new Set(filesOf(locale).flatMap((f) => keysOf(join(localesDirectory, locale, f))));
    for (const [code, { messageKey }] of Object.entries(errorCodes)) expect(keys.has(messageKey), `${locale}: ${code} → ${messageKey}`).toBe(true);
  });

  it('defines every key the bot code asks for', () => {
    const english = new Set(filesOf('en').flatMap((f) => keysOf(join(localesDirectory, 'en', f))));
    const root = join(localesDirectory, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const source = readFileSync(file, 'utf8');
      // t('key'…), ctx.t('key'…), and both branches of t(cond ? 'a' : 'b').
      for (const m of source.matchAll(/\bt\(\s*'([a-z][a-z0-9_-]*)'/g)) used.add(m[1]!);
      for (const m of source.matchAll(/\bt\([^()]*?\?\s*'([a-z][a-z0-9_-]*)'\s*:\s*'([a-z][a-z0-9_-]*)'/g)) used.add(m[1]!).add(m[2]!);
      expect(relative(root, file)).toBeTruthy();
    }
    // Keys built from a value: every value they can take.
    for (const method of ['wallet', 'sellix', 'stars']) used.add(`method-${method}`);
    for (const reason of ['wallet_topup', 'order_debit', 'order_refund', 'late_payment', 'admin_credit', 'admin_debit', 'dispute_hold', 'dispute_release']) used.add(`ledger-${reason}`);
    for (const field of ['player_id', 'zone', 'server']) used.add(`field-${field}`);
    for (const command of menuCommands) used.add(`command-${command}`);
    const missing = [...used].filter((key) => !english.has(key) && !key.startsWith('alert-'));
    expect(missing).toEqual([]);
  });

  it.each(supportedLocales)('renders every buyer and error message in %s as valid Telegram HTML', (locale) => {
    const variables = {
      name: 'Ana', game: 'PUBG', title: 'PUBG', price: '0.97 USD', stock: 'in stock', count: 3, query: 'pubg', total: 2, field: 'Player ID',
      problem: 'pattern', player: '<code>1</code>', nickname: 'PlayerOne', was: '1 USD', now: '2 USD', balance: '1 USD', stars: 97, code: 'X',
      discount: '0.1 USD', reference: 'K7F3-92QX', amount: '1 USD', method: 'wallet', state: 'paid', pin: '1', serial: '2', reason: 'r',
      page: 1, pages: 2, date: '2025-01-01', to: 'x', text: 'hi', hint: 'digits', seconds: 3, needed: '1 USD',
    };
    for (const file of ['buyer.ftl', 'errors.ftl']) {
      for (const key of keysOf(join(localesDirectory, locale, file))) {
        const text = i18n.t(locale, key, variables);
        expect(() => parseFormatted(text, 'HTML'), `${locale}/${key}: ${text}`).not.toThrow();
        expect(text, `${locale}/${key}`).not.toMatch(/\{\s*\$|\u2068/);
      }
    }
    for (const state of orderStates) expect(i18n.t(locale, 'order-state', { state })).not.toBe(state);
  });

  it("maps Telegram's language codes to the bot's languages", () => {
    expect(pickLocale('ru-RU')).toBe('ru');
    expect(pickLocale('in')).toBe('id');
    expect(pickLocale('id')).toBe('id');
    expect(pickLocale('pt-br')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });
});
