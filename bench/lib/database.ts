/**
 * The bench's own database: created fresh, migrated by the product's migration script (as its
 * own process), observed through a small pool of the bench's own, dropped at the end.
 */
import postgres from 'postgres';
import { start } from './children.js';

export type Sql = postgres.Sql;

export interface BenchDatabase {
  name: string;
  /** URL of the bench database on the real server. */
  url: string;
  serverVersion: string;
  /** pg_database.oid: WAL records of this database name it in their block references. */
  oid: number;
  /** pg_walinspect could be created in the bench database (it goes with the database). */
  walInspect: boolean;
  /** The bench's own connection to it (observing, ceiling tables); not the product's. */
  sql: Sql;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

const CEILING_TABLES = `
  CREATE TABLE bench_ceiling_sent (
    id text PRIMARY KEY, "to" text NOT NULL, content text NOT NULL, gateway_message_id text,
    accepted_at timestamptz NOT NULL, sent_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE bench_ceiling_batch (
    id text PRIMARY KEY, "to" text NOT NULL, content text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`;

/** A name no other run uses: time and pid (the janitor only ever drops names of this shape). */
export function benchDatabaseName(): string {
  return `smsgw_bench_${Date.now()}_${process.pid}`;
}

export async function createBenchDatabase(adminUrl: string, name: string, env: Record<string, string>): Promise<BenchDatabase> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  let sql: Sql | undefined;
  const drop = async () => {
    await sql?.end({ timeout: 5 }).catch(() => undefined);
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  try {
    const [row] = await admin<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const migrate = start('migrate', 'packages/db/src/migrate-cli.ts', [], {
      oneShot: true,
      env: { ...env, DATABASE_URL: url.toString() },
    });
    const how = await Promise.race([migrate.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 120_000))]);
    if (how !== 'code 0') {
      await migrate.stop(1000);
      throw new Error(`migrations failed (${how}):\n${migrate.tail()}`);
    }
    // One connection: backendPids() excludes exactly this backend from the product's CPU.
    sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    await sql.unsafe(CEILING_TABLES);
    const [db] = await sql<{ oid: number }[]>`SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()`;
    // Optional: without it only the whole server's WAL can be measured.
    const walInspect = await sql`CREATE EXTENSION IF NOT EXISTS pg_walinspect`.then(
      () => true,
      () => false,
    );
    return { name, url: url.toString(), serverVersion: row?.v ?? 'unknown', oid: db?.oid ?? 0, walInspect, sql, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
}

/**
 * The server's WAL position: a byte count, for differences (the whole server's WAL, not this
 * database's). The flushed position: pg_walinspect refuses to read past it.
 */
export async function walLsn(sql: Sql): Promise<string> {
  const [row] = await sql<{ lsn: string }[]>`SELECT pg_current_wal_flush_lsn()::text AS lsn`;
  return row?.lsn ?? '0/0';
}

export async function walBytes(sql: Sql, from: string, to: string): Promise<number> {
  const [row] = await sql<{ b: string }[]>`SELECT pg_wal_lsn_diff(${to}::pg_lsn, ${from}::pg_lsn)::text AS b`;
  return Number(row?.b ?? 0);
}

/**
 * WAL bytes between two positions written for the bench database: records whose block
 * references name its oid, plus every record of a transaction that wrote such a record (its
 * commit, for one). Other databases on the server (other people's tests) are left out, which the
 * server-wide LSN difference cannot do. An error when pg_walinspect is missing or the WAL has
 * been recycled meanwhile.
 */
export async function ownWalBytes(
  db: BenchDatabase,
  from: string,
  to: string,
): Promise<{ own: number; ownFpi: number; total: number } | { error: string }> {
  if (!db.walInspect) return { error: 'pg_walinspect is not available' };
  const pattern = `%rel %/${db.oid}/%`;
  try {
    const [row] = await db.sql<{ own: string; fpi: string; total: string }[]>`
      WITH r AS (SELECT xid::text AS x, record_length, fpi_length, block_ref FROM pg_get_wal_records_info(${from}::pg_lsn, ${to}::pg_lsn)),
           mine AS (SELECT DISTINCT x FROM r WHERE x <> '0' AND block_ref LIKE ${pattern}),
           own AS (SELECT * FROM r WHERE block_ref LIKE ${pattern} OR x IN (SELECT x FROM mine))
      SELECT (SELECT coalesce(sum(record_length), 0) FROM own)::text AS own,
             (SELECT coalesce(sum(fpi_length), 0) FROM own)::text AS fpi,
             (SELECT coalesce(sum(record_length), 0) FROM r)::text AS total`;
    return { own: Number(row?.own ?? 0), ownFpi: Number(row?.fpi ?? 0), total: Number(row?.total ?? 0) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Holds the server's WAL from now on until `release()`, so pg_walinspect can still read a
 * window's records after a checkpoint (busy neighbours can recycle a segment within seconds).
 * A temporary slot of the observer's session: the server drops it when that session ends, even
 * if the bench is killed. Undefined when slots are not available.
 */
export async function holdWal(db: BenchDatabase): Promise<{ release(): Promise<void> } | undefined> {
  if (!db.walInspect) return undefined;
  const slot = `${db.name}_wal`;
  try {
    await db.sql`SELECT pg_create_physical_replication_slot(${slot}, true, true)`;
  } catch {
    return undefined;
  }
  return {
    async release() {
      await db.sql`SELECT pg_drop_replication_slot(${slot})`.catch(() => undefined);
    },
  };
}

/** PostgreSQL backends serving the bench database, the bench's own observer excluded. */
export async function backendPids(sql: Sql, database: string): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = ${database} AND pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}
