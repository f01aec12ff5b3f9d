import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { OperatorAlert } from '../../core/ports/notifier.js';
import { clip, escapeHtml } from './features/admin/format.js';

/** Messages to the operator chat are in one language: it is a shared group, not one person. */
export const OPERATOR_LOCALE = 'en';

export type OperatorTranslate = (key: string, params?: Record<string, string>) => string;

let fallback: OperatorTranslate | undefined;

/** Translates from the admin messages (locales/<OPERATOR_LOCALE>/admin.ftl), loaded once. */
export function operatorTranslate(key: string, params?: Record<string, string>): string {
  if (!fallback) {
    const i18n = new I18n({ defaultLocale: OPERATOR_LOCALE, fluentBundleOptions: { useIsolating: false } });
    i18n.loadLocaleSync(OPERATOR_LOCALE, { filePath: fileURLToPath(new URL(`./locales/${OPERATOR_LOCALE}/admin.ftl`, import.meta.url)) });
    fallback = (k, p) => i18n.t(OPERATOR_LOCALE, k, p);
  }
  return fallback(key, params);
}

const titleKeys: Record<OperatorAlert['kind'], string> = {
  order_failed: 'alert-order-failed',
  order_needs_review: 'alert-order-needs-review',
  order_stuck: 'alert-order-stuck',
  reseller_balance_low: 'alert-reseller-balance-low',
  reseller_down: 'alert-reseller-down',
  reseller_recovered: 'alert-reseller-recovered',
  webhook_signature_failed: 'alert-webhook-signature-failed',
  large_order: 'alert-large-order',
  payment_problem: 'alert-payment-problem',
  support_request: 'alert-support-request',
};

const severityIcons: Record<OperatorAlert['severity'], string> = { critical: '🔴', warning: '🟠', info: '🔵' };

/** Details worth a line; the rest stays in the log. */
const MAX_DETAILS = 6;

/**
 * An operator alert as one short HTML message: severity, what happened, the order reference
 * (copyable) when there is one, the core's one line and a few details. The notifier adds the
 * button that opens the order (`ao:<reference>`).
 */
export function renderOperatorAlert(alert: OperatorAlert, translate: OperatorTranslate = operatorTranslate): { text: string; orderReference?: string } {
  const title = translate(titleKeys[alert.kind] ?? 'alert-other');
  const head = alert.orderReference
    ? translate('alert-head-order', { icon: severityIcons[alert.severity] ?? '⚪', title, reference: escapeHtml(alert.orderReference) })
    : translate('alert-head', { icon: severityIcons[alert.severity] ?? '⚪', title });
  const lines = [head, escapeHtml(clip(alert.text, 400))];
  const details = Object.entries(alert.details ?? {}).filter(([, value]) => value !== '' && value !== '-');
  for (const [key, value] of details.slice(0, MAX_DETAILS)) {
    lines.push(translate('alert-detail', { key: escapeHtml(key), value: escapeHtml(clip(value, 200)) }));
  }
  return { text: lines.join('\n'), ...(alert.orderReference ? { orderReference: alert.orderReference } : {}) };
}
