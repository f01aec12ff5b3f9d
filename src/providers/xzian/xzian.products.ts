import { parseDenomination } from '../../core/catalog/denomination.js';
import type { PlayerFieldSpec, ProductType, ResellerProduct } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import type { WireProduct } from './xzian.wire.js';

/** The document: "price / currency (BDT)". */
export const XZIAN_CURRENCY = 'BDT';

/**
 * The document's example `player_id` is an e-mail address, so no digits-only rule: only a
 * space is refused, which is never part of an id and usually a paste slip.
 */
const playerIdField: PlayerFieldSpec = {
  key: 'player_id',
  label: 'Player ID',
  required: true,
  pattern: '^\\S+$',
  minLength: 1,
  maxLength: 128,
  hint: 'no spaces',
};

// Rows carry no type; these words in a name or slug mean a code is delivered, not a top-up.
const VOUCHER_WORDS = /gift[\s-]*card|voucher|e-?pin|\bpin\b|\bcodes?\b|redeem|prepaid\s+card|subscription/i;

/** The product's display name from whichever spelling the row uses. */
export function nameOf(row: WireProduct): string {
  if (row.name) return row.name;
  if (row.title) return row.title;
  if (typeof row.names === 'string' && row.names.trim()) return row.names.trim();
  if (row.names && typeof row.names === 'object') {
    const preferred = row.names.en ?? row.names.name ?? Object.values(row.names).find((v) => v && v.trim());
    if (preferred && preferred.trim()) return preferred.trim();
  }
  return row.slug ?? `Item ${String(row.item_id)}`;
}

function categoryOf(row: WireProduct): string | undefined {
  const raw = typeof row.category === 'string' ? row.category : row.category?.name;
  return raw && raw.trim() ? raw.trim() : undefined;
}

/** A row's `type` when it says one, else guessed from its name and slug. */
export function typeOf(row: WireProduct): ProductType {
  const declared = (row.type ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (['topup', 'direct', 'directtopup'].includes(declared)) return 'topup';
  if (['voucher', 'code', 'giftcard', 'pin', 'card'].includes(declared)) return 'voucher';
  return VOUCHER_WORDS.test(`${nameOf(row)} ${row.slug ?? ''}`) ? 'voucher' : 'topup';
}

/**
 * `GET /products` lists the "active catalog", so a row is in stock unless it says otherwise
 * (`in_stock: false`, or a `stock` count of zero); the order itself still answers 409 if not.
 */
export function stockOf(row: WireProduct): { inStock: boolean; stock: number | null } {
  const stock = typeof row.stock === 'number' ? row.stock : null;
  const inStock = row.in_stock !== false && (stock === null || stock > 0);
  return { inStock, stock };
}

/** A catalog row as the core sees it. Cost is in the row's currency (BDT when not given). */
export function productOf(row: WireProduct, resellerId: string): ResellerProduct {
  const name = nameOf(row);
  const category = categoryOf(row);
  const type = typeOf(row);
  const denomination = parseDenomination(name);
  const { inStock, stock } = stockOf(row);
  return {
    resellerId,
    sku: String(row.item_id).trim(),
    game: row.game ?? category ?? null,
    category: category ?? row.game ?? 'Other',
    name,
    ...(denomination ? { denomination } : {}),
    region: null,
    type,
    // Products with custom checkout fields (`cf_*`) are not described by the list; see the adapter.
    playerFields: type === 'topup' ? [playerIdField] : [],
    cost: Money.of(row.price, row.currency ?? XZIAN_CURRENCY),
    inStock,
    stock,
    // `POST /orders` has no quantity field.
    maxQuantity: 1,
    ...(row.slug ? { extra: { slug: row.slug } } : {}),
  };
}
