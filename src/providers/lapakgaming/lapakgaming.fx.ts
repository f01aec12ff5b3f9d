import type { z } from 'zod';
import { Dec } from '../../core/money.js';
import type { LapakgamingApi } from './lapakgaming.api.js';
import { lapakError, readData } from './lapakgaming.errors.js';
import type { fxRateData } from './lapakgaming.wire.js';

/** One rate Lapakgaming reported: `1 from = rate to`, observed at `takenAt`. */
export interface LapakgamingFxRate {
  from: string;
  to: string;
  /** The rate to price with, a plain decimal string (see {@link toFxRate}). */
  rate: string;
  buyRate: string;
  sellRate: string;
  takenAt: Date;
}

/**
 * When the rate was set. `created_date` has been seen as `YYYY-MM-DD HH:mm:ss` without a
 * zone; Lapakgaming is an Indonesian service, so a zoneless time is read as Jakarta time
 * (UTC+7). Anything unreadable is refused rather than replaced by "now", which would make
 * an old rate look fresh.
 */
export function parseCreatedDate(value: string): Date | undefined {
  const trimmed = value.trim();
  const zoneless = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(trimmed);
  const date = new Date(zoneless ? `${zoneless[1]}T${zoneless[2]}+07:00` : trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function decimal(value: number | string): Dec {
  // A JSON number is read through its shortest string form, which is what the service wrote.
  const parsed = new Dec(typeof value === 'number' ? String(value) : value.trim());
  if (!parsed.isFinite() || !parsed.greaterThan(0)) throw new RangeError(`not a positive rate: ${String(value)}`);
  return parsed;
}

/**
 * The rate for `from → to` from an answer. If the service answered the reverse pair, its
 * rates are inverted. Of the buy and sell rates the larger is used: the shop converts its
 * rupiah costs with it, and the larger rate never understates a cost.
 */
export function toFxRate(data: z.output<typeof fxRateData>, from: string, to: string): LapakgamingFxRate | undefined {
  const answeredFrom = data.from_currency.toUpperCase();
  const answeredTo = data.to_currency.toUpperCase();
  let buy = decimal(data.buy_rate);
  let sell = decimal(data.sell_rate);
  if (answeredFrom === to && answeredTo === from) {
    buy = new Dec(1).dividedBy(buy);
    sell = new Dec(1).dividedBy(sell);
  } else if (answeredFrom !== from || answeredTo !== to) {
    return undefined;
  }
  const takenAt = parseCreatedDate(data.created_date);
  if (!takenAt) return undefined;
  return {
    from,
    to,
    rate: Dec.max(buy, sell).toFixed(),
    buyRate: buy.toFixed(),
    sellRate: sell.toFixed(),
    takenAt,
  };
}

/** Lapakgaming's own rate for `from → to`; a typed `bad_response` when the answer does not fit. */
export async function fetchFxRate(api: LapakgamingApi, from: string, to: string): Promise<LapakgamingFxRate> {
  const data = readData(await api.fxRate(from, to), 'fx rate');
  let rate: LapakgamingFxRate | undefined;
  try {
    rate = toFxRate(data, from, to);
  } catch (error) {
    throw lapakError('bad_response', `fx rate: ${(error as Error).message}`);
  }
  if (!rate) throw lapakError('bad_response', `fx rate: answered ${data.from_currency}→${data.to_currency} at "${data.created_date}"`);
  return rate;
}
