import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAccount } from '../../../test/support/env.js';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { uniqueNumber } from './callbacks-fixtures.js';

interface View {
  number: string;
  accountId: string;
  gateway: string | null;
  createdAt: string;
}

describe('sender numbers (admin)', () => {
  let t: TestApp;
  let gw: string;
  const made: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    gw = await t.createGateway();
  });
  afterAll(async () => {
    for (const n of made) await t.request({ method: 'DELETE', url: `/v1/sender-numbers/${encodeURIComponent(n)}` });
    await t.close();
  });

  const assign = (payload: unknown, key?: string) =>
    t.request({ method: 'POST', url: '/v1/sender-numbers', payload: payload as Record<string, unknown>, ...(key ? { key } : {}) });
  const fresh = () => {
    const n = uniqueNumber();
    made.push(n);
    return n;
  };

  it('only admin keys may list, assign or remove', async () => {
    const number = fresh();
    for (const res of [
      await t.request({ method: 'GET', url: '/v1/sender-numbers', key: t.user.key }),
      await assign({ number, accountId: t.user.accountId }, t.user.key),
      await t.request({ method: 'GET', url: `/v1/sender-numbers/${encodeURIComponent(number)}`, key: t.user.key }),
      await t.request({ method: 'DELETE', url: `/v1/sender-numbers/${encodeURIComponent(number)}`, key: t.user.key }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(json(res).error?.code).toBe('forbidden');
    }
    expect((await t.request({ method: 'GET', url: '/v1/sender-numbers', key: null })).statusCode).toBe(401);
  });

  it('assigns a number (normalised to E.164) to an account, optionally for one gateway; a repeat by the owner is 200', async () => {
    const number = fresh();
    const created = await assign({ number: number.slice(1), accountId: t.user.accountId });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ number, accountId: t.user.accountId, gateway: null });
    const again = await assign({ number, accountId: t.user.accountId, gateway: gw });
    expect(again.statusCode).toBe(200);
    expect(json(again)).toMatchObject({ number, gateway: gw });
    const got = await t.request({ method: 'GET', url: `/v1/sender-numbers/${encodeURIComponent(number)}` });
    expect(json(got)).toMatchObject({ number, accountId: t.user.accountId, gateway: gw });
  });

  it('a number owned by another account is a 409, and stays with its owner', async () => {
    const number = fresh();
    expect((await assign({ number, accountId: t.user.accountId })).statusCode).toBe(201);
    const other = await testAccount(t.database, false);
    const res = await assign({ number, accountId: other.accountId });
    expect(res.statusCode).toBe(409);
    expect(json(res).error).toMatchObject({ code: 'number_owned' });
    expect(json(await t.request({ method: 'GET', url: `/v1/sender-numbers/${encodeURIComponent(number)}` }))).toMatchObject({
      accountId: t.user.accountId,
    });
  });

  it('refuses bad input with {error:{code,message}}', async () => {
    const cases: [unknown, number, string][] = [
      [{ number: 'not a number', accountId: t.user.accountId }, 400, 'invalid_request'],
      [{ accountId: t.user.accountId }, 400, 'invalid_request'],
      [{ number: fresh() }, 400, 'invalid_request'],
      [{ number: fresh(), accountId: t.user.accountId, extra: true }, 400, 'invalid_request'],
      [{ number: fresh(), accountId: t.user.accountId, gateway: 'Not A Name!' }, 400, 'invalid_request'],
      [{ number: fresh(), accountId: 'acct_nobody' }, 422, 'unknown_account'],
      [{ number: fresh(), accountId: t.user.accountId, gateway: 'gw-no-such-gateway' }, 422, 'unknown_gateway'],
      [['not', 'an', 'object'], 400, 'invalid_request'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await assign(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(json(res).error?.code).toBe(code);
      expect(typeof json(res).error?.message).toBe('string');
    }
    const bad = await t.request({ method: 'GET', url: '/v1/sender-numbers?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect((await t.request({ method: 'DELETE', url: '/v1/sender-numbers/nonsense' })).statusCode).toBe(400);
  });

  it('lists by account (paged by number) and removes', async () => {
    const account = await testAccount(t.database, false);
    const numbers = [fresh(), fresh(), fresh()].sort();
    for (const number of numbers) expect((await assign({ number, accountId: account.accountId })).statusCode).toBe(201);
    const page1 = json(await t.request({ method: 'GET', url: `/v1/sender-numbers?accountId=${account.accountId}&limit=2` }));
    expect((page1['data'] as View[]).map((v) => v.number)).toEqual(numbers.slice(0, 2));
    const cursor = encodeURIComponent(String(page1['nextCursor']));
    const page2 = json(
      await t.request({ method: 'GET', url: `/v1/sender-numbers?accountId=${account.accountId}&limit=2&cursor=${cursor}` }),
    );
    expect((page2['data'] as View[]).map((v) => v.number)).toEqual(numbers.slice(2));
    expect(page2['nextCursor']).toBeNull();

    const url = `/v1/sender-numbers/${encodeURIComponent(numbers[0] ?? '')}`;
    expect((await t.request({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
  });
});
