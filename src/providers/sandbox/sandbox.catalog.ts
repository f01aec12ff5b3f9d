import type { PlayerFieldSpec, ProductType } from '../../core/catalog/types.js';

/** Which scripted behaviour a product triggers on its own, whatever the player. */
export type ProductScript = 'out_of_stock' | 'price_changed' | 'delayed';

/** One demo product as stored here; the adapter turns it into a `ResellerProduct`. */
export interface SandboxItem {
  sku: string;
  game: string | null;
  category: string;
  name: string;
  denomination?: { amount: string; unit: string };
  region: string;
  type: ProductType;
  playerFields: readonly PlayerFieldSpec[];
  /** Unit cost in USD, as an exact decimal string. */
  cost: string;
  script?: ProductScript;
  /** The voucher comes with a PIN and a serial besides its code. */
  withPin?: boolean;
}

export const SANDBOX_CURRENCY = 'USD';
export const SANDBOX_MAX_QUANTITY = 10;

const DIGITS = '^[0-9]+$';

function playerId(min: number, max: number): PlayerFieldSpec {
  return { key: 'player_id', label: 'Player ID', required: true, pattern: DIGITS, minLength: min, maxLength: max, hint: `digits only, ${min}–${max} of them` };
}

const PUBG_FIELDS = [playerId(5, 12)];
const MLBB_FIELDS = [
  playerId(6, 12),
  { key: 'zone', label: 'Zone ID', required: true, pattern: DIGITS, minLength: 4, maxLength: 5, hint: 'digits only, 4–5 of them' },
];
const GENSHIN_FIELDS = [
  playerId(9, 10),
  {
    key: 'server',
    label: 'Server',
    required: true,
    options: [
      { value: 'os_usa', label: 'America' },
      { value: 'os_euro', label: 'Europe' },
      { value: 'os_asia', label: 'Asia' },
      { value: 'os_cht', label: 'TW, HK, MO' },
    ],
  },
];
const FREE_FIRE_FIELDS = [playerId(6, 12)];

/** Top-up packs of one game: `[amount, unit cost]` rows. */
function packs(
  prefix: string,
  game: string,
  category: string,
  unit: { name: string; code: string },
  playerFields: readonly PlayerFieldSpec[],
  rows: ReadonlyArray<readonly [string, string]>,
): SandboxItem[] {
  return rows.map(([amount, cost]) => ({
    sku: `${prefix}-${amount}`,
    game,
    category,
    name: `${game} ${amount} ${unit.name}`,
    denomination: { amount, unit: unit.code },
    region: 'Global',
    type: 'topup',
    playerFields,
    cost,
  }));
}

/** Vouchers of one brand: `[face value in USD, unit cost]` rows. */
function vouchers(prefix: string, brand: string, region: string, rows: ReadonlyArray<readonly [string, string]>, withPin = false): SandboxItem[] {
  return rows.map(([face, cost]) => ({
    sku: `${prefix}-${face}usd`,
    game: null,
    category: brand,
    name: `${brand} ${face} USD`,
    denomination: { amount: face, unit: 'USD' },
    region,
    type: 'voucher',
    playerFields: [],
    cost,
    ...(withPin ? { withPin } : {}),
  }));
}

const DEMO_CATEGORY = 'Sandbox demos';

/**
 * The demo catalog, in listing order. Costs are plausible wholesale prices, not real ones.
 * The last three products script a behaviour by themselves (see the adapter's table).
 */
export const SANDBOX_ITEMS: readonly SandboxItem[] = [
  ...packs('sbx-pubgm', 'PUBG Mobile', 'UC Packages', { name: 'UC', code: 'UC' }, PUBG_FIELDS, [
    ['60', '0.88'],
    ['325', '4.40'],
    ['660', '8.80'],
    ['1800', '22.00'],
    ['3850', '44.00'],
    ['8100', '88.00'],
  ]),
  ...packs('sbx-mlbb', 'Mobile Legends', 'Diamonds', { name: 'Diamonds', code: 'DIAMONDS' }, MLBB_FIELDS, [
    ['86', '1.45'],
    ['172', '2.90'],
    ['257', '4.35'],
    ['514', '8.70'],
    ['706', '11.90'],
  ]),
  ...packs('sbx-genshin', 'Genshin Impact', 'Genesis Crystals', { name: 'Genesis Crystals', code: 'GENESIS CRYSTALS' }, GENSHIN_FIELDS, [
    ['60', '0.85'],
    ['300', '4.25'],
    ['980', '12.75'],
    ['1980', '25.50'],
    ['3280', '42.50'],
  ]),
  ...packs('sbx-freefire', 'Free Fire', 'Diamonds', { name: 'Diamonds', code: 'DIAMONDS' }, FREE_FIRE_FIELDS, [
    ['100', '0.95'],
    ['310', '2.85'],
    ['520', '4.75'],
    ['1060', '9.50'],
  ]),
  ...vouchers('sbx-steam', 'Steam Wallet', 'Global', [
    ['5', '5.10'],
    ['10', '10.15'],
    ['20', '20.25'],
    ['50', '50.50'],
  ]),
  ...vouchers('sbx-googleplay', 'Google Play', 'US', [
    ['10', '10.20'],
    ['25', '25.40'],
  ]),
  ...vouchers('sbx-razergold', 'Razer Gold', 'Global', [
    ['10', '10.05'],
    ['20', '20.10'],
  ], true),
  {
    sku: 'sbx-demo-out-of-stock',
    game: null,
    category: DEMO_CATEGORY,
    name: 'Out Of Stock demo',
    region: 'Global',
    type: 'voucher',
    playerFields: [],
    cost: '1.00',
    script: 'out_of_stock',
  },
  {
    sku: 'sbx-demo-price-change',
    game: null,
    category: DEMO_CATEGORY,
    name: 'Price Change demo',
    region: 'Global',
    type: 'voucher',
    playerFields: [],
    cost: '2.00',
    script: 'price_changed',
  },
  {
    sku: 'sbx-demo-delayed',
    game: null,
    category: DEMO_CATEGORY,
    name: 'Delayed Delivery demo',
    region: 'Global',
    type: 'voucher',
    playerFields: [],
    cost: '3.00',
    script: 'delayed',
  },
];
