import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { count, eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { deleteGateway, messages, type Database } from '@smsgw/db';
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
  /** Closes the app, deletes the gateways it created, and closes Redis and PostgreSQL handles. */
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
  const created: string[] = [];

  const request: TestApp['request'] = ({ key, headers, ...opts }) => {
    const k = key === undefined ? admin.key : key;
    return app.inject({ ...opts, headers: { ...(k === null ? {} : { authorization: `Bearer ${k}` }), ...headers } });
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
      created.push(name);
      return name;
    },
    async messageCount(accountId) {
      const [row] = await database.db.select({ n: count() }).from(messages).where(eq(messages.accountId, accountId));
      return row?.n ?? 0;
    },
    async close() {
      await app.close();
      // Other files' workers sync with the gateways table: leave nothing of ours for them to run.
      for (const name of created) await deleteGateway(database.db, name);
      await queues.close();
      await queues.connection.quit();
      await database.close();
    },
  };
}
