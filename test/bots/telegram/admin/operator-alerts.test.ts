import { describe, expect, it } from 'vitest';
import { renderOperatorAlert } from '../../../../src/bots/telegram/operator-alerts.js';
import type { OperatorAlert } from '../../../../src/core/ports/notifier.js';
import { parseFormatted } from '../../../fakes/telegram/parse-mode.js';

/** One alert of every kind, as the core raises them; a new kind fails to compile here until it is added. */
const alerts: Record<OperatorAlert['kind'], { alert: OperatorAlert; title: string }> = {
  order_failed: {
    alert: { kind: 'order_failed', severity: 'warning', text: 'Order K7F3-92QX failed after payment (reseller_rejected); refunding.', orderReference: 'K7F3-92QX', details: { reseller: 'gamexbulk', detail: 'SKU <disabled> & gone' } },
    title: '🟠 Order failed · K7F3-92QX',
  },
  order_needs_review: {
    alert: { kind: 'order_needs_review', severity: 'critical', text: 'Order K7F3-92QX needs review: reseller kept saying pending.', orderReference: 'K7F3-92QX', details: { reseller: 'lapakgaming', detail: '' } },
    title: '🔴 Order needs review · K7F3-92QX',
  },
  order_stuck: {
    alert: { kind: 'order_stuck', severity: 'warning', text: 'Order K7F3-92QX has been processing for 31 minutes.', orderReference: 'K7F3-92QX' },
    title: '🟠 Order stuck · K7F3-92QX',
  },
  reseller_balance_low: {
    alert: { kind: 'reseller_balance_low', severity: 'warning', text: 'gamexbulk balance 12.00 USD is below 50.00 USD.', details: { reseller: 'gamexbulk', balance: '12.00 USD' } },
    title: '🟠 Reseller balance low',
  },
  reseller_down: {
    alert: { kind: 'reseller_down', severity: 'critical', text: 'xzian is not answering; its offers are hidden.' },
    title: '🔴 Reseller down',
  },
  reseller_recovered: {
    alert: { kind: 'reseller_recovered', severity: 'info', text: 'xzian answers again.' },
    title: '🔵 Reseller recovered',
  },
  webhook_signature_failed: {
    alert: { kind: 'webhook_signature_failed', severity: 'warning', text: 'Refused a sellix webhook (bad signature). Check the secret, or someone is probing the endpoint.' },
    title: '🟠 Bad webhook signature',
  },
  large_order: {
    alert: { kind: 'large_order', severity: 'info', text: 'Large order K7F3-92QX: 250.00 USD for Steam Wallet 100 USD.', orderReference: 'K7F3-92QX' },
    title: '🔵 Large order · K7F3-92QX',
  },
  payment_problem: {
    alert: { kind: 'payment_problem', severity: 'warning', text: 'A Sellix webhook could not be used (unknown payment).' },
    title: '🟠 Payment problem',
  },
  support_request: {
    alert: { kind: 'support_request', severity: 'info', text: 'A buyer asked for help.' },
    title: '🔵 Support request',
  },
};

describe('operator alert rendering', () => {
  it.each(Object.entries(alerts))('renders a %s alert as short, valid HTML with its title and reference', (_kind, { alert, title }) => {
    const rendered = renderOperatorAlert(alert);
    const parsed = parseFormatted(rendered.text, 'HTML');
    const [head, line] = parsed.text.split('\n');
    expect(head).toBe(title);
    expect(line).toBe(alert.text);
    expect(parsed.text.length).toBeLessThan(1024);
    expect(rendered.orderReference).toBe(alert.orderReference);
    if (alert.orderReference) {
      // The reference is copyable: a code entity right where it is shown.
      const code = parsed.entities.find((e) => e.type === 'code');
      expect(code && parsed.text.slice(code.offset, code.offset + code.length)).toBe(alert.orderReference);
    }
  });

  it('escapes upstream text and details, and leaves out empty details', () => {
    const rendered = renderOperatorAlert(alerts.order_failed.alert);
    expect(rendered.text).toContain('detail: SKU &lt;disabled&gt; &amp; gone');
    expect(parseFormatted(rendered.text, 'HTML').text).toContain('reseller: gamexbulk\ndetail: SKU <disabled> & gone');
    expect(renderOperatorAlert(alerts.order_needs_review.alert).text).not.toContain('detail:');
  });

  it('keeps an alert short even when the core sends a long line and many details', () => {
    const details = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, 'x'.repeat(500)]));
    const rendered = renderOperatorAlert({ kind: 'payment_problem', severity: 'critical', text: 'y'.repeat(5_000), details });
    const parsed = parseFormatted(rendered.text, 'HTML');
    expect(parsed.text.split('\n')).toHaveLength(2 + 6);
    expect(parsed.text.length).toBeLessThan(2_000);
  });

  it('renders in another language when given its translator', () => {
    const rendered = renderOperatorAlert(alerts.reseller_down.alert, (key) => `«${key}»`);
    expect(rendered.text.split('\n')[0]).toBe('«alert-head»');
  });
});
