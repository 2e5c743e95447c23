import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createSandbox } from '../src/index.js';
import type { Sandbox } from '../src/index.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
}

describe('GET /api/balance', () => {
  it('reports the starting credit less 0.005 per accepted send', async () => {
    sandbox = await createSandbox({ startingBalance: 10, outcome: 'none' });
    expect(await getJson(`${sandbox.url}/api/balance`)).toEqual({ status: 200, body: { balance: '10.0000', currency: 'EUR' } });
    for (const to of ['447400123456', '12025550123']) {
      const res = await request(`${sandbox.url}/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to, text: 'hi' }),
      });
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    }
    expect((await getJson(`${sandbox.url}/api/balance`)).body['balance']).toBe('9.9900');
  });

  it('needs the bearer token when the sandbox has a key', async () => {
    sandbox = await createSandbox({ apiKey: 'k-123' });
    expect((await getJson(`${sandbox.url}/api/balance`)).status).toBe(401);
    expect((await getJson(`${sandbox.url}/api/balance`, { authorization: 'Bearer k-123' })).status).toBe(200);
  });
});
