import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { apiKeys, createApiKey, hashApiKey } from '@smsgw/db';
import { bootstrapAccess, DEFAULT_ACCOUNT_ID } from '../src/bootstrap.js';
import { revokeKey } from '../src/services/api-keys.js';
import { eventually } from '../../../test/support/env.js';
import { json, useTestApp } from './helpers.js';

const t = useTestApp();

const get = (url: string, authorization?: string) =>
  t.app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

describe('API keys', () => {
  it('401 without a key, with the error format', async () => {
    const res = await get('/v1/messages');
    expect(res.statusCode).toBe(401);
    expect(json(res).error).toEqual({ code: 'unauthorized', message: expect.any(String) });
  });

  it.each([
    ['an unknown key', () => `Bearer sk_${randomBytes(32).toString('base64url')}`],
    ['an empty bearer', () => 'Bearer '],
    ['the bare word Bearer', () => 'Bearer'],
    ['a key without the scheme', () => t.user.key],
    ['another scheme', () => `Token ${t.user.key}`],
    ['basic auth with the key as password', () => `Basic ${Buffer.from(`x:${t.user.key}`).toString('base64')}`],
    ['two tokens', () => `Bearer ${t.user.key} ${t.user.key}`],
    ['a key with a suffix', () => `Bearer ${t.user.key}x`],
  ])('401 with %s', async (_what, header) => {
    const res = await get('/v1/messages', header());
    expect(res.statusCode).toBe(401);
    expect(json(res).error?.code).toBe('unauthorized');
  });

  it('accepts a valid key, with any case of "Bearer"', async () => {
    expect((await get('/v1/messages', `Bearer ${t.user.key}`)).statusCode).toBe(200);
    expect((await get('/v1/messages', `bearer ${t.user.key}`)).statusCode).toBe(200);
  });

  it('401 for a revoked key and an expired key', async () => {
    const revoked = await createApiKey(t.database.db, { accountId: t.user.accountId });
    const expired = await createApiKey(t.database.db, { accountId: t.user.accountId });
    expect((await get('/v1/messages', `Bearer ${revoked.key}`)).statusCode).toBe(200);
    // Revoked the way the API does it (the row, then the news on Redis), since the key is cached now.
    await revokeKey({ db: t.database.db, queues: t.queues }, revoked.id, t.user.accountId);
    await t.database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expired.id));
    await eventually(
      async () => ((await get('/v1/messages', `Bearer ${revoked.key}`)).statusCode === 401 ? true : undefined),
      5_000,
      'the revoked key to be refused',
    );
    expect((await get('/v1/messages', `Bearer ${expired.key}`)).statusCode).toBe(401);
  });

  it('stores only a hash of the key', async () => {
    const [row] = await t.database.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(t.user.key)));
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(t.user.key);
  });

  it('answers 404 (not 401) for an unknown route', async () => {
    const res = await get('/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(json(res).error?.code).toBe('not_found');
  });
});

describe('admin routes', () => {
  const adminRoutes: Array<[string, string, Record<string, unknown>?]> = [
    ['GET', '/v1/gateways'],
    ['POST', '/v1/gateways', { name: 'gw-never', preset: 'sandbox' }],
    ['GET', '/v1/gateways/anything'],
    ['PATCH', '/v1/gateways/anything', { enabled: false }],
    ['DELETE', '/v1/gateways/anything'],
    // The preset catalog belongs with the gateways (scope gateways:read), which a key of an account's own never had.
    ['GET', '/v1/presets'],
  ];

  it.each(adminRoutes)('403 for a non-admin key: %s %s', async (method, url, payload) => {
    const res = await t.request({ method: method as 'GET', url, key: t.user.key, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(403);
    expect(json(res).error?.code).toBe('forbidden');
  });

  it.each(adminRoutes)('401 without a key: %s %s', async (method, url, payload) => {
    const res = await t.request({ method: method as 'GET', url, key: null, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(401);
  });

  it('lets an admin key through', async () => {
    expect((await t.request({ method: 'GET', url: '/v1/gateways' })).statusCode).toBe(200);
  });

  it('lets any key count segments and list its messages', async () => {
    for (const [method, url, payload] of [
      ['GET', '/v1/messages'],
      ['POST', '/v1/segments', { content: 'hi' }],
    ] as const) {
      const res = await t.request({ method, url, key: t.user.key, ...(payload ? { payload } : {}) });
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe('bootstrapAccess (SMSGW_API_KEY)', () => {
  it('registers the key as an admin key of the default account, idempotently', async () => {
    const key = `bootstrap-${randomBytes(16).toString('hex')}`;
    const logger = pino({ level: 'silent' });
    await bootstrapAccess(t.database.db, key, logger);
    await bootstrapAccess(t.database.db, key, logger);
    await Promise.all([bootstrapAccess(t.database.db, key, logger), bootstrapAccess(t.database.db, key, logger)]);
    const rows = await t.database.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.hash, hashApiKey(key)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ accountId: DEFAULT_ACCOUNT_ID, admin: true });
    const res = await t.request({ method: 'GET', url: '/v1/gateways', key });
    expect(res.statusCode).toBe(200);
  });

  it('does nothing without a key (or with an empty one)', async () => {
    const defaultKeys = async () => (await t.database.db.select().from(apiKeys).where(eq(apiKeys.accountId, DEFAULT_ACCOUNT_ID))).length;
    const before = await defaultKeys();
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    await bootstrapAccess(t.database.db, undefined, logger);
    await bootstrapAccess(t.database.db, '', logger);
    expect(await defaultKeys()).toBe(before);
    expect(logged).toEqual([]);
  });
});
