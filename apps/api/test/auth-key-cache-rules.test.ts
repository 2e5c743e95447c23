// The key cache's rules on a clock the test moves: TTLs, expiry, bounds, sharing, invalidation.
// The lookup here is a counting stand-in for the database; auth-key-cache.test.ts runs the same
// cache inside real apps on PostgreSQL and Redis.
import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '@smsgw/db';
import { createKeyCache, type KeyCacheOptions } from '../src/services/key-cache.js';

const TTL = 30_000;
const NOT_FOUND_TTL = 2_000;

/** A lookup whose rows the test edits, counting calls, and answering when the test says (`hold`). */
function fixture(over: Partial<KeyCacheOptions> = {}) {
  let t = 1_000_000;
  const rows = new Map<string, ApiKeyRecord>();
  const calls: string[] = [];
  let gate: Promise<void> | undefined;
  const cache = createKeyCache({
    async load(hash) {
      calls.push(hash);
      // Read first, answer later: like a query that saw the row before a revocation committed.
      const row = rows.get(hash);
      if (gate !== undefined) await gate;
      return row;
    },
    ttlMs: TTL,
    negativeTtlMs: NOT_FOUND_TTL,
    maxEntries: 100,
    now: () => t,
    ...over,
  });
  cache.setListening(true);
  return {
    cache,
    rows,
    calls,
    advance: (ms: number) => {
      t += ms;
    },
    now: () => t,
    /** Lookups wait until the returned function is called. */
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
    key(hash: string, over: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
      const row = {
        keyId: `key_${hash}`,
        accountId: 'acct_1',
        admin: false,
        scopes: [],
        rateLimitPerMinute: null,
        expiresAt: null,
        ...over,
      };
      rows.set(hash, row);
      return row;
    },
  };
}

describe('key cache', () => {
  it('looks a key up once within the TTL, again after it', async () => {
    const f = fixture();
    f.key('h1');
    for (let i = 0; i < 5; i++) expect(await f.cache.get('h1')).toMatchObject({ keyId: 'key_h1' });
    expect(f.calls).toEqual(['h1']);
    f.advance(TTL - 1);
    await f.cache.get('h1');
    expect(f.calls).toHaveLength(1);
    f.advance(1);
    await f.cache.get('h1');
    expect(f.calls).toHaveLength(2);
  });

  it('remembers an unknown key only briefly', async () => {
    const f = fixture();
    expect(await f.cache.get('nope')).toBeUndefined();
    expect(await f.cache.get('nope')).toBeUndefined();
    expect(f.calls).toHaveLength(1);
    f.key('nope');
    f.advance(NOT_FOUND_TTL);
    expect(await f.cache.get('nope')).toMatchObject({ keyId: 'key_nope' });
    expect(f.calls).toHaveLength(2);
  });

  it('never serves a key at or after its expiry, however long the TTL', async () => {
    const f = fixture();
    f.key('h1', { expiresAt: new Date(f.now() + 5_000) });
    expect(await f.cache.get('h1')).toBeDefined();
    f.advance(4_999);
    expect(await f.cache.get('h1')).toBeDefined();
    expect(f.calls).toHaveLength(1);
    f.advance(1);
    // The stand-in still returns the row (as a database on a slower clock might): refused anyway.
    expect(await f.cache.get('h1')).toBeUndefined();
    expect(f.calls).toHaveLength(2);
  });

  it('shares one lookup among concurrent misses for the same key', async () => {
    const f = fixture();
    f.key('h1');
    const release = f.hold();
    const all = Promise.all(Array.from({ length: 20 }, () => f.cache.get('h1')));
    release();
    const got = await all;
    expect(got.every((p) => p?.keyId === 'key_h1')).toBe(true);
    expect(f.calls).toEqual(['h1']);
  });

  it('drops a key on its invalidation, and everything on "*"', async () => {
    const f = fixture();
    f.key('h1');
    f.key('h2');
    await f.cache.get('h1');
    await f.cache.get('h2');
    f.rows.delete('h1');
    f.cache.invalidate('key_h1');
    expect(await f.cache.get('h1')).toBeUndefined();
    expect(await f.cache.get('h2')).toBeDefined();
    expect(f.calls).toEqual(['h1', 'h2', 'h1']);
    f.rows.delete('h2');
    f.cache.invalidate('*');
    expect(await f.cache.get('h2')).toBeUndefined();
  });

  it('does not keep the answer of a lookup that was running when an invalidation came', async () => {
    const f = fixture();
    f.key('h1');
    const release = f.hold();
    const before = f.cache.get('h1');
    f.rows.delete('h1');
    f.cache.invalidate('key_h1');
    // A request after the invalidation does not join the old lookup.
    const after = f.cache.get('h1');
    release();
    expect(await before).toBeDefined();
    expect(await after).toBeUndefined();
    expect(await f.cache.get('h1')).toBeUndefined();
  });

  it('caches nothing while not listening, and starts empty when listening again', async () => {
    const f = fixture();
    f.key('h1');
    await f.cache.get('h1');
    f.cache.setListening(false);
    await f.cache.get('h1');
    await f.cache.get('h1');
    expect(f.calls).toHaveLength(3);
    f.cache.setListening(true);
    await f.cache.get('h1');
    await f.cache.get('h1');
    expect(f.calls).toHaveLength(4);
  });

  it('keeps at most maxEntries found keys, dropping the least recently used', async () => {
    const f = fixture({ maxEntries: 2 });
    for (const h of ['a', 'b', 'c']) f.key(h);
    await f.cache.get('a');
    await f.cache.get('b');
    await f.cache.get('a');
    await f.cache.get('c');
    expect(f.cache.stats().size).toBe(2);
    await f.cache.get('a');
    expect(f.calls).toEqual(['a', 'b', 'c']);
    await f.cache.get('b');
    expect(f.calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('lets no flood of unknown keys push a found key out', async () => {
    const f = fixture({ maxEntries: 3 });
    f.key('good');
    await f.cache.get('good');
    for (let i = 0; i < 50; i++) await f.cache.get(`bad${i}`);
    await f.cache.get('good');
    expect(f.calls.filter((h) => h === 'good')).toHaveLength(1);
    expect(f.cache.stats().size).toBe(4);
  });

  it('with a TTL of 0, caches nothing but still shares concurrent lookups', async () => {
    const f = fixture({ ttlMs: 0 });
    f.key('h1');
    await f.cache.get('h1');
    await f.cache.get('nope');
    await f.cache.get('h1');
    await f.cache.get('nope');
    expect(f.calls).toHaveLength(4);
    const release = f.hold();
    const both = Promise.all([f.cache.get('h1'), f.cache.get('h1')]);
    release();
    await both;
    expect(f.calls).toHaveLength(5);
  });

  it('hands out principals that a handler cannot change for other requests', async () => {
    const f = fixture();
    f.key('h1', { scopes: ['messages:send'] });
    const p = await f.cache.get('h1');
    expect(() => {
      if (p) p.scopes.push('admin');
    }).toThrow();
    expect(p).not.toHaveProperty('expiresAt');
  });

  it('lets the lookup fail for every waiting caller, and caches nothing of it', async () => {
    let fail = true;
    const cache = createKeyCache({
      load: async () => {
        if (fail) throw new Error('database down');
        return undefined;
      },
      ttlMs: TTL,
      negativeTtlMs: NOT_FOUND_TTL,
      maxEntries: 10,
    });
    cache.setListening(true);
    await expect(Promise.all([cache.get('h'), cache.get('h')])).rejects.toThrow('database down');
    fail = false;
    await expect(cache.get('h')).resolves.toBeUndefined();
  });
});
