import { loadAccountSendSettings, type BilleeDefaultsRow, type Db } from '@smsgw/db';

/** What the accept path needs of an account beyond its key: smart encoding's default and its billees' defaults. */
export interface SendSettings {
  /** The account's smart-encoding default; null: the API's (SMSGW_SMART_ENCODING). */
  smartEncoding: boolean | null;
  /** Billees with defaults, by {@link billeeKey}. */
  billees: ReadonlyMap<string, BilleeDefaultsRow>;
}

export const billeeKey = (type: string, id: string) => `${type}\u0000${id}`;

const NONE: SendSettings = { smartEncoding: null, billees: new Map() };

/** Most accounts cached at once: past it the cache starts over (each entry is one account's billees). */
const MAX_ACCOUNTS = 10_000;

/**
 * Per-account send settings, cached for `ttlMs` like the gateway directory: the accept path reads
 * them for every message without a query (one load per account per second at most, none for a
 * billee without defaults). The API's own writes call `invalidate()`, so the next request of this
 * process sees the change; other processes within `ttlMs`.
 */
export function createSendSettings(db: Db, ttlMs = 1000) {
  const cache = new Map<string, { at: number; value: Promise<SendSettings> }>();
  const load = async (accountId: string): Promise<SendSettings> => {
    const s = await loadAccountSendSettings(db, accountId);
    if (!s) return NONE;
    return { smartEncoding: s.smartEncoding, billees: new Map(s.billees.map((b) => [billeeKey(b.billeeType, b.billeeId), b])) };
  };
  return {
    get(accountId: string): Promise<SendSettings> {
      const now = Date.now();
      const hit = cache.get(accountId);
      if (hit && now - hit.at <= ttlMs) return hit.value;
      if (cache.size >= MAX_ACCOUNTS) cache.clear();
      const value = load(accountId);
      cache.set(accountId, { at: now, value });
      // A failed load is not kept: the next message tries again.
      value.catch(() => {
        if (cache.get(accountId)?.value === value) cache.delete(accountId);
      });
      return value;
    },
    invalidate(accountId: string): void {
      cache.delete(accountId);
    },
  };
}
export type SendSettingsCache = ReturnType<typeof createSendSettings>;
