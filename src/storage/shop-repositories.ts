import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  BlacklistRepository,
  BuyerRecord,
  CatalogRule,
  CatalogRuleRepository,
  Coupon,
  CouponRepository,
  SavedPlayerRepository,
  SettingsRepository,
  UserRepository,
} from '../core/ports/storage.js';
import type { Database, UsersTable } from './schema.js';

function toBuyer(row: Selectable<UsersTable>): BuyerRecord {
  return {
    id: row.id,
    platform: row.platform,
    platformUserId: row.platform_user_id,
    username: row.username,
    displayName: row.display_name,
    language: row.language,
    banned: row.banned,
    createdAt: row.created_at,
  };
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsertIdentity(identity: Parameters<UserRepository['upsertIdentity']>[0]) {
    const row = await this.db
      .insertInto('users')
      .values({
        platform: identity.platform,
        platform_user_id: identity.platformUserId,
        username: identity.username,
        display_name: identity.displayName,
        language: identity.language,
      })
      .onConflict((oc) =>
        oc.columns(['platform', 'platform_user_id']).doUpdateSet({
          username: (eb) => eb.ref('excluded.username'),
          display_name: (eb) => eb.ref('excluded.display_name'),
          updated_at: sql`now()`,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toBuyer(row);
  }

  async findById(id: string) {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toBuyer(row) : undefined;
  }

  async findByIdentity(platform: 'telegram' | 'discord', platformUserId: string) {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('platform', '=', platform)
      .where('platform_user_id', '=', platformUserId)
      .executeTakeFirst();
    return row ? toBuyer(row) : undefined;
  }

  async findByHandle(platform: 'telegram' | 'discord', handle: string) {
    const cleaned = handle.trim().replace(/^@/, '');
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('platform', '=', platform)
      .where((eb) => eb.or([eb('platform_user_id', '=', cleaned), eb(sql`lower(username)`, '=', cleaned.toLowerCase())]))
      .executeTakeFirst();
    return row ? toBuyer(row) : undefined;
  }

  async setLanguage(id: string, language: string) {
    await this.db.updateTable('users').set({ language, updated_at: sql`now()` }).where('id', '=', id).execute();
  }

  async setBanned(id: string, banned: boolean) {
    await this.db.updateTable('users').set({ banned, updated_at: sql`now()` }).where('id', '=', id).execute();
  }

  async lock(id: string) {
    // NO KEY UPDATE: does not conflict with the KEY SHARE lock an order insert takes on its buyer.
    await this.db.selectFrom('users').select('id').where('id', '=', id).forNoKeyUpdate().execute();
  }

  async page(platform: 'telegram' | 'discord', afterId: string | null, limit: number) {
    let query = this.db.selectFrom('users').selectAll().where('platform', '=', platform).where('banned', '=', false);
    if (afterId) query = query.where('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toBuyer);
  }
}

export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? ((row.value as { v: T }).v ?? undefined) : undefined;
  }

  async set(key: string, value: unknown) {
    // Wrapped so scalars and arrays store as jsonb the same way on both drivers.
    const json = JSON.stringify({ v: value }) as unknown as Record<string, unknown>;
    await this.db
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: sql`now()` }))
      .execute();
  }
}

export class KyselyCatalogRuleRepository implements CatalogRuleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<CatalogRule[]> {
    const rows = await this.db.selectFrom('catalog_rules').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ scope: r.scope, target: r.target, enabled: r.enabled, displayName: r.display_name, featured: r.featured }));
  }

  async upsert(rule: CatalogRule) {
    const values = { enabled: rule.enabled, display_name: rule.displayName, featured: rule.featured };
    await this.db
      .insertInto('catalog_rules')
      .values({ scope: rule.scope, target: rule.target, ...values })
      .onConflict((oc) => oc.columns(['scope', 'target']).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute();
  }

  async remove(scope: CatalogRule['scope'], target: string) {
    await this.db.deleteFrom('catalog_rules').where('scope', '=', scope).where('target', '=', target).execute();
  }
}

export class KyselyCouponRepository implements CouponRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(code: string): Promise<Coupon | undefined> {
    const row = await this.db.selectFrom('coupons').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
    if (!row) return undefined;
    return {
      code: row.code,
      percentOff: row.percent_off,
      maxUses: row.max_uses,
      used: row.used,
      listingId: row.listing_id,
      expiresAt: row.expires_at,
      active: row.active,
    };
  }

  async upsert(coupon: Omit<Coupon, 'used'>) {
    const values = {
      percent_off: coupon.percentOff,
      max_uses: coupon.maxUses,
      listing_id: coupon.listingId,
      expires_at: coupon.expiresAt,
      active: coupon.active,
    };
    await this.db
      .insertInto('coupons')
      .values({ code: coupon.code.toUpperCase(), ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }

  async redeem(code: string) {
    const row = await this.db
      .updateTable('coupons')
      .set({ used: sql`used + 1` })
      .where('code', '=', code.toUpperCase())
      .where('active', '=', true)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('used', '<', eb.ref('max_uses'))]))
      .returning('code')
      .executeTakeFirst();
    return row !== undefined;
  }
}

export class KyselyBlacklistRepository implements BlacklistRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async has(kind: 'user' | 'player_id', value: string) {
    const row = await this.db.selectFrom('blacklist').select('value').where('kind', '=', kind).where('value', '=', value).executeTakeFirst();
    return row !== undefined;
  }

  async add(kind: 'user' | 'player_id', value: string, reason: string | null) {
    await this.db
      .insertInto('blacklist')
      .values({ kind, value, reason })
      .onConflict((oc) => oc.columns(['kind', 'value']).doUpdateSet({ reason }))
      .execute();
  }

  async remove(kind: 'user' | 'player_id', value: string) {
    await this.db.deleteFrom('blacklist').where('kind', '=', kind).where('value', '=', value).execute();
  }
}

export class KyselySavedPlayerRepository implements SavedPlayerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string, game: string) {
    const row = await this.db
      .selectFrom('saved_players')
      .select(['player', 'nickname'])
      .where('user_id', '=', userId)
      .where('game', '=', game)
      .executeTakeFirst();
    return row ? { player: row.player, nickname: row.nickname } : undefined;
  }

  async save(userId: string, game: string, player: Record<string, string>, nickname: string | null) {
    const json = JSON.stringify(player) as unknown as Record<string, string>;
    await this.db
      .insertInto('saved_players')
      .values({ user_id: userId, game, player: json, nickname })
      .onConflict((oc) => oc.columns(['user_id', 'game']).doUpdateSet({ player: json, nickname, updated_at: sql`now()` }))
      .execute();
  }
}
