import { ResellerError } from '../../core/ports/reseller.js';
import type { UpstreamClient } from '../shared/upstream-client.js';
import { signatureMatches } from './gamexbulk.webhook.js';
import { accountSchema, envelope, type WireAccount } from './gamexbulk.wire.js';

export interface Account extends WireAccount {
  fetchedAt: number;
}

/**
 * The reseller account from `GET /getMe`: balance, currency and the personal
 * `webhook_secret`. Fetched on first use and cached; concurrent callers share one fetch.
 * The secret never leaves this object except into an HMAC.
 */
export class GamexBulkAccount {
  private cached: Account | undefined;
  private inflight: Promise<Account> | undefined;

  constructor(
    private readonly client: UpstreamClient,
    private readonly path: string,
    /** Least time between two refetches of the secret after a mismatch. */
    private readonly refreshMinMs: number,
  ) {}

  /** The account currency, once known without a call. */
  get currency(): string | undefined {
    return this.cached?.currency;
  }

  /** Cached details, or fresh ones when `refresh` (balance checks want fresh). */
  async get(refresh = false): Promise<Account> {
    if (this.cached && !refresh) return this.cached;
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Whether `signature` signs `rawBody` under the webhook secret. A mismatch against a
   * cached secret refetches it once, in case GamexBulk rotated it — at most once per
   * `refreshMinMs`, so forged requests cannot make us hammer `/getMe`.
   */
  async verify(rawBody: Buffer, signature: string): Promise<boolean> {
    const hadCached = this.cached !== undefined;
    const account = await this.get();
    if (signatureMatches(rawBody, signature, account.webhook_secret)) return true;
    if (!hadCached || Date.now() - account.fetchedAt < this.refreshMinMs) return false;
    const fresh = await this.get(true);
    return fresh.webhook_secret !== account.webhook_secret && signatureMatches(rawBody, signature, fresh.webhook_secret);
  }

  private async fetch(): Promise<Account> {
    const { data } = await this.client.request({
      operation: 'getMe',
      method: 'GET',
      path: this.path,
      idempotent: true,
      schema: envelope(accountSchema),
    });
    if (!data.success) throw new ResellerError('gamexbulk', 'bad_response', `getMe: ${data.error.code}`);
    this.cached = { ...data.data, fetchedAt: Date.now() };
    return this.cached;
  }
}
