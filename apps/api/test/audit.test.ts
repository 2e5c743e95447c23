// The audit log: admin actions leave an entry (who, on what, what changed, never a secret),
// admins read it, and nobody can change or remove an entry, not even with SQL.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditLog } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';

const t = useTestApp();

interface Entry {
  id: string;
  at: string;
  actorKeyId: string | null;
  accountId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** The newest entries, of one action when given. */
async function entries(action?: string): Promise<Entry[]> {
  const res = await t.request({ method: 'GET', url: `/v1/admin/audit?limit=100${action ? `&action=${action}` : ''}` });
  expect(res.statusCode).toBe(200);
  return res.json<{ data: Entry[] }>().data;
}

const adminKeyId = async () => (await t.request({ method: 'GET', url: '/v1/keys' })).json<{ data: Array<{ id: string }> }>().data[0]?.id;

describe('audit log', () => {
  it('records account and key actions, with the acting key, and no secret', async () => {
    const account = json(await t.request({ method: 'POST', url: '/v1/admin/accounts', payload: { name: 'audited' } }));
    const id = account['id'] as string;
    const made = json(
      await t.request({ method: 'POST', url: `/v1/admin/accounts/${id}/keys`, payload: { name: 'a', scopes: ['account:admin'] } }),
    );
    const key = made['key'] as string;
    const keyId = made['id'] as string;
    const rotated = json(await t.request({ method: 'POST', url: `/v1/keys/${keyId}/rotate`, key }));
    await t.request({ method: 'DELETE', url: `/v1/keys/${rotated['id'] as string}`, key: rotated['key'] as string });
    await t.request({ method: 'POST', url: `/v1/admin/accounts/${id}/disable` });
    await t.request({ method: 'POST', url: `/v1/admin/accounts/${id}/enable` });

    const mine = (await entries()).filter((e) => e.accountId === id).reverse();
    expect(mine.map((e) => e.action)).toEqual([
      'account.created',
      'key.created',
      'key.rotated',
      'key.revoked',
      'account.disabled',
      'account.enabled',
    ]);
    const actor = await adminKeyId();
    expect(mine[0]).toMatchObject({ actorKeyId: actor, target: id, details: { name: 'audited' } });
    expect(mine[1]).toMatchObject({ actorKeyId: actor, target: keyId, details: { scopes: ['account:admin'], prefix: made['prefix'] } });
    // The rotation and the revocation were done by the account's own keys.
    expect(mine[2]).toMatchObject({ actorKeyId: keyId, target: keyId, details: { newKeyId: rotated['id'] } });
    expect(mine[3]).toMatchObject({ actorKeyId: rotated['id'], target: rotated['id'] });
    const everything = JSON.stringify(await t.database.db.select().from(auditLog));
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(rotated['key'] as string);
  });

  it('records gateway changes (fields, never credentials) and billing runs', async () => {
    const name = await t.createGateway({ credentials: { token: 'very-secret-token' } });
    await t.request({
      method: 'PATCH',
      url: `/v1/gateways/${name}`,
      payload: { enabled: false, credentials: { token: 'another-secret' } },
    });
    await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` });
    const gateway = (await entries()).filter((e) => e.target === name).reverse();
    expect(gateway.map((e) => e.action)).toEqual(['gateway.created', 'gateway.updated', 'gateway.deleted']);
    expect(gateway[1]?.details).toEqual({ fields: ['credentials', 'enabled'] });
    expect(JSON.stringify(gateway)).not.toMatch(/secret/);

    const run = await t.request({ method: 'POST', url: '/v1/billing/runs', key: t.user.key, payload: { until: new Date().toISOString() } });
    expect(run.statusCode, run.body).toBe(201);
    const [billing] = await entries('billing.run');
    expect(billing).toMatchObject({ action: 'billing.run', target: json(run)['id'], accountId: t.user.accountId });
  });

  it('is for admins only, and pages newest first', async () => {
    expect((await t.request({ method: 'GET', url: '/v1/admin/audit', key: t.user.key })).statusCode).toBe(403);
    const first = (await t.request({ method: 'GET', url: '/v1/admin/audit?limit=2' })).json<{ data: Entry[]; nextCursor: string }>();
    expect(first.data).toHaveLength(2);
    const [a, b] = first.data;
    expect(a && b && a.id > b.id).toBe(true);
    const next = (await t.request({ method: 'GET', url: `/v1/admin/audit?limit=2&cursor=${first.nextCursor}` })).json<{ data: Entry[] }>();
    expect(next.data[0] && b && next.data[0].id < b.id).toBe(true);
  });

  it('cannot be changed or emptied, even with SQL', async () => {
    const [entry] = await entries();
    expect(entry).toBeDefined();
    const db = t.database.db;
    // Drizzle wraps the server's error; the trigger's message is its cause's.
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => 'allowed',
        (err: Error) => String((err.cause as Error | undefined)?.message ?? err.message),
      );
    expect(await refusal(db.execute(sql`UPDATE audit_log SET action = 'nothing.happened' WHERE id = ${entry?.id}`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`DELETE FROM audit_log WHERE id = ${entry?.id}`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`TRUNCATE audit_log`))).toMatch(/append-only/);
    const [still] = await entries();
    expect(still).toEqual(entry);
  });
});
