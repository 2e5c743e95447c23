import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getRoute } from '@smsgw/db';
import { json, uniqueGatewayName, useTestApp } from './helpers.js';

const t = useTestApp();

/**
 * A prefix no other test file's recipients start with: routing rules are global to the shared
 * test database, so a rule of ours must match our recipients only.
 */
function uniquePrefix(): string {
  return `+4479${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

const expectError = (res: { statusCode: number; body: string }, status: number | number[]) => {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, res.body).toContain(res.statusCode);
  const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, res.body).toBe('string');
  expect(typeof body.error?.message, res.body).toBe('string');
  return body.error;
};

describe('routing rules: admin only', () => {
  it('refuses a non-admin key on every verb, and changes nothing', async () => {
    const gw = await t.createGateway();
    const name = uniqueGatewayName();
    const created = await t.request({
      method: 'POST',
      url: '/v1/routes',
      payload: { name, targets: [{ gateway: gw }], match: { prefix: uniquePrefix() } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = t.user.key;

    const calls = [
      { method: 'GET' as const, url: '/v1/routes' },
      { method: 'POST' as const, url: '/v1/routes', payload: { name: uniqueGatewayName(), targets: [{ gateway: gw }] } },
      { method: 'PATCH' as const, url: `/v1/routes/${name}`, payload: { enabled: false } },
      { method: 'DELETE' as const, url: `/v1/routes/${name}` },
    ];
    for (const call of calls) {
      const res = await t.request({ ...call, key: user });
      expect(res.statusCode, `${call.method} ${call.url}: ${res.body}`).toBe(403);
      expectError(res, 403);
    }
    // The refused PATCH and DELETE did nothing, and the refused POST created nothing.
    expect(await getRoute(t.database.db, name)).toMatchObject({ enabled: true });
    expect(await getRoute(t.database.db, calls[1]?.payload?.name as string)).toBeUndefined();
  });
});

describe('routing rules: validation', () => {
  it('refuses bad bodies with 400/422 and an error code and message', async () => {
    const gw = await t.createGateway();
    const post = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/routes', payload });
    // Missing targets, empty targets, a bad prefix, a bad country, an unknown field, a bad name.
    expectError(await post({ name: uniqueGatewayName() }), [400, 422]);
    expectError(await post({ name: uniqueGatewayName(), targets: [] }), [400, 422]);
    expectError(await post({ name: uniqueGatewayName(), targets: [{ gateway: gw }], match: { prefix: '44x' } }), [400, 422]);
    expectError(await post({ name: uniqueGatewayName(), targets: [{ gateway: gw }], match: { country: 'GBR' } }), [400, 422]);
    expectError(await post({ name: uniqueGatewayName(), targets: [{ gateway: gw }], surprise: true }), [400, 422]);
    expectError(await post({ name: 'not a name!', targets: [{ gateway: gw }] }), [400, 422]);
    // A target naming no gateway.
    const ghost = uniqueGatewayName();
    const unknown = expectError(await post({ name: uniqueGatewayName(), targets: [{ gateway: ghost }] }), 422);
    expect(unknown?.code).toBe('unknown_gateway');
    expect(unknown?.message).toContain(ghost);

    const name = uniqueGatewayName();
    expect((await post({ name, targets: [{ gateway: gw }], match: { prefix: uniquePrefix() } })).statusCode).toBe(201);
    // The same name twice.
    expect(expectError(await post({ name, targets: [{ gateway: gw }] }), 409)?.code).toBe('route_exists');
    const patch = (payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/v1/routes/${name}`, payload });
    expectError(await patch({ targets: [] }), [400, 422]);
    expectError(await patch({ position: 'first' }), [400, 422]);
    expect(expectError(await patch({ targets: [{ gateway: ghost }] }), 422)?.code).toBe('unknown_gateway');
    // Nothing of the refused patches was stored.
    expect((await getRoute(t.database.db, name))?.targets).toEqual([{ gateway: gw, rank: 0, weight: 1 }]);
  });

  it('answers 404 for PATCH and DELETE of a rule that does not exist', async () => {
    const missing = uniqueGatewayName();
    expectError(await t.request({ method: 'PATCH', url: `/v1/routes/${missing}`, payload: { enabled: false } }), 404);
    expectError(await t.request({ method: 'DELETE', url: `/v1/routes/${missing}` }), 404);
  });
});

describe('routing rules take effect', () => {
  const send = async (to: string) => {
    const res = await t.request({ method: 'POST', url: '/v1/messages', payload: { to, content: 'routed' } });
    expect(res.statusCode, res.body).toBe(202);
    return json(res) as { gateway: string | null; route: string[] };
  };

  it('a PATCH changes where the next message goes, and a DELETE hands it to the next rule', async () => {
    const [gwA, gwB, gwC] = [await t.createGateway(), await t.createGateway(), await t.createGateway()];
    const prefix = uniquePrefix();
    const to = `${prefix}12`;
    const first = uniqueGatewayName();
    const fallback = uniqueGatewayName();
    const create = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/routes', payload });
    expect((await create({ name: fallback, position: 10, match: { prefix }, targets: [{ gateway: gwC }] })).statusCode).toBe(201);
    expect((await create({ name: first, position: 0, match: { prefix }, targets: [{ gateway: gwA }] })).statusCode).toBe(201);

    expect(await send(to)).toMatchObject({ gateway: gwA, route: [gwA] });

    const patched = await t.request({ method: 'PATCH', url: `/v1/routes/${first}`, payload: { targets: [{ gateway: gwB }] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await send(to)).toMatchObject({ gateway: gwB, route: [gwB] });

    const listed = await t.request({ method: 'GET', url: '/v1/routes' });
    const rule = (json(listed)['data'] as { name: string; targets: { gateway: string }[] }[]).find((r) => r.name === first);
    expect(rule?.targets.map((x) => x.gateway)).toEqual([gwB]);

    const removed = await t.request({ method: 'DELETE', url: `/v1/routes/${first}` });
    expect(removed.statusCode, removed.body).toBe(204);
    expect(await send(to)).toMatchObject({ gateway: gwC, route: [gwC] });
  });

  it('a PATCH that disables a rule takes it out of routing', async () => {
    const [gwA, gwB] = [await t.createGateway(), await t.createGateway()];
    const prefix = uniquePrefix();
    const to = `${prefix}34`;
    const name = uniqueGatewayName();
    const create = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/routes', payload });
    expect((await create({ name: uniqueGatewayName(), position: 10, match: { prefix }, targets: [{ gateway: gwB }] })).statusCode).toBe(
      201,
    );
    expect((await create({ name, position: 0, match: { prefix }, targets: [{ gateway: gwA }] })).statusCode).toBe(201);
    expect(await send(to)).toMatchObject({ gateway: gwA });
    expect((await t.request({ method: 'PATCH', url: `/v1/routes/${name}`, payload: { enabled: false } })).statusCode).toBe(200);
    expect(await send(to)).toMatchObject({ gateway: gwB, route: [gwB] });
  });
});
