/**
 * What buyers type instead of the catalog's words. Data only: add a line here, rebuild the
 * index, and the new word is searchable. Keys and phrases are written as they come out of
 * `normalizeSearchText` (lowercase, no punctuation).
 */

/**
 * Short names for games and currencies. A listing gets the alias as an extra search term when
 * one of the phrases stands word for word in its name, game, category or unit, so "ml" finds
 * exactly the listings that say "Mobile Legends".
 */
export const SEARCH_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ml: ['mobile legends'],
  mlbb: ['mobile legends'],
  ff: ['free fire'],
  ffm: ['free fire max'],
  pubg: ['playerunknown'],
  pubgm: ['pubg mobile'],
  uc: ['unknown cash'],
  bc: ['pubg lite'],
  dm: ['diamonds', 'diamond'],
  dms: ['diamonds', 'diamond'],
  gi: ['genshin impact'],
  genshin: ['genshin impact'],
  gc: ['genesis crystals', 'genesis crystal'],
  cod: ['call of duty'],
  codm: ['call of duty mobile'],
  cp: ['cod points'],
  hsr: ['honkai star rail'],
  zzz: ['zenless zone zero'],
  wuwa: ['wuthering waves'],
  val: ['valorant'],
  vp: ['valorant points'],
  lol: ['league of legends'],
  wr: ['wild rift'],
  hok: ['honor of kings'],
  aov: ['arena of valor'],
  coc: ['clash of clans'],
  cr: ['clash royale'],
  rbx: ['robux', 'roblox'],
  vbucks: ['v bucks'],
  gp: ['google play'],
  gplay: ['google play'],
  playstore: ['google play'],
  psn: ['playstation network', 'playstation'],
  ps: ['playstation'],
  rg: ['razer gold'],
  razer: ['razer gold'],
  itunes: ['apple gift card', 'app store', 'itunes'],
  eshop: ['nintendo eshop', 'nintendo'],
};

/**
 * Region codes and the words for them. A listing's region is indexed under its code and every
 * word of every name here, so "indonesia", "indo" and "id" all find region "ID" — and a region
 * written out in the catalog ("Indonesia") finds "id" the same way.
 */
export const REGION_NAMES: Readonly<Record<string, readonly string[]>> = {
  global: ['global', 'gl', 'ww', 'worldwide', 'international', 'intl'],
  id: ['indonesia', 'indo'],
  my: ['malaysia'],
  ph: ['philippines', 'pilipinas'],
  sg: ['singapore'],
  th: ['thailand'],
  vn: ['vietnam'],
  sea: ['southeast asia', 'sea'],
  br: ['brazil', 'brasil'],
  tr: ['turkey', 'turkiye'],
  us: ['usa', 'united states', 'america'],
  eu: ['europe'],
  uk: ['united kingdom', 'gb', 'britain'],
  in: ['india'],
  jp: ['japan'],
  kr: ['korea'],
  tw: ['taiwan'],
  ru: ['russia', 'cis'],
  mena: ['middle east', 'mena'],
  latam: ['latin america', 'latam'],
  mx: ['mexico'],
  pk: ['pakistan'],
  bd: ['bangladesh'],
};

/**
 * Query words that carry no product meaning. Dropped from a query (unless it has nothing
 * else), so "pubg in indonesia" does not demand a listing containing "in".
 */
export const QUERY_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'for', 'in', 'on', 'to', 'and', 'with', 'buy', 'please', 'pls',
]);
