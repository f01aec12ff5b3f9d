import { parseDenomination } from '../../core/catalog/denomination.js';
import type { PlayerFieldSpec, ProductType, ResellerProduct } from '../../core/catalog/types.js';
import { Money } from '../../core/money.js';
import type { WireAmount, WireCategory, WireForm, WireProduct } from './lapakgaming.wire.js';

/** Lapakgaming charges its deposit in rupiah, whatever the country of the product. */
export const LAPAKGAMING_CURRENCY = 'IDR';

/**
 * Games whose purchases must carry the buyer's IP (`end_user_ip_address`, API v1.6:
 * "games under Hoyoverse publisher"). Matched against the category name with spaces and
 * punctuation removed; extra category codes come from the adapter's options.
 */
export const HOYOVERSE_GAMES: readonly string[] = [
  'genshinimpact',
  'honkaistarrail',
  'honkaiimpact',
  'zenlesszonezero',
  'tearsofthemis',
  'honkainexusanima',
];

/** What the adapter keeps about one category to describe and order its products. */
export interface CategoryInfo {
  code: string;
  name: string;
  variant: string | null;
  type: ProductType;
  playerFields: PlayerFieldSpec[];
  /** `uid-check` works for it. */
  checkId: boolean;
  needsEndUserIp: boolean;
}

/**
 * Rupiah from a wire amount. A JSON number is accepted only when it is a finite integer
 * (IDR has no minor unit, so a fraction would mean a misread field) and is converted
 * through its string form, never used as a float.
 */
export function idr(value: WireAmount): Money {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isSafeInteger(value)) throw new RangeError(`not a rupiah amount: ${value}`);
    return Money.of(String(value), LAPAKGAMING_CURRENCY);
  }
  const trimmed = value.trim();
  if (!/^\d+(\.0+)?$/.test(trimmed)) throw new RangeError(`not a rupiah amount: ${value}`);
  return Money.of(trimmed, LAPAKGAMING_CURRENCY);
}

const truthy = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether orders in this category must send `end_user_ip_address`. */
export function needsEndUserIp(category: WireCategory, extraCodes: ReadonlySet<string>): boolean {
  if (extraCodes.has(category.code)) return true;
  if (category.publisher && /hoyo|mihoyo|cognosphere/i.test(category.publisher)) return true;
  const name = squash(category.name);
  return HOYOVERSE_GAMES.some((game) => name.includes(game));
}

function fieldRule(form: WireForm): Pick<PlayerFieldSpec, 'pattern' | 'hint'> {
  // Spaces are refused for every field by the core's check (Lapakgaming answers
  // USER_ID_CONTAIN_SPACE); a numeric form also takes digits only.
  return /^(number|numeric|integer)$/i.test(form.type ?? '') ? { pattern: '\\d+', hint: 'digits only' } : { hint: 'no spaces' };
}

/**
 * Player fields from a category's `forms` and `servers`: `user_id` becomes `player_id`,
 * `additional_id` becomes `server` (a closed list, from `servers` or the form's options)
 * or `zone` (free text); other forms keep their names.
 */
export function playerFields(category: WireCategory): PlayerFieldSpec[] {
  const fields: PlayerFieldSpec[] = [];
  for (const form of category.forms ?? []) {
    const required = form.required === undefined || form.required === null ? true : truthy(form.required);
    if (form.name === 'user_id') {
      fields.push({ key: 'player_id', label: form.label ?? 'Player ID', required, ...fieldRule(form) });
    } else if (form.name === 'additional_id') {
      const list = (category.servers ?? []).length > 0 ? (category.servers ?? []) : (form.options ?? []);
      const options = list.map((o) => ({ value: o.value, label: o.name ?? o.value }));
      fields.push(
        options.length > 0
          ? { key: 'server', label: form.label ?? 'Server', required, options }
          : { key: 'zone', label: form.label ?? 'Zone ID', required, ...fieldRule(form) },
      );
    } else {
      fields.push({ key: form.name, label: form.label ?? form.name, required, ...fieldRule(form) });
    }
  }
  return fields;
}

/** Normalizes one category; `extraIpCodes` are operator-added category codes needing the buyer's IP. */
export function categoryInfo(category: WireCategory, extraIpCodes: ReadonlySet<string>): CategoryInfo {
  const fields = playerFields(category);
  return {
    code: category.code,
    name: category.name,
    variant: category.variant ?? null,
    // A category that asks for no player id delivers a code.
    type: fields.some((f) => f.key === 'player_id') ? 'topup' : 'voucher',
    playerFields: fields,
    checkId: truthy(category.check_id),
    needsEndUserIp: needsEndUserIp(category, extraIpCodes),
  };
}

/** One product as the core sees it. */
export function toResellerProduct(
  resellerId: string,
  product: WireProduct,
  category: CategoryInfo,
  country: string,
): ResellerProduct {
  const countryCode = (product.country_code ?? country).toLowerCase();
  const denomination = parseDenomination(product.name);
  const extra: Record<string, string> = { categoryCode: category.code, countryCode };
  if (product.provider_code) extra.providerCode = product.provider_code;
  if (product.process_time !== undefined && product.process_time !== null) extra.processTime = String(product.process_time);
  if (category.variant) extra.variant = category.variant;
  if (category.needsEndUserIp) extra.needsEndUserIp = 'true';
  return {
    resellerId,
    sku: product.code,
    game: category.type === 'topup' ? category.name : null,
    category: category.name,
    name: product.name,
    ...(denomination ? { denomination } : {}),
    region: countryCode.toUpperCase(),
    type: category.type,
    playerFields: category.playerFields,
    cost: idr(product.price),
    // A list without statuses (older shapes) is taken as sellable: ordering an empty one
    // is answered with PRODUCT_EMPTY, a failover-able rejection.
    inStock: product.status === undefined || product.status === null || product.status.toLowerCase() === 'available',
    stock: null,
    extra,
  };
}
