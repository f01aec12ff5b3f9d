import type { Failure } from '../../../../core/errors.js';
import type { BotContext } from '../../context.js';
import { escapeHtml, renderError } from '../../render.js';

// The bot's own HTML escaping and money display, so admin messages read like the rest.
export { escapeHtml, formatMoney } from '../../render.js';

/** Cuts text to `max` characters (on a code point), marking the cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `2024-05-01 12:30 UTC`: operators compare times across instances and time zones. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

/**
 * An expected failure as an admin sees it: the user-facing message for its code plus the
 * operator detail (admins are operators; they get the why).
 */
export function failureText(ctx: BotContext, failure: Failure): string {
  const message = renderError(ctx.t, failure);
  return failure.detail
    ? ctx.t('admin-failed-detail', { message, detail: escapeHtml(failure.detail) })
    : ctx.t('admin-failed', { message });
}

/** Who did it, in order events and ledger entries. */
export function actorOf(ctx: BotContext): string {
  return `admin:telegram:${ctx.from?.id ?? 'unknown'}`;
}

/** The text after the command, trimmed; '' when there is none. */
export function commandArgs(ctx: BotContext): string {
  return typeof ctx.match === 'string' ? ctx.match.trim() : '';
}

/**
 * Splits command arguments on spaces, keeping "quoted phrases" (straight or curly quotes)
 * together: `/markup game "PUBG Mobile" 15`.
 */
export function splitArgs(input: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const match of input.matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3] ?? '');
  return out;
}
