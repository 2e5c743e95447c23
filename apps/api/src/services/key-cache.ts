/**
 * The API's cache of key lookups: every request carries a key, and a database round trip per
 * request for the same few keys is the cost the hot path cannot afford (see DESIGN.md).
 *
 * Correctness rests on three things: revocations and changes are pushed (Redis pub/sub) and drop
 * entries at once; nothing is cached while that push cannot be heard; and an entry never lives
 * past its key's `expires_at`. The TTL only bounds how stale an entry can get if a push is lost.
 */
import type { ApiKeyRecord, Principal } from '@smsgw/db';

export interface KeyCacheOptions {
  /** The database lookup by key hash: `undefined` for an unknown, revoked or expired key. */
  load(hash: string): Promise<ApiKeyRecord | undefined>;
  /** How long a found key is reused; 0 turns caching off (lookups are still shared). */
  ttlMs: number;
  /** How long "no such key" is reused: short, as a key may be created right after. */
  negativeTtlMs: number;
  /** Bound on entries of each kind (found and not found), least recently used dropped first. */
  maxEntries: number;
  /** The clock (tests move it); milliseconds like `Date.now`. */
  now?: () => number;
}

export interface KeyCacheStats {
  hits: number;
  /** Database lookups started: concurrent misses for one key count once. */
  loads: number;
  size: number;
}

export interface KeyCache {
  /** The principal of the key with this hash, or `undefined` when the key must be refused. */
  get(hash: string): Promise<Principal | undefined>;
  /** Drops one key (by id) or, for `'*'`, everything. */
  invalidate(change: string): void;
  /** Whether changes can be heard; while not, nothing is cached and everything held is dropped. */
  setListening(on: boolean): void;
  readonly listening: boolean;
  stats(): KeyCacheStats;
}

interface Found {
  principal: Principal;
  /** Served until this instant: the TTL or the key's expiry, whichever comes first. */
  until: number;
}

/** Map iteration order is insertion order, so re-inserting on use makes the first key the LRU one. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

function evictOldest<V>(map: Map<string, V>, max: number, onEvict?: (key: string, value: V) => void): void {
  while (map.size > max) {
    const oldest = map.entries().next().value;
    if (!oldest) return;
    map.delete(oldest[0]);
    onEvict?.(oldest[0], oldest[1]);
  }
}

/** A frozen copy without the expiry, so no handler can change what other requests are served. */
function principalOf(record: ApiKeyRecord): Principal {
  return Object.freeze({
    keyId: record.keyId,
    accountId: record.accountId,
    admin: record.admin,
    scopes: Object.freeze([...record.scopes]) as string[],
    rateLimitPerMinute: record.rateLimitPerMinute,
  });
}

/** A key cache for one API process (no module state: each app has its own). */
export function createKeyCache(opts: KeyCacheOptions): KeyCache {
  const now = opts.now ?? Date.now;
  const found = new Map<string, Found>();
  // Kept apart from `found`, so a flood of bad keys cannot push good keys out.
  const notFound = new Map<string, number>();
  const hashById = new Map<string, string>();
  const inflight = new Map<string, Promise<Principal | undefined>>();
  // Bumped by every invalidation: a lookup that began before it may have read the old row, so
  // its answer goes to the requests already waiting for it but is not kept.
  let generation = 0;
  let listening = false;
  let hits = 0;
  let loads = 0;

  const forget = (hash: string, entry: Found) => {
    if (hashById.get(entry.principal.keyId) === hash) hashById.delete(entry.principal.keyId);
  };

  const clear = () => {
    found.clear();
    notFound.clear();
    hashById.clear();
    inflight.clear();
    generation++;
  };

  const cached = (hash: string, t: number): { principal: Principal | undefined } | undefined => {
    const entry = found.get(hash);
    if (entry) {
      if (entry.until > t) {
        touch(found, hash, entry);
        return { principal: entry.principal };
      }
      found.delete(hash);
      forget(hash, entry);
    }
    const until = notFound.get(hash);
    if (until !== undefined) {
      if (until > t) return { principal: undefined };
      notFound.delete(hash);
    }
    return undefined;
  };

  /** Keeps a lookup's answer; returns what the requests that asked get. */
  const keep = (hash: string, record: ApiKeyRecord | undefined, fresh: boolean): Principal | undefined => {
    const t = now();
    const expiresAt = record?.expiresAt?.getTime() ?? Infinity;
    // The database compares with its own clock; ours decides too, so a key is never served past
    // its expiry by this process, whether from the cache or straight from the lookup.
    const principal = record && expiresAt > t ? principalOf(record) : undefined;
    if (!fresh || !listening || opts.ttlMs <= 0) return principal;
    if (principal) {
      const entry = { principal, until: Math.min(t + opts.ttlMs, expiresAt) };
      const previous = hashById.get(principal.keyId);
      if (previous !== undefined && previous !== hash) found.delete(previous);
      touch(found, hash, entry);
      hashById.set(principal.keyId, hash);
      evictOldest(found, opts.maxEntries, forget);
    } else {
      touch(notFound, hash, t + Math.min(opts.negativeTtlMs, opts.ttlMs));
      evictOldest(notFound, opts.maxEntries);
    }
    return principal;
  };

  return {
    get(hash) {
      if (listening) {
        const hit = cached(hash, now());
        if (hit) {
          hits++;
          return Promise.resolve(hit.principal);
        }
      }
      const pending = inflight.get(hash);
      if (pending !== undefined) return pending;
      loads++;
      const started = generation;
      const lookup: Promise<Principal | undefined> = opts
        .load(hash)
        .then((record) => keep(hash, record, started === generation))
        .finally(() => {
          if (inflight.get(hash) === lookup) inflight.delete(hash);
        });
      inflight.set(hash, lookup);
      return lookup;
    },
    invalidate(change) {
      if (change === '*') return clear();
      const hash = hashById.get(change);
      if (hash !== undefined) {
        found.delete(hash);
        hashById.delete(change);
      }
      // The changed key may be one being looked up right now (its id is not known until the row comes back).
      inflight.clear();
      generation++;
    },
    setListening(on) {
      // Either way what we hold may have missed changes: starting over is the only safe state.
      clear();
      listening = on;
    },
    get listening() {
      return listening;
    },
    stats: () => ({ hits, loads, size: found.size + notFound.size }),
  };
}
