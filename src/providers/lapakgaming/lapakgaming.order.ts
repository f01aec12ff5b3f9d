import type { DeliveredItem, ResellerOrderState } from '../../core/ports/reseller.js';
import { orderStatus } from './lapakgaming.status.js';
import type { WireOrderStatus, WireTransaction } from './lapakgaming.wire.js';

const keyOf: Record<string, keyof DeliveredItem> = {
  pin: 'pin',
  serial: 'serial',
  sn: 'serial',
  'serial number': 'serial',
  code: 'code',
  kode: 'code',
  voucher: 'code',
  'voucher code': 'code',
  'kode voucher': 'code',
};

/**
 * Items from a `voucher_code` such as `"PIN : 1234\tSerial : 5678"`: `Key : value` parts
 * split by tabs or line breaks. A value without a known key is the code itself. Empty for
 * direct top-ups. Codes are secrets: callers never log the result.
 */
export function parseVoucherCode(voucherCode: string | null | undefined, label?: string): DeliveredItem | undefined {
  const raw = (voucherCode ?? '').trim();
  if (raw === '') return undefined;
  const item: DeliveredItem = {};
  const loose: string[] = [];
  for (const part of raw.split(/[\t\r\n]+/)) {
    const match = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.+)$/.exec(part.trim());
    const key = match?.[1] ? keyOf[match[1].toLowerCase()] : undefined;
    if (match?.[2] && key && key !== 'label') item[key] = match[2].trim();
    else if (part.trim() !== '') loose.push(part.trim());
  }
  if (loose.length > 0) item.code = item.code ? [item.code, ...loose].join(' ') : loose.join(' ');
  if (label) item.label = label;
  return item;
}

function items(transactions: WireTransaction[]): DeliveredItem[] {
  return transactions.flatMap((t) => {
    const item = parseVoucherCode(t.voucher_code, t.product_name ?? undefined);
    return item ? [item] : [];
  });
}

/** The core's view of a Get Order Status answer (also the order callback body). */
export function orderState(order: WireOrderStatus): ResellerOrderState {
  const status = orderStatus(order.status);
  const transactions = order.transactions ?? [];
  const state: ResellerOrderState = { status };
  if (order.tid) state.resellerOrderId = order.tid;
  if (status === 'completed') {
    const delivered = items(transactions);
    if (delivered.length > 0) state.items = delivered;
  }
  if (status === 'failed') {
    const notes = transactions.map((t) => t.note?.trim()).filter((n): n is string => Boolean(n));
    state.failureDetail = notes.length > 0 ? `refunded: ${notes.join('; ')}` : 'refunded by Lapakgaming';
    // Refunded means charged and given back, not refused before charging.
    state.rejectedBeforeCharge = false;
  }
  if (status === 'processing' && order.status.trim().toUpperCase() !== 'PENDING') {
    state.failureDetail = `unrecognized Lapakgaming status ${order.status}: needs review`;
  }
  return state;
}

/** Our reference as an order answer carries it. */
export function referenceOf(order: WireOrderStatus): string | undefined {
  return order.partner_reference_id ?? order.reference_id ?? undefined;
}
