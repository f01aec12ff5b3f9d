import { parseDenomination } from '../../core/catalog/denomination.js';
import type { PlayerFieldSpec, ProductType, ResellerProduct } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import type { WireField, WireProduct } from './gamexbulk.wire.js';

/** Names for games and categories, for products that carry only their ids. */
export interface NameLookup {
  games: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
}

const PLAYER_ID_NAMES = new Set(['player_id', 'user_id', 'uid', 'playerid', 'userid']);
const SERVER_NAMES = new Set(['server_id', 'server', 'zone_id', 'zone', 'region_id']);

const playerIdField: PlayerFieldSpec = {
  key: 'player_id',
  label: 'Player ID',
  required: true,
  // The document fixes no format; a space is never part of an id and usually a paste slip.
  pattern: '^\\S+$',
  hint: 'no spaces',
};

/** Our key for a GamexBulk field name: `player_id`, `server` or `zone`, else its own name. */
function fieldKey(name: string, label: string | undefined): string {
  const lower = name.trim().toLowerCase();
  if (PLAYER_ID_NAMES.has(lower)) return 'player_id';
  if (SERVER_NAMES.has(lower)) return /zone/i.test(`${lower} ${label ?? ''}`) ? 'zone' : 'server';
  return lower;
}

function playerField(field: WireField): PlayerFieldSpec | undefined {
  const name = ('key' in field && field.key) || field.name;
  if (!name) return undefined;
  const key = fieldKey(name, field.label);
  if (key === 'player_id') return { ...playerIdField, ...(field.label ? { label: field.label } : {}) };
  const options = field.options?.map((o) => ({ value: o.value, label: ('name' in o && o.name) || o.label || o.value }));
  return {
    key,
    label: field.label ?? (key === 'zone' ? 'Zone ID' : key === 'server' ? 'Server' : name),
    required: field.required ?? (key === 'server' || key === 'zone' ? false : true),
    ...(options && options.length > 0 ? { options } : {}),
  };
}

/** Player fields of a product; a top-up that lists none still needs a player id (document: "Required for top-up products"). */
export function playerFieldsOf(product: WireProduct, type: ProductType): PlayerFieldSpec[] {
  if (type === 'voucher') return [];
  const fields = (product.fields ?? []).map(playerField).filter((f): f is PlayerFieldSpec => f !== undefined);
  if (!fields.some((f) => f.key === 'player_id')) fields.unshift(playerIdField);
  return fields;
}

/** The GamexBulk field name for one of our player keys. */
function wireFieldName(key: string): string {
  if (key === 'player_id') return 'player_id';
  if (key === 'server' || key === 'zone') return 'server_id';
  return key;
}

function productType(raw: string): ProductType | undefined {
  if (raw === 'topup' || raw === 'top-up' || raw === 'top_up') return 'topup';
  if (raw === 'voucher') return 'voucher';
  return undefined;
}

/**
 * Stock from `stock_status` + `stock_count`. Only `FINITE` is printed; a status naming
 * "out"/"sold"/"empty" means none, and any other status is taken as unlimited (the order
 * itself is still refused upstream if that is wrong, as `OUT_OF_STOCK`).
 */
export function stockOf(product: WireProduct): { inStock: boolean; stock: number | null } {
  const status = (product.stock_status ?? '').toUpperCase();
  if (/OUT|SOLD|EMPTY|UNAVAILABLE/.test(status)) return { inStock: false, stock: 0 };
  if (status === 'FINITE' || (status === '' && typeof product.stock_count === 'number')) {
    const stock = product.stock_count ?? 0;
    return { inStock: stock > 0, stock };
  }
  return { inStock: true, stock: null };
}

const REGION_WORDS = new Set([
  'global', 'asia', 'sea', 'europe', 'eu', 'na', 'us', 'usa', 'uk', 'mena', 'latam', 'cis', 'tr', 'turkey',
  'id', 'indonesia', 'my', 'malaysia', 'ph', 'philippines', 'th', 'thailand', 'vn', 'vietnam', 'sg', 'br',
  'brazil', 'in', 'india', 'ru', 'russia', 'jp', 'japan', 'kr', 'korea', 'tw', 'az', 'azerbaijan', 'bd',
]);

/** Region from a trailing "(Global)" / "[TR]" in the name; products carry no region field. */
export function regionOf(name: string): string | null {
  const match = /[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(name);
  const candidate = match?.[1];
  return candidate && REGION_WORDS.has(candidate.toLowerCase()) ? candidate : null;
}

/** One GamexBulk product as the core sees it; undefined for a type the shop does not sell. */
export function toResellerProduct(product: WireProduct, currency: string, names: NameLookup): ResellerProduct | undefined {
  const type = productType(product.type);
  if (!type) return undefined;
  const gameId = product.game_id && product.game_id !== '0' ? product.game_id : undefined;
  const game = product.game ?? (gameId ? names.games.get(gameId) : undefined) ?? null;
  const category =
    product.category ?? (product.category_id ? names.categories.get(product.category_id) : undefined) ?? game ?? 'Other';
  const { inStock, stock } = stockOf(product);
  const denomination = parseDenomination(product.name);
  const extra: Record<string, string> = {};
  if (product.category_id) extra.category_id = product.category_id;
  if (product.validation_optional !== undefined) extra.validation_optional = String(product.validation_optional);
  return {
    resellerId: 'gamexbulk',
    sku: product.id,
    game,
    category,
    name: product.name,
    ...(denomination ? { denomination } : {}),
    region: regionOf(product.name),
    type,
    playerFields: playerFieldsOf(product, type),
    cost: Money.of(product.price, currency),
    inStock,
    stock,
    // The document: "Top-up orders must use 1"; vouchers are bounded by their stock when finite.
    ...(type === 'topup' ? { maxQuantity: 1 } : stock !== null ? { maxQuantity: stock } : {}),
    extra,
  };
}

/** Whether a product needs names we do not have yet (ids without names). */
export function needsNames(product: WireProduct): boolean {
  return Boolean((product.game_id && product.game_id !== '0' && !product.game) || (product.category_id && !product.category));
}

/** Our player keys as GamexBulk's order/validation fields (`server`/`zone` → `server_id`). */
export function wireInputs(player: Record<string, string>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(player)) {
    const trimmed = value.trim();
    if (trimmed !== '') inputs[wireFieldName(key)] = trimmed;
  }
  return inputs;
}
