import type { Money } from '../money.js';

/** Delivered to a player account by id, or as a code / PIN / serial. */
export type ProductType = 'topup' | 'voucher';

/** One field a top-up needs. `key` is what the reseller adapter expects back. */
export interface PlayerFieldSpec {
  /** `player_id`, `server`, `zone`, or a reseller-specific extra. */
  key: string;
  label: string;
  required: boolean;
  /** A closed list (servers, regions): the buyer picks one. */
  options?: Array<{ value: string; label: string }>;
  /** Local rule checked before any reseller call. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Human hint shown when the value fails the rule ("digits only"). */
  hint?: string;
}

/**
 * One reseller's sellable item, as its adapter reports it. `sku` is the reseller's own id for
 * it; `cost` is in the reseller's currency.
 */
export interface ResellerProduct {
  resellerId: string;
  sku: string;
  game: string | null;
  category: string;
  name: string;
  /** Parsed amount of in-game currency or face value ("60" for 60 UC), when there is one. */
  denomination?: { amount: string; unit: string };
  region: string | null;
  type: ProductType;
  playerFields: PlayerFieldSpec[];
  cost: Money;
  inStock: boolean;
  /** Units left, when the reseller says. */
  stock?: number | null;
  /** Orders of more than one unit at once. */
  maxQuantity?: number;
  /** Anything the adapter needs back when ordering (group codes, country). */
  extra?: Record<string, string>;
}

/** An offer inside a listing: the reseller product plus what the shop decided about it. */
export interface Offer extends ResellerProduct {
  /** Stable id `resellerId:sku`. */
  offerId: string;
  enabled: boolean;
}

/** What the buyer sees and picks; the same item from several resellers is one listing. */
export interface Listing {
  /** Stable across refreshes: derived from game, denomination/name, region and type. */
  id: string;
  game: string | null;
  category: string;
  name: string;
  /** The owner's rename, or `name`. */
  displayName: string;
  region: string | null;
  type: ProductType;
  denomination?: { amount: string; unit: string };
  featured: boolean;
  /** Cheapest first. Disabled offers are left out. */
  offers: Offer[];
  playerFields: PlayerFieldSpec[];
}
