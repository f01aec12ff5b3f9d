import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../../src/core/catalog/types.js';
import type { BuyerRecord } from '../../../../src/core/ports/storage.js';
import { applyCoupon } from '../../../../src/core/pricing/pricing.js';
import { openTestDatabase, type TestDatabase } from '../../../support/databases.js';
import { ADMIN_ID, OTHER_ADMIN_ID, startAdminEnv, type AdminEnv } from './harness.js';

describe('admin /coupon, /blacklist, /unblacklist (through the fake Telegram server)', () => {
  let database: TestDatabase;
  let env: AdminEnv;
  let buyer: BuyerRecord;
  let pubg60: Listing;
  let pubg325: Listing;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    env = await startAdminEnv(database);
    buyer = await env.buyer(770_000, 'carol');
    pubg60 = listingNamed('PUBG Mobile 60 UC');
    pubg325 = listingNamed('PUBG Mobile 325 UC');
  });
  afterAll(async () => {
    await env?.close();
    await database?.dispose();
  });

  /** Sends a command as an admin and returns the bot's next message in the chat. */
  async function command(text: string, adminId = ADMIN_ID) {
    const admin = env.fake.user(adminId, { language_code: 'en' });
    const count = admin.messages().length;
    admin.send(text);
    return admin.waitForMessage((m) => admin.messages().indexOf(m) >= count);
  }
  function listingNamed(name: string): Listing {
    const hit = env.shop.catalog.search(name, 1, 20).hits.find((h) => h.listing.name === name);
    if (!hit) throw new Error(`no listing ${name}`);
    return hit.listing;
  }
  const quote = (who: BuyerRecord, listing: Listing, options: { couponCode?: string; playerId?: string } = {}) =>
    env.shop.purchases.quote(who, { listingId: listing.id, player: { player_id: options.playerId ?? '51234567' }, couponCode: options.couponCode ?? null });

  describe('/coupon', () => {
    it('creates a coupon that a quote accepts; off makes quotes refuse it and keeps its terms; on brings it back', async () => {
      const created = (await command('/coupon add save10 10 max=2 until=2099-12-31')).text;
      expect(created).toBe(
        '🎟 Coupon SAVE10 created.\n🎟 Coupon SAVE10 — active\nDiscount: 10%\nFor: every listing\nUses: 0 of 2 · left: 2\nExpires: end of 2099-12-31 (UTC)',
      );
      expect(await env.shop.storage.coupons.find('SAVE10')).toMatchObject({ code: 'SAVE10', maxUses: 2, used: 0, listingId: null, expiresAt: new Date('2100-01-01T00:00:00Z'), active: true });

      const plain = await quote(buyer, pubg325);
      const discounted = await quote(buyer, pubg325, { couponCode: 'save10' });
      if (!plain.ok || !discounted.ok) throw new Error('quote failed');
      expect(discounted.value.couponCode).toBe('SAVE10');
      expect(discounted.value.price.toString()).toBe(applyCoupon(plain.value.price, '10').toString());
      expect(discounted.value.discount.isPositive()).toBe(true);

      expect((await command('/coupon off SAVE10')).text).toBe('🎟 Coupon SAVE10 is off: buyers can no longer use it.');
      expect(await quote(buyer, pubg325, { couponCode: 'SAVE10' })).toMatchObject({ ok: false, code: 'coupon_invalid' });
      expect(await env.shop.storage.coupons.find('SAVE10')).toMatchObject({ maxUses: 2, listingId: null, expiresAt: new Date('2100-01-01T00:00:00Z'), active: false });
      expect((await command('/coupon show save10')).text).toContain('Coupon SAVE10 — off\nDiscount: 10%');

      expect((await command('/coupon on SAVE10')).text).toBe('🎟 Coupon SAVE10 is on again.');
      expect((await quote(buyer, pubg325, { couponCode: 'SAVE10' })).ok).toBe(true);
    });

    it('limits a coupon to one listing, keeps an exact decimal percent, and keeps the use count on update', async () => {
      const created = (await command(`/coupon add PUBG325 12.5 listing=${pubg325.id}`)).text!;
      expect(created).toContain(`Discount: 12.5%\nFor: listing ${pubg325.id} (PUBG Mobile 325 UC)\nUses: 0 of no limit · left: no limit\nExpires: never`);
      expect((await env.shop.storage.coupons.find('PUBG325'))?.percentOff).toMatch(/^12\.50?$/);
      const plain = await quote(buyer, pubg325);
      const discounted = await quote(buyer, pubg325, { couponCode: 'PUBG325' });
      if (!plain.ok || !discounted.ok) throw new Error('quote failed');
      expect(discounted.value.price.toString()).toBe(applyCoupon(plain.value.price, '12.5').toString());
      expect(await quote(buyer, pubg60, { couponCode: 'PUBG325' })).toMatchObject({ ok: false, code: 'coupon_invalid' });

      // A use recorded, then new terms: the count stays.
      expect(await env.shop.storage.coupons.redeem('PUBG325')).toBe(true);
      expect((await command('/coupon add pubg325 20 max=1')).text).toContain('🎟 Coupon PUBG325 updated; its use count is kept.\n🎟 Coupon PUBG325 — used up\nDiscount: 20%\nFor: every listing\nUses: 1 of 1 · left: 0');
      expect(await quote(buyer, pubg60, { couponCode: 'PUBG325' })).toMatchObject({ ok: false, code: 'coupon_used_up' });
    });

    it('refuses an unknown listing, a past day and an unknown code, saying so', async () => {
      expect((await command('/coupon add LOST 5 listing=abcdefghijkl', OTHER_ADMIN_ID)).text).toBe('No listing abcdefghijkl is for sale. Find ids with /catalog find ….');
      expect((await command('/coupon add LATE 5 until=2020-01-31', OTHER_ADMIN_ID)).text).toBe('2020-01-31 has passed; choose a later last day.');
      expect((await command('/coupon show NOPE', OTHER_ADMIN_ID)).text).toBe('There is no coupon NOPE.');
      expect((await command('/coupon off NOPE', OTHER_ADMIN_ID)).text).toBe('There is no coupon NOPE.');
      expect(await env.shop.storage.coupons.find('LOST')).toBeUndefined();
      expect(await env.shop.storage.coupons.find('LATE')).toBeUndefined();
    });

    it.each([
      '/coupon',
      '/coupon add',
      '/coupon add AB 10',
      '/coupon add SAVE 0',
      '/coupon add SAVE 0.00',
      '/coupon add SAVE 100.01',
      '/coupon add SAVE 12.345',
      '/coupon add SAVE 1e2',
      '/coupon add SAVE -5',
      '/coupon add SAVE 10 max=0',
      '/coupon add SAVE 10 max=1 max=2',
      '/coupon add SAVE 10 until=2099-02-30',
      '/coupon add SAVE 10 bogus=1',
      '/coupon show',
      '/coupon delete SAVE',
    ])('answers "%s" with the usage and saves nothing', async (text) => {
      expect((await command(text, OTHER_ADMIN_ID)).text).toMatch(/^Usage:\n\/coupon add CODE 15 /);
      expect(await env.shop.storage.coupons.find('SAVE')).toBeUndefined();
      expect(await env.shop.storage.coupons.find('AB')).toBeUndefined();
    });
  });

  describe('/blacklist and /unblacklist', () => {
    it('refuses a blacklisted player id at quote time, and takes it off again', async () => {
      expect((await command('/blacklist player 55556666 chargeback  fraud')).text).toBe('⛔ Player id 55556666 is blacklisted: orders for it are refused.');
      expect(await quote(buyer, pubg60, { playerId: '55556666' })).toMatchObject({ ok: false, code: 'blacklisted' });
      expect((await quote(buyer, pubg60, { playerId: '55556667' })).ok).toBe(true);
      expect((await command('/unblacklist player 55556666')).text).toBe('✅ Player id 55556666 is off the blacklist.');
      expect((await quote(buyer, pubg60, { playerId: '55556666' })).ok).toBe(true);
      expect((await command('/unblacklist player 55556666')).text).toBe('Player id 55556666 was not on the blacklist.');
    });

    it('blacklists a buyer by @username under both their Telegram id and buyer id', async () => {
      const mallory = await env.buyer(770_001, 'mallory');
      expect((await command('/blacklist user @mallory resold codes')).text).toBe('⛔ @mallory is blacklisted: their orders are refused.');
      expect(await env.shop.storage.blacklist.has('user', 'telegram:770001')).toBe(true);
      expect(await env.shop.storage.blacklist.has('user', mallory.id)).toBe(true);
      expect(await quote(mallory, pubg60)).toMatchObject({ ok: false, code: 'blacklisted' });
      expect((await quote(buyer, pubg60)).ok).toBe(true);

      expect((await command('/unblacklist user 770001')).text).toBe('✅ 770001 is off the blacklist.');
      expect(await env.shop.storage.blacklist.has('user', 'telegram:770001')).toBe(false);
      expect(await env.shop.storage.blacklist.has('user', mallory.id)).toBe(false);
      expect((await quote(mallory, pubg60)).ok).toBe(true);
    });

    it('blacklists a Telegram id before its owner starts the bot; an unknown @username is not found', async () => {
      expect((await command('/blacklist user 770099')).text).toBe('⛔ 770099 is blacklisted: their orders are refused.');
      const late = await env.buyer(770_099, 'latecomer');
      expect(await quote(late, pubg60)).toMatchObject({ ok: false, code: 'blacklisted' });
      expect((await command('/blacklist user @ghost_user')).text).toBe('No Telegram buyer @ghost_user was found. They must have started the bot first.');
      expect((await command('/unblacklist user @ghost_user')).text).toBe('No Telegram buyer @ghost_user was found. They must have started the bot first.');
      expect((await command('/unblacklist user @carol')).text).toBe('@carol was not on the blacklist.');
    });

    it.each(['/blacklist', '/blacklist player', '/blacklist robot 123', '/blacklist user bob', '/unblacklist', '/unblacklist player 1 extra words'])(
      'answers "%s" with the usage and changes nothing',
      async (text) => {
        const usage = text.startsWith('/unblacklist') ? /^Usage: \/unblacklist player PLAYER_ID/ : /^Usage:\n\/blacklist player PLAYER_ID \[reason\]/;
        expect((await command(text, OTHER_ADMIN_ID)).text).toMatch(usage);
        expect(await env.shop.storage.blacklist.has('player_id', '1')).toBe(false);
        expect(await env.shop.storage.blacklist.has('user', 'telegram:123')).toBe(false);
      },
    );
  });
});
