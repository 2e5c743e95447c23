// Accounts and keys through the API: made by an admin, used, rotated, revoked, expired; an
// account disabled and enabled; scopes only handed on by a key that holds them; last use written.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiKeys, createApiKey } from '@smsgw/db';
import { eventually } from '../../../test/support/env.js';
import { buildTestApp, json, useTestApp } from './helpers.js';

// Last use written every 50 ms here, so a test sees it quickly.
const t = useTestApp({ SMSGW_KEY_USAGE_FLUSH_MS: '50' });

interface Key {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
  admin: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  rateLimitPerMinute: number | null;
}

const status = async (key: string, url = '/v1/messages') => (await t.request({ method: 'GET', url, key })).statusCode;

async function newAccount(name = 'acme'): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/v1/admin/accounts', payload: { name } });
  expect(res.statusCode).toBe(201);
  const body = json(res);
  expect(body).toMatchObject({ name, disabled: false, disabledAt: null, webhookUrl: null });
  return body['id'] as string;
}

async function newKey(accountId: string, payload: Record<string, unknown>): Promise<Key> {
  const res = await t.request({ method: 'POST', url: `/v1/admin/accounts/${accountId}/keys`, payload: { name: 'k', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Key>();
}

describe('accounts (admin)', () => {
  it('makes, lists and reads accounts; 404 for an unknown one', async () => {
    const id = await newAccount('listed');
    const got = await t.request({ method: 'GET', url: `/v1/admin/accounts/${id}` });
    expect(json(got)).toMatchObject({ id, name: 'listed', disabled: false });
    // Paged in id order: walk until it shows up.
    let cursor: string | null = null;
    let seen = false;
    do {
      const res = await t.request({ method: 'GET', url: `/v1/admin/accounts?limit=50${cursor ? `&cursor=${cursor}` : ''}` });
      const page = res.json<{ data: Array<{ id: string }>; nextCursor: string | null }>();
      seen ||= page.data.some((a) => a.id === id);
      cursor = page.nextCursor;
    } while (cursor && !seen);
    expect(seen).toBe(true);
    expect((await t.request({ method: 'GET', url: '/v1/admin/accounts/acct_nope' })).statusCode).toBe(404);
    expect(
      (await t.request({ method: 'POST', url: '/v1/admin/accounts/acct_nope/keys', payload: { name: 'k', scopes: ['billing'] } }))
        .statusCode,
    ).toBe(404);
  });

  it('a disabled account’s keys are refused at once, and work again when enabled', async () => {
    const id = await newAccount();
    const k = await newKey(id, { scopes: ['messages:read'] });
    expect(await status(k.key)).toBe(200);
    const off = await t.request({ method: 'POST', url: `/v1/admin/accounts/${id}/disable` });
    expect(json(off)).toMatchObject({ id, disabled: true, disabledAt: expect.any(String) });
    // At once: the cache of this process was told before the answer came back.
    expect(await status(k.key)).toBe(401);
    const on = await t.request({ method: 'POST', url: `/v1/admin/accounts/${id}/enable` });
    expect(json(on)).toMatchObject({ disabled: false, disabledAt: null });
    expect(await status(k.key)).toBe(200);
  });

  it('an admin cannot disable its own account (409)', async () => {
    const res = await t.request({ method: 'POST', url: `/v1/admin/accounts/${t.admin.accountId}/disable` });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('own_account');
  });
});

describe('keys', () => {
  it('create → use → rotate (old refused) → rotate with overlap → revoke', async () => {
    const id = await newAccount();
    const first = await newKey(id, { name: 'ops', scopes: ['account:admin', 'messages:read'] });
    expect(first).toMatchObject({
      name: 'ops',
      scopes: ['account:admin', 'messages:read'],
      admin: false,
      revokedAt: null,
      expiresAt: null,
    });
    expect(first.key).toMatch(/^sk_/);
    expect(first.key.startsWith(first.prefix)).toBe(true);
    expect(await status(first.key)).toBe(200);

    const rotated = await t.request({ method: 'POST', url: `/v1/keys/${first.id}/rotate`, key: first.key });
    expect(rotated.statusCode, rotated.body).toBe(201);
    const second = rotated.json<Key>();
    expect(second).toMatchObject({ name: 'ops', scopes: first.scopes });
    expect(second.key).not.toBe(first.key);
    expect(await status(first.key)).toBe(401);
    expect(await status(second.key)).toBe(200);
    // A revoked key cannot be rotated back to life.
    const again = await t.request({ method: 'POST', url: `/v1/keys/${first.id}/rotate`, key: second.key });
    expect(json(again).error?.code).toBe('key_inactive');

    const overlapUntil = new Date(Date.now() + 3_600_000).toISOString();
    const third = (
      await t.request({ method: 'POST', url: `/v1/keys/${second.id}/rotate`, key: second.key, payload: { expiresOldAt: overlapUntil } })
    ).json<Key>();
    // Both work during the overlap; the old one says when it ends.
    expect(await status(second.key)).toBe(200);
    expect(await status(third.key)).toBe(200);
    const listed = (await t.request({ method: 'GET', url: '/v1/keys', key: third.key })).json<{ data: Key[] }>().data;
    expect(listed.find((k) => k.id === second.id)?.expiresAt).toBe(overlapUntil);

    expect((await t.request({ method: 'DELETE', url: `/v1/keys/${third.id}`, key: third.key })).statusCode).toBe(204);
    expect(await status(third.key)).toBe(401);
    // Idempotent, and scoped to the account: another account's key is not found.
    expect((await t.request({ method: 'DELETE', url: `/v1/keys/${third.id}`, key: second.key })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/v1/keys/${third.id}`, key: t.user.key })).statusCode).toBe(404);
  });

  it('lists keys by prefix only: the secret is never shown again', async () => {
    const id = await newAccount();
    const k = await newKey(id, { scopes: ['account:admin'] });
    const res = await t.request({ method: 'GET', url: '/v1/keys', key: k.key });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(k.key);
    expect(res.body).not.toContain('hash');
    const [listed] = res.json<{ data: Array<Record<string, unknown>> }>().data;
    expect(listed).toMatchObject({ id: k.id, prefix: k.prefix });
    expect(listed).not.toHaveProperty('key');
    const admin = await t.request({ method: 'GET', url: `/v1/admin/accounts/${id}/keys` });
    expect(admin.body).not.toContain(k.key);
  });

  it('an expired key is refused from its expiry on', async () => {
    const id = await newAccount();
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const k = await newKey(id, { scopes: ['messages:read'], expiresAt });
    expect(await status(k.key)).toBe(200);
    await eventually(async () => ((await status(k.key)) === 401 ? true : undefined), 10_000, 'the key to expire');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    const past = await t.request({
      method: 'POST',
      url: `/v1/admin/accounts/${id}/keys`,
      payload: { name: 'k', scopes: ['billing'], expiresAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(json(past).error?.code).toBe('invalid_expiry');
  });

  it('a key hands on only scopes it holds, and no looser rate limit', async () => {
    const id = await newAccount();
    const k = await newKey(id, { scopes: ['account:admin', 'messages:read'], rateLimitPerMinute: 100 });
    const make = (payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url: '/v1/keys', key: k.key, payload: { name: 'n', ...payload } });
    for (const scopes of [['gateways:admin'], ['admin'], ['messages:write']]) {
      const res = await make({ scopes });
      expect(res.statusCode, scopes[0]).toBe(403);
      expect(json(res).error?.message).toContain(`"${scopes[0]}"`);
    }
    expect((await make({ scopes: ['messages:read'], rateLimitPerMinute: 0 })).statusCode).toBe(403);
    expect((await make({ scopes: ['messages:read'], rateLimitPerMinute: 500 })).statusCode).toBe(403);
    const ok = await make({ scopes: ['messages:read'] });
    expect(ok.statusCode).toBe(201);
    // Given nothing, it inherits its maker's limit (the server default here is none).
    expect(ok.json<Key>()).toMatchObject({ scopes: ['messages:read'], rateLimitPerMinute: 100, admin: false });
    // New keys name their scopes.
    expect((await make({ scopes: [] })).statusCode).toBe(400);
    // And a key that is not an account admin manages no keys.
    const reader = ok.json<Key>();
    expect((await t.request({ method: 'GET', url: '/v1/keys', key: reader.key })).statusCode).toBe(403);
  });

  it('an admin makes admin keys; an account admin cannot rotate or revoke a key stronger than itself', async () => {
    const id = await newAccount();
    const admin = await newKey(id, { scopes: ['admin'] });
    expect(admin).toMatchObject({ admin: true, scopes: ['admin'] });
    expect(await status(admin.key, '/v1/gateways')).toBe(200);
    const accountAdmin = await newKey(id, { scopes: ['account:admin'] });
    const rotate = await t.request({ method: 'POST', url: `/v1/keys/${admin.id}/rotate`, key: accountAdmin.key });
    expect(rotate.statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/v1/keys/${admin.id}`, key: accountAdmin.key })).statusCode).toBe(403);
    expect(await status(admin.key, '/v1/gateways')).toBe(200);
    // An admin revokes any account's key.
    expect((await t.request({ method: 'DELETE', url: `/v1/admin/keys/${admin.id}` })).statusCode).toBe(204);
    expect(await status(admin.key)).toBe(401);
  });
});

describe('last use', () => {
  it('is written in batches, not per request', async () => {
    const { id, key } = await createApiKey(t.database.db, { accountId: t.user.accountId });
    const lastUsed = async () =>
      (await t.database.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)))[0]?.at ?? undefined;
    expect(await lastUsed()).toBeUndefined();
    const before = Date.now();
    await Promise.all(Array.from({ length: 5 }, () => status(key)));
    const at = await eventually(lastUsed, 5_000, 'last_used_at');
    expect(at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const listed = (await t.request({ method: 'GET', url: '/v1/keys', key })).json<{ data: Key[] }>().data;
    expect(listed.find((k) => k.id === id)?.lastUsedAt).not.toBeNull();
  });

  it('is flushed when the app closes', async () => {
    // An interval that never comes during the test: only the close can write it.
    const other = await buildTestApp({ SMSGW_KEY_USAGE_FLUSH_MS: '600000' });
    const { id, key } = await createApiKey(other.database.db, { accountId: other.user.accountId });
    let closed = false;
    try {
      expect((await other.request({ method: 'GET', url: '/v1/messages', key })).statusCode).toBe(200);
      const [row] = await t.database.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id));
      expect(row?.at).toBeNull();
      await other.close();
      closed = true;
      const [after] = await t.database.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id));
      expect(after?.at).toBeInstanceOf(Date);
    } finally {
      if (!closed) await other.close();
    }
  });
});
