// The key cache inside real apps on PostgreSQL and Redis: lookups counted on the database
// connection itself, revocations heard by a second app instance, expiry honoured from the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { eq } from 'drizzle-orm';
import { inject } from 'vitest';
import { apiKeys, createApiKey, schema, type Database, type Db } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { revokeKey } from '../src/services/api-keys.js';
import { eventually, testAccount, testDatabase, testQueues, uniquePrefix } from '../../../test/support/env.js';
import { testEncryptionKey } from './helpers.js';

/** Far longer than any wait here: a key refused within a test was refused by a push or its expiry, not the TTL. */
const LONG_TTL_MS = 600_000;

interface Instance {
  app: FastifyInstance;
  queues: Queues;
  db: Db;
  /** Statements this instance has sent that read `api_keys`. */
  keyQueries(): number;
  close(): Promise<void>;
}

/**
 * An API instance on its own connection pool, which counts the statements it sends (postgres.js
 * `debug` sees every one), and on a queue prefix that instances of one deployment share.
 */
async function instance(prefix: string, ttlMs = LONG_TTL_MS): Promise<Instance> {
  let keyQueries = 0;
  const client = postgres(inject('databaseUrl'), {
    max: 4,
    onnotice: () => undefined,
    debug: (_connection, query) => {
      if (query.includes('"api_keys"')) keyQueries++;
    },
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const queues = testQueues(prefix);
  const config = loadApiConfig({
    DATABASE_URL: inject('databaseUrl'),
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    SMSGW_PUBLIC_URL: 'http://smsgw.test',
    SMSGW_KEY_CACHE_TTL_MS: String(ttlMs),
  });
  const app = await buildApp({
    db,
    queues,
    config,
    logger: pino({ level: 'silent' }),
    notifier: gatewayNotifier(queues.connection, prefix),
  });
  await app.ready();
  // The cache holds nothing until its subscription is confirmed: wait for that, or nothing here is cached.
  if (ttlMs > 0) await eventually(async () => app.keyCache.listening || undefined, 10_000, 'the key cache to listen');
  return {
    app,
    queues,
    db,
    keyQueries: () => keyQueries,
    async close() {
      await app.close();
      await queues.close();
      await queues.connection.quit();
      await client.end({ timeout: 5 });
    },
  };
}

/** A route that needs a key and reads nothing else from the database. */
const call = (i: Instance, key: string) =>
  i.app.inject({ method: 'POST', url: '/v1/segments', payload: { content: 'hi' }, headers: { authorization: `Bearer ${key}` } });

const status = async (i: Instance, key: string) => (await call(i, key)).statusCode;

let database: Database;
const open: Instance[] = [];
const start = async (prefix: string, ttlMs?: number) => {
  const i = await instance(prefix, ttlMs);
  open.push(i);
  return i;
};

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  for (const i of open) await i.close();
  await database?.close();
});

describe('API key cache', () => {
  it('looks a key up once for many requests, concurrent or not, and an unknown key once too', async () => {
    const a = await start(uniquePrefix());
    const { key } = await testAccount(database);
    const before = a.keyQueries();
    const concurrent = await Promise.all(Array.from({ length: 30 }, () => call(a, key)));
    expect(concurrent.map((r) => r.statusCode)).toEqual(Array(30).fill(200));
    for (let n = 0; n < 20; n++) expect(await status(a, key)).toBe(200);
    expect(a.keyQueries() - before).toBe(1);

    const bad = `sk_${'x'.repeat(43)}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => status(a, bad)));
    expect(results).toEqual(Array(20).fill(401));
    expect(a.keyQueries() - before).toBe(2);
  });

  it('counts what it should: with a TTL of 0 every request reads the key', async () => {
    const a = await start(uniquePrefix(), 0);
    const { key } = await testAccount(database);
    const before = a.keyQueries();
    for (let n = 0; n < 5; n++) expect(await status(a, key)).toBe(200);
    expect(a.keyQueries() - before).toBe(5);
  });

  it('a revocation published by one instance takes effect in another at once, not after the TTL', async () => {
    const prefix = uniquePrefix();
    const a = await start(prefix);
    const b = await start(prefix);
    const account = await testAccount(database);
    const other = await testAccount(database);
    const [k1, k2] = [
      await createApiKey(database.db, { accountId: account.accountId }),
      await createApiKey(database.db, { accountId: account.accountId }),
    ];
    for (const i of [a, b]) for (const k of [k1, k2]) expect(await status(i, k.key)).toBe(200);

    // Another account cannot revoke the key; nothing changes.
    expect(await revokeKey({ db: a.db, queues: a.queues }, k1.id, other.accountId)).toBeUndefined();
    expect(await status(b, k1.key)).toBe(200);

    // Without a message, b keeps serving what it cached: so what follows is the message's doing.
    await database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, k2.id));
    expect(await status(b, k2.key)).toBe(200);

    const revoked = await revokeKey({ db: a.db, queues: a.queues }, k1.id, account.accountId);
    expect(revoked).toMatchObject({ id: k1.id, revokedAt: expect.any(Date) });
    await eventually(async () => ((await status(b, k1.key)) === 401 ? true : undefined), 5_000, 'b to refuse the revoked key');
    expect(await status(a, k1.key)).toBe(401);
    // Only the revoked key was dropped.
    expect(await status(b, k2.key)).toBe(200);

    // Revoking again is harmless and keeps the first time.
    expect(await revokeKey({ db: a.db, queues: a.queues }, k1.id)).toEqual(revoked);
  });

  it('starts over after losing its subscription, since changes may have been missed meanwhile', async () => {
    const prefix = uniquePrefix();
    const a = await start(prefix);
    const { accountId } = await testAccount(database);
    const k = await createApiKey(database.db, { accountId });
    expect(await status(a, k.key)).toBe(200);
    await database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, k.id));
    expect(await status(a, k.key)).toBe(200);

    // Cut this instance's subscriber connection (only it: found by its name); ioredis reconnects.
    const subscriberIds = async () =>
      String(await a.queues.connection.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}:keys-changed-subscriber `))
        .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1]);
    const [first] = await subscriberIds();
    expect(first).toBeDefined();
    await a.queues.connection.call('CLIENT', 'KILL', 'ID', String(first));
    // No request in between: the stale entry is still there unless reconnecting dropped it.
    await eventually(
      async () => ((await subscriberIds()).some((id) => id !== first) && a.app.keyCache.listening) || undefined,
      10_000,
      'the key cache to listen on a new connection',
    );
    expect(await status(a, k.key)).toBe(401);
  });

  it('refuses an expired key even while it is cached', async () => {
    const a = await start(uniquePrefix());
    const { accountId } = await testAccount(database);
    const k = await createApiKey(database.db, { accountId });
    const expiresAt = new Date(Date.now() + 1_500);
    await database.db.update(apiKeys).set({ expiresAt }).where(eq(apiKeys.id, k.id));
    const before = a.keyQueries();
    expect(await status(a, k.key)).toBe(200);
    expect(await status(a, k.key)).toBe(200);
    expect(a.keyQueries() - before).toBe(1);
    await eventually(async () => ((await status(a, k.key)) === 401 ? true : undefined), 10_000, 'the expired key to be refused');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  });
});
