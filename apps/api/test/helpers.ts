import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, inject } from 'vitest';
import { deleteGateway, deleteRoute, messages, type Database } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig, type ApiConfig } from '../src/config.js';
import { testAccount, testDatabase, testQueues } from '../../../test/support/env.js';

export interface TestKey {
  accountId: string;
  key: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  queues: Queues;
  config: ApiConfig;
  /** An admin key of an account of this app's own. */
  admin: TestKey;
  /** A non-admin key of another account of this app's own. */
  user: TestKey;
  /** `app.inject` with `Authorization: Bearer <key>` (the admin key unless told). */
  request(opts: InjectOptions & { key?: string | null }): Promise<LightMyRequestResponse>;
  /** Adds a sandbox gateway (or what `body` says) under a fresh unique name; returns the name. */
  createGateway(body?: Record<string, unknown>): Promise<string>;
  /** Messages stored for an account: "nothing was created" is checked by counting before and after. */
  messageCount(accountId: string): Promise<number>;
  /** Closes the app, deletes the gateways and routes created through it, and closes Redis and PostgreSQL handles. */
  close(): Promise<void>;
}

/** A gateway name no other test file will pick. */
export function uniqueGatewayName(): string {
  return `gw-${randomBytes(5).toString('hex')}`;
}

/** A fresh 32-byte key in hex, as SMSGW_ENCRYPTION_KEY takes it. */
export function testEncryptionKey(): string {
  return randomBytes(32).toString('hex');
}

/** JSON body of a response, typed loosely for assertions. */
export function json(res: LightMyRequestResponse): Record<string, unknown> & { error?: { code: string; message: string } } {
  return res.json<Record<string, unknown> & { error?: { code: string; message: string } }>();
}

/**
 * An API on the run's test database and a Redis prefix of its own, with two fresh accounts
 * (one admin). `env` is merged over the defaults; an `undefined` value removes a default.
 */
export async function buildTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const queues = testQueues();
  const config = loadApiConfig({
    DATABASE_URL: inject('databaseUrl'),
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    // Receivers in tests are on loopback; and a strict check would resolve public names (no DNS in tests).
    SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
    SMSGW_QUEUE_PREFIX: queues.prefix,
    SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    SMSGW_PUBLIC_URL: 'http://smsgw.test',
    ...env,
  });
  const app = await buildApp({
    db: database.db,
    queues,
    config,
    logger: pino({ level: 'silent' }),
    notifier: gatewayNotifier(queues.connection, queues.prefix),
  });
  await app.ready();
  const admin = await testAccount(database, true);
  const user = await testAccount(database, false);
  // Whatever a test creates through the API, by createGateway or by a plain POST, is deleted at
  // close: the database is shared, and a gateway left behind (perhaps at a public address) is one
  // any process that runs gateways of this database would try to call.
  const created = { gateways: new Set<string>(), routes: new Set<string>() };
  const track = (opts: InjectOptions, res: LightMyRequestResponse) => {
    if (res.statusCode !== 201 || opts.method?.toUpperCase() !== 'POST' || typeof opts.url !== 'string') return;
    const name = res.json<{ name?: unknown }>().name;
    if (typeof name !== 'string') return;
    const path = opts.url.split('?')[0];
    if (path === '/v1/gateways') created.gateways.add(name);
    if (path === '/v1/routes') created.routes.add(name);
  };

  const request: TestApp['request'] = async ({ key, headers, ...opts }) => {
    const k = key === undefined ? admin.key : key;
    const res = await app.inject({ ...opts, headers: { ...(k === null ? {} : { authorization: `Bearer ${k}` }), ...headers } });
    track(opts, res);
    return res;
  };

  return {
    app,
    database,
    queues,
    config,
    admin,
    user,
    request,
    async createGateway(body = {}) {
      const name = typeof body['name'] === 'string' ? body['name'] : uniqueGatewayName();
      const res = await request({
        method: 'POST',
        url: '/v1/gateways',
        payload: { name, preset: 'sandbox', settings: { baseUrl: 'http://127.0.0.1:9' }, ...body },
      });
      if (res.statusCode !== 201) throw new Error(`creating gateway ${name}: ${res.statusCode} ${res.body}`);
      return name;
    },
    async messageCount(accountId) {
      const [row] = await database.db.select({ n: count() }).from(messages).where(eq(messages.accountId, accountId));
      return row?.n ?? 0;
    },
    async close() {
      await app.close();
      // Routes first: they name gateways.
      for (const name of created.routes) await deleteRoute(database.db, name);
      for (const name of created.gateways) await deleteGateway(database.db, name);
      await queues.close();
      await queues.connection.quit();
      await database.close();
    },
  };
}

/**
 * The preamble of most API test files: an app built before the tests of the file (or of the
 * describe it is called in) and closed after them. The stand-in it returns forwards to that app,
 * so tests write `t.request(…)` as before; touching it outside hooks and tests throws.
 */
export function useTestApp(env: Record<string, string | undefined> = {}): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await buildTestApp(env);
  });
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as TestApp, {
    get(_target, property) {
      if (!app) throw new Error('useTestApp(): the app is built in beforeAll; use it in hooks and tests only');
      return Reflect.get(app, property);
    },
  });
}
