import { randomBytes } from 'node:crypto';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { testQueues } from '../../../test/support/env.js';
import { testEncryptionKey } from './helpers.js';

/** The API's /readyz on a database of its own made empty: 503 until the migrations are applied. */
describe('API readiness and migrations', () => {
  const shared = new URL(inject('databaseUrl'));
  const name = `${shared.pathname.slice(1)}_api_empty_${randomBytes(3).toString('hex')}`;
  const admin = postgres(shared.toString(), { max: 1, onnotice: () => undefined });
  let database: Database;
  let queues: Queues;
  let app: FastifyInstance;

  beforeAll(async () => {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0`);
    const url = new URL(shared.toString());
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), max: 2 });
    queues = testQueues();
    const config = loadApiConfig({
      DATABASE_URL: url.toString(),
      SMSGW_QUEUE_PREFIX: queues.prefix,
      SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    });
    app = await buildApp({
      db: database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(queues.connection, queues.prefix),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await queues?.close();
    await queues?.connection.quit();
    await database?.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('answers 503 naming the migrations while they are missing, 200 once applied', async () => {
    const before = await app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'ok', migrations: 'pending' } });
    await database.migrate();
    const after = await app.inject({ method: 'GET', url: '/readyz' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', migrations: 'ok' } });
  });
});
