// Scopes are enforced on every route: each scope opens its own routes and no others, walked over
// the app's own route table, so a route added later is covered without touching this file.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { inject } from 'vitest';
import { ACCOUNT_SCOPES, SCOPES, type Scope } from '@smsgw/core';
import { createApiKey } from '@smsgw/db';
import { gatewayNotifier } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { testDatabase, testQueues } from '../../../test/support/env.js';
import { json, testEncryptionKey, useTestApp } from './helpers.js';

const t = useTestApp();

/** A request to the route with placeholder parameters and no body: enough to pass or fail auth. */
const call = (method: string, url: string, key: string) =>
  t.app.inject({ method: method as 'GET', url: url.replace(/:[^/]+/g, 'x'), headers: { authorization: `Bearer ${key}` } });

describe('scopes on every route', () => {
  it('every route is public or declares a scope the contract knows', () => {
    const routes = t.app.routeScopes();
    expect(routes.length).toBeGreaterThan(50);
    for (const r of routes) {
      if (r.public) continue;
      expect(SCOPES, `${r.method} ${r.url}`).toContain(r.scope);
    }
    // The open ones are what must be open, and nothing under /v1.
    expect(routes.filter((r) => r.public && r.url.startsWith('/v1')).map((r) => r.url)).toEqual([]);
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/callbacks/:gateway/:token/status']) {
      expect(routes.find((r) => r.url === url)?.public, url).toBe(true);
    }
  });

  it('each scope opens exactly its routes; an admin key and a key stored without scopes as documented', async () => {
    const db = t.database.db;
    const keys = new Map<Scope, string>();
    for (const scope of SCOPES.filter((s) => s !== 'admin')) {
      keys.set(scope, (await createApiKey(db, { accountId: t.user.accountId, scopes: [scope], name: `only ${scope}` })).key);
    }
    const routes = t.app.routeScopes().filter((r) => !r.public && r.method !== 'HEAD');
    const failures: string[] = [];
    for (const r of routes) {
      const scope = r.scope as Scope;
      const checks: Array<[string, string, boolean]> = [
        ...[...keys].map(([s, key]): [string, string, boolean] => [s, key, s === scope]),
        ['admin', t.admin.key, true],
        ['stored without scopes', t.user.key, ACCOUNT_SCOPES.includes(scope)],
      ];
      await Promise.all(
        checks.map(async ([who, key, allowed]) => {
          const res = await call(r.method, r.url, key);
          const refused = res.statusCode === 403 && json(res).error?.message.includes(`"${scope}"`);
          if (res.statusCode === 401) failures.push(`${r.method} ${r.url} as ${who}: 401`);
          else if (allowed && refused) failures.push(`${r.method} ${r.url} as ${who}: refused`);
          else if (!allowed && !refused) failures.push(`${r.method} ${r.url} as ${who}: ${res.statusCode}, expected 403 naming ${scope}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 forbidden naming the scope', async () => {
    const { key } = await createApiKey(t.database.db, { accountId: t.user.accountId, scopes: ['messages:read'] });
    const res = await t.request({ method: 'POST', url: '/v1/messages', key, payload: { to: '+447400123456', content: 'hi' } });
    expect(res.statusCode).toBe(403);
    expect(json(res).error).toEqual({ code: 'forbidden', message: 'This needs a key with the "messages:write" scope' });
    expect((await t.request({ method: 'GET', url: '/v1/messages', key })).statusCode).toBe(200);
  });
});

describe('a route without a scope', () => {
  it('stops the app at ready, naming the route', async () => {
    const database = await testDatabase();
    const queues = testQueues();
    const config = loadApiConfig({
      DATABASE_URL: inject('databaseUrl'),
      SMSGW_QUEUE_PREFIX: queues.prefix,
      SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    });
    const app = await buildApp({
      db: database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(queues.connection, queues.prefix),
    });
    app.get('/v1/forgotten', async () => ({ secret: true }));
    app.post('/v1/declared', { config: { scope: 'messages:write' } }, async () => ({ ok: true }));
    try {
      await expect(app.ready()).rejects.toThrow(/without a scope.*GET \/v1\/forgotten/);
    } finally {
      await app.close().catch(() => undefined);
      await queues.close();
      await queues.connection.quit();
      await database.close();
    }
  });
});
