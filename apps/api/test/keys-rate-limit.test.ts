// Requests per minute per key, counted in Redis: 429 with Retry-After and RateLimit-* over the
// limit; a key without a limit never touches Redis; keyless routes are never limited.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiKeys, createApiKey } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';

// The process default (for keys whose own limit is null): 3 a minute.
const t = useTestApp({ SMSGW_KEY_RATE_LIMIT_PER_MINUTE: '3' });

const get = (key: string | null, url = '/v1/messages') => t.request({ method: 'GET', url, key });

async function keyWithLimit(rateLimitPerMinute: number | null): Promise<{ id: string; key: string }> {
  const made = await createApiKey(t.database.db, { accountId: t.user.accountId });
  await t.database.db.update(apiKeys).set({ rateLimitPerMinute }).where(eq(apiKeys.id, made.id));
  return made;
}

/** The Redis counter of a key, as the plugin names it. */
const counter = (keyId: string) => t.queues.connection.exists(`${t.queues.prefix}:rate-limit:${keyId}`);

describe('rate limit per key', () => {
  it('answers 429 rate_limited with Retry-After and RateLimit-* past the key’s limit', async () => {
    const { key } = await keyWithLimit(2);
    const first = await get(key);
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect((await get(key)).statusCode).toBe(200);
    const over = await get(key);
    expect(over.statusCode).toBe(429);
    expect(json(over).error).toEqual({ code: 'rate_limited', message: expect.stringContaining('2 requests per minute') });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.headers['ratelimit-limit']).toBe('2');
    expect(over.headers['ratelimit-remaining']).toBe('0');
    // The count is the key's across routes, and another key has its own.
    expect((await get(key, '/v1/batches')).statusCode).toBe(429);
    expect((await get(t.admin.key)).statusCode).toBe(200);
  });

  it('a key with no limit of its own gets the process default', async () => {
    const { key } = await keyWithLimit(null);
    for (let i = 0; i < 3; i++) expect((await get(key)).statusCode).toBe(200);
    expect((await get(key)).statusCode).toBe(429);
  });

  it('a key without a limit (0) costs no Redis round trip and gets no headers', async () => {
    const { id, key } = await keyWithLimit(0);
    for (let i = 0; i < 6; i++) {
      const res = await get(key);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    expect(await counter(id)).toBe(0);
    // While a limited key does have a counter: the check above can fail.
    const limited = await keyWithLimit(5);
    await get(limited.key);
    expect(await counter(limited.id)).toBe(1);
  });

  it('never limits health checks or provider callbacks', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await get(null, '/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    for (let i = 0; i < 6; i++) {
      const res = await t.request({ method: 'POST', url: '/callbacks/nope/nope/status', key: null, payload: 'x=1' });
      expect(res.statusCode).not.toBe(429);
    }
  });

  it('refuses a wrong key with 401 before counting anything', async () => {
    const res = await get('sk_not-a-key');
    expect(res.statusCode).toBe(401);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});
