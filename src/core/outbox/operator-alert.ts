import type { OperatorAlert } from '../ports/notifier.js';
import type { NewOutboxMessage } from '../ports/storage.js';

/**
 * The outbox message that carries an operator alert. The dedupe key decides how often the same
 * alert may go out (once per order, per crossing, per ten minutes…).
 */
export function operatorAlertMessage(dedupeKey: string, alert: OperatorAlert, orderId: string | null = null): NewOutboxMessage {
  return { dedupeKey, audience: 'operator', userId: null, orderId, kind: 'operator_alert', payload: { ...alert } };
}
