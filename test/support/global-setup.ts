import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { openDatabase } from '@smsgw/db';
import { type PrivateServer, somethingListens, startPrivatePostgres, startPrivateRedis } from './private-servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** The migrated template privateDatabase() clones; never connected to. */
    templateDatabase: string;
    redisUrl: string;
    /**
     * This run's Redis key prefix (`smsgw-test-<run>-`): test files queue under prefixes that start
     * with it, and the teardown removes only those, never another run's keys on the same Redis.
     */
    redisPrefix: string;
  }
}

/** Every test file queues under its own prefix inside this run's: remove this run's when it ends. */
async function dropTestKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The servers this run uses: the ones at DATABASE_URL and REDIS_URL (the defaults are the local
 * ones) when something listens there, else private ones started for the run (private-servers.ts).
 * Both URLs are written back to process.env, so anything that reads them directly agrees.
 */
async function servers(): Promise<{ adminUrl: string; redisUrl: string; privates: PrivateServer[] }> {
  const wantedDb = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const wantedRedis = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const [dbListens, redisListens] = await Promise.all([somethingListens(wantedDb, 5432), somethingListens(wantedRedis, 6379)]);
  const privates: PrivateServer[] = [];
  const start = async (listens: boolean, starter: () => Promise<PrivateServer>, wanted: string) => {
    if (listens) return undefined;
    const server = await starter();
    privates.push(server);
    process.stderr.write(`[test setup] nothing listens at ${new URL(wanted).host}: using a ${server.description}\n`);
    return server;
  };
  const [db, redis] = await Promise.allSettled([
    start(dbListens, startPrivatePostgres, wantedDb),
    start(redisListens, startPrivateRedis, wantedRedis),
  ]);
  if (db.status === 'rejected' || redis.status === 'rejected') {
    await Promise.allSettled(privates.map((s) => s.stop()));
    throw db.status === 'rejected' ? db.reason : (redis as PromiseRejectedResult).reason;
  }
  const adminUrl = db.value?.url ?? wantedDb;
  const redisUrl = redis.value?.url ?? wantedRedis;
  process.env['DATABASE_URL'] = adminUrl;
  process.env['REDIS_URL'] = redisUrl;
  return { adminUrl, redisUrl, privates };
}

/**
 * One fresh PostgreSQL database per test run, shared by test files that keep apart by creating
 * their own accounts and gateways, plus a migrated template that nobody connects to: files whose
 * workers sweep the whole database (privateDatabase in env.ts) clone it, which is much faster
 * than migrating. The shared database is a clone too, so both start from the same migrations.
 * Everything is dropped when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { adminUrl, redisUrl, privates } = await servers();
  const name = `smsgw_test_${Date.now()}_${process.pid}`;
  const template = `${name}_template`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  const urlOf = (db: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return url.toString();
  };
  await admin.unsafe(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ url: urlOf(template), max: 2 });
  await database.migrate();
  await database.close();
  // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template: make that impossible.
  await admin.unsafe(`ALTER DATABASE ${template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  project.provide('databaseUrl', urlOf(name));
  project.provide('templateDatabase', template);
  project.provide('redisUrl', redisUrl);
  const redisPrefix = `smsgw-test-${randomBytes(3).toString('hex')}-`;
  project.provide('redisPrefix', redisPrefix);
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // A template database cannot be dropped as such.
    await admin.unsafe(`ALTER DATABASE ${template} WITH IS_TEMPLATE false`);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`);
    // Private databases of test files (privateDatabase) that did not drop their own.
    const leftovers = await admin<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE ${`${name}_%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await dropTestKeys(redisUrl, redisPrefix);
    await Promise.all(privates.map((s) => s.stop()));
  };
}
