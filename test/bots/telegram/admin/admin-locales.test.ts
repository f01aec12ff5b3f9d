import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18n } from '@grammyjs/i18n';
import { describe, expect, it } from 'vitest';
import { localesDirectory, supportedLocales } from '../../../../src/bots/telegram/i18n.js';

const sourceDirs = ['src/bots/telegram/features/admin', 'src/bots/telegram/features/support.ts', 'src/bots/telegram/operator-alerts.ts'];

function sources(): string[] {
  return sourceDirs.flatMap((path) =>
    path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : readdirSync(path).map((file) => readFileSync(join(path, file), 'utf8')),
  );
}

/** Each message's variables, by key. */
function variables(locale: string): Record<string, string[]> {
  const text = readFileSync(join(localesDirectory, locale, 'admin.ftl'), 'utf8');
  const out: Record<string, string[]> = {};
  for (const block of text.split(/\n(?=[a-z])/)) {
    const key = /^([a-z][a-z0-9-]*)\s*=/.exec(block)?.[1];
    if (key) out[key] = [...new Set([...block.matchAll(/\{ \$([a-zA-Z]+) \}/g)].map((m) => m[1]!))].sort();
  }
  return out;
}

/** Only admin.ftl of one language, so a key missing there cannot be found in another file or language. */
function translatorFor(locale: string) {
  const i18n = new I18n({ defaultLocale: locale, fluentBundleOptions: { useIsolating: false }, fluentOptions: { warningHandler: () => undefined } });
  i18n.loadLocaleSync(locale, { source: readFileSync(join(localesDirectory, locale, 'admin.ftl'), 'utf8') });
  const vars = variables(locale);
  return {
    has: (key: string) => i18n.t(locale, key, Object.fromEntries((vars[key] ?? []).map((v) => [v, 'x']))) !== `{${key}}`,
  };
}

const keysOf = (locale: string) => [...readFileSync(join(localesDirectory, locale, 'admin.ftl'), 'utf8').matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]!);

/** Literal keys the admin and support code asks for: `t('admin-…')`, `operatorTranslate('support-…')`, title tables. */
function keysUsedInCode(): string[] {
  const used = new Set<string>();
  for (const text of sources()) {
    for (const match of text.matchAll(/'((?:admin|alert|support)-[a-z0-9-]+)'/g)) used.add(match[1]!);
  }
  return [...used];
}

describe('admin.ftl', () => {
  it.each(supportedLocales)('parses every message in %s', (locale) => {
    const { has } = translatorFor(locale);
    expect(keysOf(locale).filter((key) => !has(key))).toEqual([]);
  });

  it.each(supportedLocales.filter((l) => l !== 'en'))('has exactly the English keys in %s', (locale) => {
    expect(keysOf(locale).sort()).toEqual(keysOf('en').sort());
  });

  it('defines every key the admin and support code uses, in every language', () => {
    const used = keysUsedInCode();
    expect(used.length).toBeGreaterThan(60);
    for (const locale of supportedLocales) {
      const { has } = translatorFor(locale);
      expect(used.filter((key) => !has(key)), locale).toEqual([]);
    }
  });

  it('uses the same variables in every language', () => {
    const english = variables('en');
    for (const locale of supportedLocales) expect(variables(locale), locale).toEqual(english);
  });
});
