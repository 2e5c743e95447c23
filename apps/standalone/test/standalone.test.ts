import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, redisUrl, uniquePrefix } from '../../../test/support/env.js';
import { apiClient } from '../../../test/support/api-client.js';
import { freePort } from '../../../test/support/fixtures.js';
import { startStandalone, type Standalone } from '../src/index.js';

/**
 * `npm start` in-process: embedded PGlite (no DATABASE_URL), the sandbox as the default gateway,
 * API and workers together. The banner prints real URLs, so ports are picked free beforehand
 * rather than 0.
 */
describe('standalone (npm start)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smsgw-standalone-'));
  const prefix = uniquePrefix();
  const apiKey = `sk_test_${prefix}`;
  const running: Standalone[] = [];
  afterAll(async () => {
    for (const s of running) await s.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<Standalone> => {
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const s = await startStandalone(
      {
        SMSGW_DATA_DIR: dataDir,
        PORT: String(port),
        SANDBOX_PORT: String(sandboxPort),
        REDIS_URL: redisUrl(),
        SMSGW_QUEUE_PREFIX: prefix,
        SMSGW_API_KEY: apiKey,
        SMSGW_SWEEP_EVERY_MS: '3600000',
      },
      pino({ level: 'silent' }),
    );
    running.push(s);
    return s;
  };

  const call = (s: Standalone, method: string, path: string, body?: unknown) => apiClient(s.apiUrl, s.apiKey)(method, path, body);

  const sendAndDeliver = async (s: Standalone, content: string): Promise<string> => {
    const sent = await call(s, 'POST', '/v1/messages', { to: '+447400123456', content });
    expect(sent.status).toBe(202);
    const id = String(sent.json['id']);
    await eventually(
      async () => ((await call(s, 'GET', `/v1/messages/${id}`)).json['status'] === 'delivered' ? true : undefined),
      10_000,
      'the message to be delivered',
    );
    return id;
  };

  it('starts on an embedded database and delivers a message over HTTP', async () => {
    const s = await start();
    expect(s.banner).toContain(s.apiUrl);
    expect(s.banner).toContain(s.sandboxUrl);
    expect(s.banner).toContain('embedded database');
    const id = await sendAndDeliver(s, 'Hello from the standalone test');
    const view = await call(s, 'GET', `/v1/messages/${id}`);
    expect(view.json['gateway']).toBe('sandbox');
    expect((view.json['events'] as { type: string }[]).map((e) => e.type)).toEqual(['accepted', 'sending', 'sent', 'report']);
    await s.close();
    running.splice(running.indexOf(s), 1);
    // PGlite's first start (WASM compile + initdb) alone takes ~18 s on a 2-core machine.
  }, 120_000);

  it('starts again on the same data folder: earlier messages kept, sending still works', async () => {
    const s = await start();
    const list = await call(s, 'GET', '/v1/messages?limit=10');
    expect(list.status).toBe(200);
    expect((list.json['data'] as unknown[]).length).toBe(1);
    await sendAndDeliver(s, 'Hello again');
  });
});
