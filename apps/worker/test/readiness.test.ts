import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrationStatus, openDatabase, type Database } from '@smsgw/db';
import { checkReadiness } from '@smsgw/metrics';
import { redisConnection } from '@smsgw/queues';
import { redisUrl } from '../../../test/support/env.js';
import { startHealthServer, type HealthServer } from '../src/health-server.js';

const MIGRATIONS = join(import.meta.dirname, '..', '..', '..', 'drizzle');
const journalTags = (): string[] =>
  (JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);

/**
 * /readyz of the worker against a database of its own made empty (not the migrated template):
 * not ready while the migrations this code ships are missing, ready once they are applied.
 */
describe('worker readiness and migrations', () => {
  const shared = new URL(inject('databaseUrl'));
  const name = `${shared.pathname.slice(1)}_empty_${randomBytes(3).toString('hex')}`;
  const admin = postgres(shared.toString(), { max: 1, onnotice: () => undefined });
  const redis = redisConnection(redisUrl());
  let database: Database;
  let health: HealthServer;

  beforeAll(async () => {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0`);
    const url = new URL(shared.toString());
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), max: 2 });
    health = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      registry: new Registry(),
      readiness: () => checkReadiness({ db: database.db, redis }),
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await health?.close();
    await database?.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await redis.quit();
  });

  const readyz = async () => {
    const res = await fetch(`http://127.0.0.1:${health.port}/readyz`);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('an empty database has every migration pending: 503, while /healthz still says alive', async () => {
    const status = await migrationStatus(database.db);
    expect(status).toEqual({ applied: false, expected: journalTags().length, pending: journalTags() });
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'ok', redis: 'ok', migrations: 'pending' } },
    });
    expect((await fetch(`http://127.0.0.1:${health.port}/healthz`)).status).toBe(200);
  });

  it('once the migrations are applied: 200', async () => {
    await database.migrate();
    expect(await migrationStatus(database.db)).toEqual({ applied: true, expected: journalTags().length, pending: [] });
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', redis: 'ok', migrations: 'ok' } } });
  });

  it('a database missing only the latest migration is not ready either', async () => {
    const tags = journalTags();
    // As if this code were newer than the database: the latest migration's record is gone.
    await database.db.execute(
      'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)',
    );
    expect(await migrationStatus(database.db)).toEqual({ applied: false, expected: tags.length, pending: tags.slice(-1) });
    expect((await readyz()).status).toBe(503);
  });
});
