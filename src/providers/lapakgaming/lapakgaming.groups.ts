import type { Money } from '../../core/money.js';
import type { LapakgamingApi } from './lapakgaming.api.js';
import { readData, rupiah } from './lapakgaming.errors.js';
import { codeMeaning } from './lapakgaming.status.js';
import type { WireGroupProduct } from './lapakgaming.wire.js';

/** A best product behind a group product (Lapakgaming's "best product" routing). */
export interface GroupProductOffer {
  sku: string;
  name: string;
  cost: Money;
  countryCode: string;
  processTime?: string;
}

function offer(p: WireGroupProduct, country: string): GroupProductOffer {
  return {
    sku: p.code,
    name: p.name,
    cost: rupiah(p.price, 'group product price'),
    countryCode: (p.country_code ?? country).toLowerCase(),
    ...(p.process_time !== undefined && p.process_time !== null ? { processTime: String(p.process_time) } : {}),
  };
}

/** The products a group can route to, best first (Lapakgaming refreshes the list every 5 minutes). */
export async function listGroupProducts(
  api: LapakgamingApi,
  groupProductCode: string,
  query: { categoryCode?: string; countryCode: string },
): Promise<GroupProductOffer[]> {
  const answer = await api.groupProducts({
    ...(query.categoryCode ? { category_code: query.categoryCode } : {}),
    group_product_code: groupProductCode,
    country_code: query.countryCode,
  });
  // An unknown group is an empty group, not a failure.
  if (!answer.ok && codeMeaning(answer.code).kind === 'rejected') return [];
  return readData(answer, 'group products').map((p) => offer(p, query.countryCode));
}

/** The real-time best product of a group; undefined when the group has none. */
export async function findBestProduct(api: LapakgamingApi, groupProductCode: string, countryCode: string): Promise<GroupProductOffer | undefined> {
  const answer = await api.bestProduct(groupProductCode, countryCode);
  if (!answer.ok && codeMeaning(answer.code).kind === 'rejected') return undefined;
  return offer(readData(answer, 'best product'), countryCode);
}
