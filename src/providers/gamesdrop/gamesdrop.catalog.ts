import { parseDenomination } from '../../core/catalog/denomination.js';
import type { PlayerFieldSpec, ProductType, ResellerProduct } from '../../core/catalog/types.js';
import { Dec, Money } from '../../core/money.js';
import type { WireFindOne, WireOfferRow } from './gamesdrop.wire.js';

/** The document's test product: sells nothing real, so it is kept out of the shop's catalog. */
export const TEST_OFFER_ID = '999';

/** What an offer asks of the buyer. */
export interface PlayerNeeds {
  userId: boolean;
  serverId: boolean;
}

// The document gives `gameUserId` as a free string (numeric ids, but also names for some
// games), so the only local rule is the one every id shares: no spaces, and a sane length.
const idRule = { pattern: '^\\S+$', minLength: 1, maxLength: 64, hint: 'no spaces' } as const;

/** Player fields in the core's keys: `player_id` is sent as `gameUserId`, `server` as `gameServerId`. */
export function playerFieldsFor(needs: PlayerNeeds): PlayerFieldSpec[] {
  const fields: PlayerFieldSpec[] = [];
  if (needs.userId) fields.push({ key: 'player_id', label: 'Player ID', required: true, ...idRule });
  if (needs.serverId) fields.push({ key: 'server', label: 'Server ID', required: true, ...idRule });
  return fields;
}

/** A product that takes a player id is a top-up; one that takes nothing delivers a code. */
export function typeFor(needs: PlayerNeeds): ProductType {
  return needs.userId ? 'topup' : 'voucher';
}

/** From a find-one answer: its own flags or `required` list, else what the catalog said, else the key flag. */
export function needsFromFindOne(offer: WireFindOne, cached: PlayerNeeds | undefined): PlayerNeeds {
  if (offer.required) {
    return { userId: offer.required.includes('gameUserId'), serverId: offer.required.includes('gameServerId') };
  }
  if (offer.isRequiredGameUserId != null || offer.isRequiredGameServerId != null) {
    return { userId: offer.isRequiredGameUserId === true, serverId: offer.isRequiredGameServerId === true };
  }
  if (cached) return cached;
  // An offer that returns no data for the customer can only be delivered to an account.
  return { userId: offer.isReturnDataForCustomer === false, serverId: false };
}

/** The problem with the player's values, checked before any call, or undefined when they fit. */
export function playerProblem(fields: PlayerFieldSpec[], player: Record<string, string>): string | undefined {
  for (const field of fields) {
    const value = player[field.key]?.trim() ?? '';
    if (value === '') {
      if (field.required) return `${field.label} is required`;
      continue;
    }
    if (field.pattern && !new RegExp(field.pattern).test(value)) return `${field.label}: ${field.hint ?? 'invalid'}`;
    if (field.maxLength !== undefined && value.length > field.maxLength) return `${field.label} is too long`;
  }
  return undefined;
}

/** The `customer` object of create-order and check-game-data, or undefined when there is nothing to send. */
export function customerOf(player: Record<string, string>, email?: string): Record<string, string> | undefined {
  const customer: Record<string, string> = {};
  const userId = player.player_id?.trim();
  const serverId = (player.server ?? player.zone)?.trim();
  if (email) customer.email = email;
  if (userId) customer.gameUserId = userId;
  if (serverId) customer.gameServerId = serverId;
  return Object.keys(customer).length > 0 ? customer : undefined;
}

/** The sku of a catalog row: `offerId`, or `offerGroupId` where a row has only that (they are equal in live rows). */
export function skuOf(row: WireOfferRow): string {
  return (row.offerId ?? row.offerGroupId)!;
}

/** One catalog row as the core's product. */
export function productFromRow(row: WireOfferRow, defaultCurrency: string): ResellerProduct {
  const needs = { userId: row.isRequiredGameUserId === true, serverId: row.isRequiredGameServerId === true };
  const type = typeFor(needs);
  const productName = row.productName ?? 'GamesDrop';
  const name = row.offerGroupName ?? row.offerName ?? productName;
  const denomination = parseDenomination(name);
  const code = row.regionCode?.toUpperCase();
  // Live rows say `GLB` for worldwide; the shop writes that region as "Global".
  const region = code === undefined ? null : ['GLB', 'GLOBAL', 'WW'].includes(code) ? 'Global' : code;
  return {
    resellerId: 'gamesdrop',
    sku: skuOf(row),
    // A gift card ("Playstation Network US") is not a game; a top-up's product is.
    game: type === 'topup' ? productName : null,
    category: productName,
    name,
    ...(denomination ? { denomination } : {}),
    region,
    type,
    playerFields: playerFieldsFor(needs),
    cost: Money.of(row.price, row.currency ?? defaultCurrency),
    inStock: row.inStock !== false,
    stock: null,
    // create-order has no quantity: one unit per order.
    maxQuantity: 1,
    extra: { ...(row.productId ? { productId: row.productId } : {}) },
  };
}

/**
 * An amount as the JSON number create-order wants. The document insists on the exact price, so
 * this refuses any amount a JavaScript number cannot carry digit for digit (more than 15
 * significant digits) rather than send a rounded one.
 */
export function wirePrice(cost: Money): number {
  const text = cost.amount.toFixed();
  const n = Number(text);
  if (!Number.isFinite(n) || !new Dec(String(n)).equals(cost.amount)) {
    throw new RangeError(`${cost.toString()} cannot be sent exactly as a JSON number`);
  }
  return n;
}
