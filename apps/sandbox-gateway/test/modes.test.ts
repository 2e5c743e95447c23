import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import type { Sandbox, SandboxOptions } from '../src/index.js';
import { createClient, errorCode } from './helpers.js';

const client = createClient();
const open: Sandbox[] = [];
const start = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const sbx = await createSandbox({ dlrDelayMs: 0, ...options });
  open.push(sbx);
  return sbx;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => client.close());

const fields = { to: '447700900100', text: 'hi' };

describe('modes', () => {
  it.each([
    ['http500', 500, 'internal_error'],
    ['http503', 503, 'unavailable'],
    ['http401', 401, 'auth_failed'],
    ['reject', 400, 'invalid_number'],
  ] as const)('%s answers %i %s', async (mode, status, code) => {
    const sbx = await start({ mode });
    const res = await client.send(sbx.url, fields);
    expect(res.status).toBe(status);
    expect(errorCode(res.json)).toBe(code);
    expect(sbx.requests()).toMatchObject([{ status, outcome: 'answered', errorCode: code, id: null }]);
  });

  it('http429 answers with Retry-After', async () => {
    const sbx = await start({ mode: 'http429', retryAfterSeconds: 7 });
    const res = await client.send(sbx.url, fields);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(errorCode(res.json)).toBe('throttled');
  });

  it('hang never answers; the client times out and close() still ends promptly', async () => {
    const sbx = await start({ mode: 'hang' });
    await expect(client.send(sbx.url, fields, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(sbx.requests()).toMatchObject([{ status: null, outcome: 'hang' }]);

    // A second hanging request still open while closing: close() must cut it.
    const pending = client.send(sbx.url, fields, { timeoutMs: 60_000 });
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await waitUntil(() => sbx.requests().length === 2);
    const t0 = performance.now();
    await sbx.close();
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(await settled).toBe('failed');
  });

  it('reset destroys the connection after reading the request', async () => {
    const sbx = await start({ mode: 'reset' });
    await expect(client.send(sbx.url, fields)).rejects.toThrow();
    expect(sbx.requests()).toMatchObject([{ status: null, outcome: 'reset', params: fields }]);
  });

  it('slow answers normally after slowMs', async () => {
    const sbx = await start({ mode: 'slow', slowMs: 250 });
    const t0 = performance.now();
    const res = await client.send(sbx.url, fields);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(240);
    expect(res).toMatchObject({ status: 200, json: { status: 'accepted' } });
  });

  it('latencyMs delays every answer', async () => {
    const sbx = await start({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await client.send(sbx.url, fields)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('failFirst gives the first N sends per recipient a 503, then accepts', async () => {
    const sbx = await start({ failFirst: 2 });
    const a = '447700900101';
    const b = '447700900102';
    const statuses = [];
    for (const to of [a, a, b, a, b, b]) statuses.push((await client.send(sbx.url, { to, text: 'hi' })).status);
    expect(statuses).toEqual([503, 503, 503, 200, 503, 200]);

    // Changing the behaviour restarts the count.
    sbx.setBehaviour({ failFirst: 1 });
    expect((await client.send(sbx.url, { to: a, text: 'hi' })).status).toBe(503);
    expect((await client.send(sbx.url, { to: a, text: 'hi' })).status).toBe(200);
  });

  it('failureRate answers 500 when the injected random falls below it', async () => {
    const draws = [0.1, 0.9, 0.29, 0.3];
    const sbx = await start({ failureRate: 0.3, random: () => draws.shift() ?? 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.send(sbx.url, fields)).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('rejects invalid start options', async () => {
    await expect(createSandbox({ failureRate: 3 })).rejects.toThrow(/failureRate/);
  });
});

/** Polls a condition with a deadline (for state with no event to wait on). */
async function waitUntil(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
