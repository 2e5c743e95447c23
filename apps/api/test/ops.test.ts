import { beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { inject } from 'vitest';
import { JOBS } from '@smsgw/core';
import { createQueues, gatewayNotifier, redisConnection } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { testDatabase, uniquePrefix } from '../../../test/support/env.js';
import { json, useTestApp } from './helpers.js';

const t = useTestApp();
let gw: string;

beforeAll(async () => {
  gw = await t.createGateway();
});

const open = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` });

describe('health', () => {
  it('/healthz answers without a key', async () => {
    const res = await open('/healthz');
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok' });
  });

  it('/readyz checks PostgreSQL, its migrations, and Redis', async () => {
    const res = await open('/readyz');
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', migrations: 'ok' } });
  });

  it('/readyz answers 503 promptly when Redis is down, rather than hanging', async () => {
    const database = await testDatabase();
    const connection = redisConnection('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => 50 });
    connection.on('error', () => undefined);
    const queues = createQueues({ connection, prefix: uniquePrefix() });
    const config = loadApiConfig({ DATABASE_URL: inject('databaseUrl'), SMSGW_QUEUE_PREFIX: queues.prefix });
    const app = await buildApp({
      db: database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(connection, queues.prefix),
    });
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(json(res)).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'down', migrations: 'ok' } });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
      connection.disconnect();
      await database.close();
    }
  });
});

describe('docs', () => {
  it('/openapi.json describes the public API, without a key', async () => {
    const res = await open('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = json(res) as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/v1/messages',
      '/v1/messages/{id}',
      '/v1/messages/{id}/cancel',
      '/v1/segments',
      '/v1/gateways',
      '/v1/gateways/{name}',
      '/v1/presets',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin/queues'))).toBe(false);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });

  it('/docs serves the UI without a key', async () => {
    let res = await open('/docs');
    if (res.statusCode >= 300 && res.statusCode < 400) res = await open(String(res.headers.location));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body.toLowerCase()).toContain('swagger');
  });
});

describe('/metrics', () => {
  it('exposes HTTP responses and queue depths', async () => {
    const sent = await t.request({ method: 'POST', url: '/v1/messages', payload: { to: '+447400123456', content: 'x', gateway: gw } });
    expect(sent.statusCode).toBe(202);
    const res = await open('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toContain('smsgw_http_responses_total{route="/v1/messages",status="202"}');
    expect(res.body).toMatch(new RegExp(`smsgw_queue_jobs\\{queue="send\\.${gw}",state="wait"\\} [1-9]`));
    expect(res.body).toContain('process_cpu_seconds_total');
  });
});

describe('/admin/queues (Bull Board)', () => {
  it('asks for basic auth without credentials', async () => {
    const res = await open('/admin/queues');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic /);
    expect(json(res).error?.code).toBe('unauthorized');
  });

  it.each([
    ['a non-admin key', () => basic(t.user.key)],
    ['a wrong password', () => basic('sk_nope')],
    ['a Bearer header', () => ({ authorization: `Bearer ${t.admin.key}` })],
    ['garbage', () => ({ authorization: 'Basic %%%' })],
  ])('401 with %s', async (_what, headers) => {
    expect((await open('/admin/queues', headers())).statusCode).toBe(401);
  });

  it('401 on the board API and assets too, not only the page', async () => {
    expect((await open('/admin/queues/api/queues')).statusCode).toBe(401);
  });

  it('serves the board with an admin key as the password, listing gateway queues', async () => {
    const page = await open('/admin/queues', basic(t.admin.key));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await open('/admin/queues/api/queues', basic(t.admin.key));
    expect(api.statusCode).toBe(200);
    const names = (json(api)['queues'] as Array<{ name: string }>).map((q) => q.name);
    expect(names).toContain(`send.${gw}`);
    // Every fixed queue of the job catalog, once.
    const fixed = [...new Set(Object.values(JOBS).flatMap((j) => (j.perGateway ? [] : [j.queue])))];
    expect(fixed).toEqual(expect.arrayContaining(['webhooks', 'webhooks-slow', 'reply-handlers', 'maintenance', 'retention']));
    for (const q of fixed) expect(names.filter((n) => n === q)).toEqual([q]);
  });
});
