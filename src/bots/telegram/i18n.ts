import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { SessionData } from './context.js';

/** The languages the bot speaks; the first is the fallback. */
export const supportedLocales = ['en', 'ru', 'id'] as const;
export type Locale = (typeof supportedLocales)[number];

/** `locales/<locale>/*.ftl`: one folder per language, files per area (buyer, errors, admin). */
export const localesDirectory = fileURLToPath(new URL('./locales', import.meta.url));

/** Maps Telegram's `language_code` ("ru", "pt-br", "in") to a language we have. */
export function pickLocale(code: string | null | undefined): Locale {
  const base = (code ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  // Old Java-style code for Indonesian that some clients still send.
  if (base === 'in') return 'id';
  return (supportedLocales as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/** A translation function bound to one language. Variables are inserted as given: escape HTML first. */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The chosen language (/language) if any, else Telegram's. Safe on updates without a session. */
export function localeOf(ctx: Context & { session?: SessionData }): Locale {
  let chosen: string | undefined;
  try {
    chosen = ctx.session?.__language_code;
  } catch {
    // No session key for this update (no sender): Telegram's language it is.
  }
  return pickLocale(chosen ?? ctx.from?.language_code);
}

export function createI18n<C extends Context & { session?: SessionData }>(): I18n<C> {
  return new I18n<C>({
    defaultLocale: 'en',
    directory: localesDirectory,
    useSession: true,
    // Bidi isolation marks around every variable would end up inside copied codes.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => localeOf(ctx),
  });
}

/** A translator for code that runs outside an update (notifications, conversations). */
export function translator(i18n: Pick<I18n, 't'>, locale: string): Translate {
  const lang = pickLocale(locale);
  return (key, variables) => i18n.t(lang, key, variables);
}
