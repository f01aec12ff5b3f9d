import type { InlineKeyboardMarkup } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../../src/core/catalog/types.js';
import type { FakeMessage } from '../../../fakes/telegram/state.js';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, startAdminEnv, type AdminEnv } from './harness.js';

const BUYER_ID = 880_001;

describe('admin /catalog (through the fake Telegram server)', () => {
  let database: TestDatabase;
  let env: AdminEnv;
  let fullSize: number;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    env = await startAdminEnv(database);
    fullSize = env.shop.catalog.size;
  });
  afterAll(async () => {
    await env?.close();
    await database?.dispose();
  });

  /** Sends a message as this user and returns the bot's next message in the chat. */
  async function say(userId: number, text: string) {
    const user = env.fake.user(userId, { language_code: 'en' });
    const count = user.messages().length;
    user.send(text);
    return user.waitForMessage((m) => user.messages().indexOf(m) >= count);
  }
  const command = (text: string) => say(ADMIN_ID, text);
  const buttons = (message: FakeMessage) => ((message.replyMarkup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
  const rules = () => env.shop.storage.catalogRules.list();
  const listingNamed = (name: string): Listing => {
    const hit = env.shop.catalog.search(name, 1, 20).hits.find((h) => h.listing.name === name);
    if (!hit) throw new Error(`no listing ${name}`);
    return hit.listing;
  };

  it('disables a game: it leaves search and browse at once; enable brings it back', async () => {
    const pubg = env.shop.catalog.listings({ game: 'PUBG Mobile' }, 1, 100).total;
    expect(pubg).toBeGreaterThan(0);
    expect((await command('/catalog disable game "pubg mobile"')).text).toBe(`🚫 game PUBG Mobile is disabled and hidden from buyers. ${fullSize - pubg} listings for sale.`);
    expect(await rules()).toEqual([{ scope: 'game', target: 'pubg mobile', enabled: false, displayName: null, featured: null }]);
    expect(env.shop.catalog.games()).not.toContain('PUBG Mobile');
    expect(env.shop.catalog.search('pubg 60', 1, 20).hits.filter((h) => h.listing.game === 'PUBG Mobile')).toEqual([]);

    // What a buyer sees, through the bot.
    expect((await say(BUYER_ID, '/search pubg 60')).text).not.toContain('PUBG Mobile');
    const games = buttons(await say(BUYER_ID, '/shop'));
    expect(games).toContain('🎮 Mobile Legends');
    expect(games).not.toContain('🎮 PUBG Mobile');
    expect((await command('/catalog')).text).toContain('• game pubg mobile: disabled');

    // Hidden now, so known by its rule: enable still finds it.
    expect((await command('/catalog enable game "PUBG Mobile"')).text).toBe(`✅ game PUBG Mobile is enabled. ${fullSize} listings for sale.`);
    expect(await rules()).toEqual([]);
    expect(buttons(await say(BUYER_ID, '/shop'))).toContain('🎮 PUBG Mobile');
    expect((await say(BUYER_ID, '/search pubg 60')).text).toContain('PUBG Mobile 60 UC');
  });

  it('disables a category of one game only, a gift-card brand and a reseller, and resets each rule', async () => {
    const legends = env.shop.catalog.listings({ game: 'Mobile Legends' }, 1, 100).total;
    const freeFire = env.shop.catalog.listings({ game: 'Free Fire' }, 1, 100).total;
    expect((await command('/catalog disable category "Mobile Legends" "diamonds"')).text).toBe(
      `🚫 category Mobile Legends / Diamonds is disabled and hidden from buyers. ${fullSize - legends} listings for sale.`,
    );
    expect(env.shop.catalog.listings({ game: 'Mobile Legends' }, 1, 100).total).toBe(0);
    // Same category name, other game: untouched.
    expect(env.shop.catalog.listings({ game: 'Free Fire' }, 1, 100).total).toBe(freeFire);
    expect(await rules()).toEqual([{ scope: 'category', target: 'mobile legends/diamonds', enabled: false, displayName: null, featured: null }]);

    const steam = env.shop.catalog.listings({ game: null, category: 'Steam Wallet' }, 1, 100).total;
    expect(steam).toBeGreaterThan(0);
    await command('/catalog disable category "Steam Wallet"');
    expect(env.shop.catalog.gamelessCategories()).not.toContain('Steam Wallet');
    expect(env.shop.catalog.size).toBe(fullSize - legends - steam);

    expect((await command('/catalog disable reseller sandbox')).text).toBe('🚫 reseller sandbox is disabled and hidden from buyers. 0 listings for sale.');
    const shown = (await command('/catalog')).text!;
    expect(shown).toContain('Catalog rules · 0 listings for sale\n• reseller sandbox: disabled\n• category steam wallet: disabled\n• category mobile legends / diamonds: disabled');

    expect((await command('/catalog reset reseller sandbox')).text).toBe(`↩️ The rule for reseller sandbox was removed. ${fullSize - legends - steam} listings for sale.`);
    await command('/catalog reset category "Steam Wallet"');
    expect((await command('/catalog reset category "Mobile Legends" "Diamonds"')).text).toBe(
      `↩️ The rule for category Mobile Legends / Diamonds was removed. ${fullSize} listings for sale.`,
    );
    expect((await command('/catalog reset category "Mobile Legends" "Diamonds"')).text).toBe('There was no rule for category Mobile Legends / Diamonds.');
    expect(await rules()).toEqual([]);
  });

  it('finds listing ids with their offers, renames and features a listing and a game, and resets them', async () => {
    const listing = listingNamed('Mobile Legends 257 Diamonds');
    const found = (await command('/catalog find mobile legends 257')).text!;
    expect(found).toMatch(/^🔎 Listings for “mobile legends 257” \(\d+\)\. Disabled items are not shown\./);
    expect(found).toContain(`• ${listing.id} — Mobile Legends 257 Diamonds · Mobile Legends / Diamonds · `);
    expect(found).toContain('◦ sandbox · SKU sbx-mlbb-257 · cost 4.35 USD · in stock');

    expect((await command(`/catalog rename ${listing.id}   ML 257 💎  "Mega" pack`)).text).toBe(
      `✏️ listing ${listing.id} (Mobile Legends 257 Diamonds) is now shown as “ML 257 💎 "Mega" pack”.`,
    );
    expect(env.shop.catalog.listing(listing.id)?.displayName).toBe('ML 257 💎 "Mega" pack');
    expect((await say(BUYER_ID, '/search mobile legends 257')).text).toContain('ML 257 💎 "Mega" pack');

    expect((await command(`/catalog feature ${listing.id}`)).text).toBe(`⭐ listing ${listing.id} (ML 257 💎 "Mega" pack) is featured: shown first.`);
    expect(env.shop.catalog.listings({ game: 'Mobile Legends' }, 1, 1).items[0]?.id).toBe(listing.id);
    expect(env.shop.catalog.games()[0]).toBe('Mobile Legends');
    expect(buttons(await say(BUYER_ID, '/shop'))[0]).toBe('🎮 Mobile Legends');
    expect((await command('/catalog')).text).toContain(`• listing ${listing.id} (Mobile Legends 257 Diamonds): shown as “ML 257 💎 "Mega" pack”, ⭐ featured`);
    expect((await command('/catalog find mobile legends 257')).text).toContain(`⭐ ${listing.id} — ML 257 💎 "Mega" pack · Mobile Legends / Diamonds · `);

    await command(`/catalog unfeature ${listing.id}`);
    expect(env.shop.catalog.listing(listing.id)?.featured).toBe(false);
    expect(await rules()).toEqual([{ scope: 'listing', target: listing.id, enabled: null, displayName: 'ML 257 💎 "Mega" pack', featured: null }]);

    expect((await command('/catalog feature game "free fire"')).text).toBe('⭐ game Free Fire is featured: shown first.');
    expect(env.shop.catalog.games()[0]).toBe('Free Fire');
    expect(env.shop.catalog.listings({ game: 'Free Fire' }, 1, 100).items.every((l) => l.featured)).toBe(true);
    await command('/catalog unfeature game "Free Fire"');
    expect(env.shop.catalog.listings({ game: 'Free Fire' }, 1, 100).items.some((l) => l.featured)).toBe(false);

    expect((await command(`/catalog reset listing ${listing.id}`)).text).toBe(`↩️ The rule for listing ${listing.id} (ML 257 💎 "Mega" pack) was removed. ${fullSize} listings for sale.`);
    expect(env.shop.catalog.listing(listing.id)?.displayName).toBe('Mobile Legends 257 Diamonds');
    expect(await rules()).toEqual([]);
  });

  it('disables one listing and one offer, and enables them again', async () => {
    const listing = listingNamed('Genshin Impact 980 Genesis Crystals');
    await command(`/catalog disable listing ${listing.id}`);
    expect(env.shop.catalog.listing(listing.id)).toBeUndefined();
    expect((await command(`/catalog enable listing ${listing.id}`)).text).toBe(`✅ listing ${listing.id} is enabled. ${fullSize} listings for sale.`);
    expect(env.shop.catalog.listing(listing.id)?.name).toBe('Genshin Impact 980 Genesis Crystals');

    await command('/catalog disable offer sandbox:sbx-genshin-980');
    expect(env.shop.catalog.listing(listing.id)).toBeUndefined();
    await command('/catalog enable offer sandbox:sbx-genshin-980');
    expect(env.shop.catalog.listing(listing.id)?.offers.map((o) => o.offerId)).toEqual(['sandbox:sbx-genshin-980']);
    expect(await rules()).toEqual([]);
  });

  it('refuses targets the catalog does not have, saying so, and changes nothing', async () => {
    expect((await command('/catalog disable game "No Such Game"')).text).toBe('Nothing in the catalog matches game No Such Game. Find names and ids with /catalog find ….');
    expect((await command('/catalog disable category "PUBG Mobile" "Diamonds"')).text).toMatch(/^Nothing in the catalog matches category PUBG Mobile \/ Diamonds\./);
    expect((await command('/catalog feature abcdefghijkl')).text).toMatch(/^Nothing in the catalog matches listing abcdefghijkl\./);
    expect((await command('/catalog disable reseller gamexbulk')).text).toMatch(/^Nothing in the catalog matches reseller gamexbulk\./);
    expect((await command('/catalog find zzzzqqqq')).text).toBe('Nothing for sale matches “zzzzqqqq”. Disabled items are not searched: see /catalog.');
    expect(await rules()).toEqual([]);
  });

  it.each([
    '/catalog disable',
    '/catalog disable galaxy far',
    '/catalog enable game',
    '/catalog disable category "A" "B" "C"',
    '/catalog rename',
    '/catalog rename abcdefghijkl',
    '/catalog feature',
    '/catalog feature reseller sandbox',
    '/catalog find',
    '/catalog reset listing',
    '/catalog delete game x',
  ])('answers "%s" with the usage and changes nothing', async (text) => {
    expect((await command(text)).text).toMatch(/^Usage:\n\/catalog — show the rules\n/);
    expect(await rules()).toEqual([]);
  });

  it('refuses a non-admin /catalog, /coupon, /blacklist and /unblacklist, and changes nothing', async () => {
    const stranger = env.fake.user(880_002, { language_code: 'en', username: 'stranger3' });
    stranger.send('/catalog disable game "PUBG Mobile"');
    stranger.send('/catalog');
    stranger.send('/coupon add FREE 100');
    stranger.send('/blacklist player 55556666');
    stranger.send('/unblacklist player 55556666');
    await env.fake.waitFor(() => stranger.messages().length >= 5);
    expect(stranger.messages().map((m) => m.text)).toEqual(Array(5).fill('Sorry, this command is only for shop admins.'));
    expect(await rules()).toEqual([]);
    expect(env.shop.catalog.size).toBe(fullSize);
    expect(await env.shop.storage.coupons.find('FREE')).toBeUndefined();
    expect(await env.shop.storage.blacklist.has('player_id', '55556666')).toBe(false);
  });
});
