import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import postgres from 'postgres';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadApiConfig } from '@smsgw/api';
import type { Queues } from '@smsgw/queues';
import { privateDatabase, testAccount, testQueues, type PrivateDatabase } from '../support/env.js';
import { uniqueName, uniqueNumber } from '../support/fixtures.js';

/**
 * SMSGW_DATABASE_READ_URL: list and read routes go to the read pool. A real replica is too
 * costly here, so the "replica" is the same database reached as a role that may only SELECT,
 * as a hot standby would only allow reads: the read routes must answer through it (seen in
 * pg_stat_activity under that role), and the write routes must not touch it (they would fail).
 */
describe('PostgreSQL read replica', () => {
  let own: PrivateDatabase;
  let queues: Queues;
  let app: FastifyInstance;
  let plain: FastifyInstance;
  let admin: postgres.Sql;
  let key: string;
  const role = `smsgw_ro_${randomBytes(4).toString('hex')}`;
  const auth = () => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    own = await privateDatabase('scale_read');
    admin = postgres(own.url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE ROLE ${role} LOGIN`);
    await admin.unsafe(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await admin.unsafe(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    const readUrl = new URL(own.url);
    readUrl.username = role;
    readUrl.password = '';
    queues = testQueues();
    const env = {
      DATABASE_URL: own.url,
      SMSGW_DATABASE_READ_URL: readUrl.toString(),
      SMSGW_QUEUE_PREFIX: queues.prefix,
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    };
    const logger = pino({ level: 'silent' });
    app = await buildApp({ db: own.database.db, queues, config: loadApiConfig(env), logger });
    const { SMSGW_DATABASE_READ_URL: _unused, ...withoutRead } = env;
    plain = await buildApp({ db: own.database.db, queues, config: loadApiConfig(withoutRead), logger });
    key = (await testAccount(own.database, true)).key;
  });
  afterAll(async () => {
    await app?.close();
    await plain?.close();
    await queues?.close();
    await queues?.connection.quit();
    await admin?.end();
    await own?.drop();
    const shared = postgres(own.url.replace(/\/[^/]+$/, '/postgres'), { max: 1, onnotice: () => undefined });
    await shared.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await shared.end();
  });

  /** The last statement of each connection the read-only role holds to this database. */
  const readPoolQueries = async (): Promise<string[]> =>
    (await admin`SELECT query FROM pg_stat_activity WHERE usename = ${role} AND datname = current_database()`).map((r) =>
      String(r['query']),
    );

  it('answers list and read routes from the read pool, and writes through the primary', async () => {
    expect(app.readDb).not.toBe(app.db);
    expect(plain.readDb).toBe(plain.db);
    const gateway = uniqueName();
    const gw = await app.inject({
      method: 'POST',
      url: '/v1/gateways',
      headers: auth(),
      payload: { name: gateway, preset: 'sandbox', settings: { baseUrl: 'http://127.0.0.1:9' } },
    });
    expect(gw.statusCode).toBe(201);
    // A write: the read-only role could not have stored it.
    const created = await app.inject({
      method: 'POST',
      url: '/v1/messages',
      headers: auth(),
      payload: { to: uniqueNumber(), content: 'hi', gateway },
    });
    expect(created.statusCode).toBe(202);
    const id = String(created.json()['id']);
    expect(await readPoolQueries()).toEqual([]);

    const list = await app.inject({ method: 'GET', url: '/v1/messages', headers: auth() });
    expect(list.statusCode).toBe(200);
    expect((list.json()['data'] as { id: string }[]).map((m) => m.id)).toContain(id);
    expect((await readPoolQueries()).some((q) => /from "messages"/i.test(q))).toBe(true);

    const one = await app.inject({ method: 'GET', url: `/v1/messages/${id}`, headers: auth() });
    expect(one.statusCode).toBe(200);
    expect(one.json()['id']).toBe(id);
    expect((await readPoolQueries()).some((q) => /message_events/i.test(q) || /message_replies|from "replies"/i.test(q))).toBe(true);

    const replies = await app.inject({ method: 'GET', url: '/v1/replies', headers: auth() });
    expect(replies.statusCode).toBe(200);
    expect((await readPoolQueries()).some((q) => /from "replies"/i.test(q))).toBe(true);

    const deliveries = await app.inject({ method: 'GET', url: '/v1/webhook-deliveries', headers: auth() });
    expect(deliveries.statusCode).toBe(200);
    expect((await readPoolQueries()).some((q) => /webhook_deliveries/i.test(q))).toBe(true);
  });
});
