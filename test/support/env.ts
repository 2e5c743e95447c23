import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createAccount, createApiKey, openDatabase, type Database } from '@smsgw/db';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';

/** A database handle on the run's test database. */
export async function testDatabase(): Promise<Database> {
  return openDatabase({ url: inject('databaseUrl'), max: 4 });
}

export const redisUrl = (): string => inject('redisUrl');

/** A BullMQ prefix of its own per test file, so files never see each other's jobs. */
export function uniquePrefix(): string {
  return `${inject('redisPrefix')}${randomBytes(5).toString('hex')}`;
}

export function testQueues(prefix = uniquePrefix()): Queues {
  return createQueues({ connection: redisConnection(redisUrl()), prefix });
}

/** A fresh account with a key (admin when asked). */
export async function testAccount(database: Database, admin = false): Promise<{ accountId: string; key: string }> {
  const account = await createAccount(database.db, `test-${randomBytes(3).toString('hex')}`);
  const { key } = await createApiKey(database.db, { accountId: account.id, admin });
  return { accountId: account.id, key };
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface PrivateDatabase {
  url: string;
  database: Database;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own, for files that start workers: their maintenance sweep and
 * balance refresh work on the whole database by design, so on the shared one they would touch
 * other files' rows and gateways. A clone of the run's migrated template (global-setup.ts), so
 * it costs a file copy, not a migration. Dropped by `drop()`, and by the run's teardown if the
 * file never got there.
 */
export async function privateDatabase(label: string): Promise<PrivateDatabase> {
  const shared = new URL(inject('databaseUrl'));
  const name = `${shared.pathname.slice(1)}_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(shared.toString(), { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  const url = new URL(shared.toString());
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 6 });
  return {
    url: url.toString(),
    database,
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
