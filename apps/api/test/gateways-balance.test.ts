import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { getGateway } from '@smsgw/db';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { createGatewayCache, refreshBalances } from '@smsgw/worker';
import { DEFAULT_LIMITS } from '@smsgw/gateways';
import { json, testEncryptionKey, useTestApp } from './helpers.js';

const t = useTestApp();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ startingBalance: 42 });
});
afterAll(async () => {
  await sandbox?.close();
});

const balanceOf = (name: string, key = t.admin.key) => t.request({ method: 'GET', url: `/v1/gateways/${name}/balance`, key });

describe('gateway balance', () => {
  it('GET /v1/gateways/:name/balance asks the provider now and stores the answer', async () => {
    const name = await t.createGateway({ settings: { baseUrl: sandbox.url } });
    const res = await balanceOf(name);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ gateway: name, balance: '42.0000', currency: 'EUR' });
    const row = await getGateway(t.database.db, name);
    expect(row?.creditRemaining).toBe('42.00000');
    expect(row?.creditCurrency).toBe('EUR');
    expect(row?.lastBalanceCheck).toBeInstanceOf(Date);
    const view = json(await t.request({ method: 'GET', url: `/v1/gateways/${name}`, key: t.admin.key }));
    expect(view['balance']).toEqual({ amount: '42.00000', currency: 'EUR' });
  });

  it('a provider that does not answer is a 502 naming the cause, and nothing is stored', async () => {
    const name = await t.createGateway({ settings: { baseUrl: 'http://127.0.0.1:9' } });
    const res = await balanceOf(name);
    expect(res.statusCode).toBe(502);
    expect(json(res).error?.code).toBe('balance_query_failed');
    expect((await getGateway(t.database.db, name))?.creditRemaining).toBeNull();
  });

  it('a preset without a balance query is a 422; unknown gateway 404; non-admin 403', async () => {
    const name = await t.createGateway({
      preset: 'smsglobal',
      credentials: { user: 'u', password: 'p' },
      settings: { baseUrl: sandbox.url },
    });
    expect(json(await balanceOf(name)).error?.code).toBe('balance_not_supported');
    expect((await balanceOf(name)).statusCode).toBe(422);
    expect((await balanceOf('gw-nope')).statusCode).toBe(404);
    expect((await balanceOf(name, t.user.key)).statusCode).toBe(403);
  });

  it('the workers refresh every gateway that has a balance query', async () => {
    const name = await t.createGateway({ settings: { baseUrl: sandbox.url } });
    const cache = createGatewayCache(t.database.db, Buffer.from(testEncryptionKey(), 'hex'));
    // Every gateway in the shared test database is asked: short timeouts keep others' dead URLs cheap.
    const limits = { ...DEFAULT_LIMITS, connectTimeoutMs: 500, totalTimeoutMs: 2000, allowPrivate: true };
    const refreshed = await refreshBalances(t.database.db, cache, limits, pino({ level: 'silent' }));
    expect(refreshed).toBeGreaterThanOrEqual(1);
    expect((await getGateway(t.database.db, name))?.creditRemaining).toBe('42.00000');
  });
});
