import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.js';
import { runStatementsOn, sqlRunner } from './hot/runner.js';
import type { Db } from './types.js';

export type { Db } from './types.js';

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies the committed drizzle-kit migrations (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, an embedded PGlite database under `pgliteDir`. */
  url?: string | undefined;
  pgliteDir?: string | undefined;
  /** Connections in the pool (postgres.js); small by default, workers and API each have one. */
  max?: number | undefined;
}

/**
 * How many of a process's `max` connections serve the hand-written statements: up to 4 (the hot
 * path runs at most two groups of each kind at once), half the pool at most, none below 2 (one
 * pool of one then serves both). The total stays `max`, so SMSGW_DB_POOL_MAX keeps its meaning.
 */
function statementPoolSize(max: number): number {
  return max < 2 ? 0 : Math.min(4, Math.floor(max / 2));
}

/** The committed migrations folder (`drizzle/` at the repository root). */
export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle');

/**
 * Opens the database. Drivers are imported lazily so a production process never loads PGlite's
 * WASM, and the demo never needs a PostgreSQL server.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const max = opts.max ?? 10;
    const statementsMax = statementPoolSize(max);
    const client = postgres(opts.url, { max: max - statementsMax, onnotice: () => undefined });
    const db = drizzle(client, { schema });
    const clients = [client];
    if (statementsMax > 0) {
      // The hand-written statements (hot path, sqlRunner) on connections of their own, planned once:
      // left to choose, PostgreSQL re-planned them at every execution (a custom plan costs about a
      // millisecond for these CTEs, more than running them; measured in `npm run bench`). Only
      // there: drizzle's one-off queries keep custom plans, which see their parameters' values.
      const statements = postgres(opts.url, {
        max: statementsMax,
        onnotice: () => undefined,
        connection: { plan_cache_mode: 'force_generic_plan' },
      });
      // drizzle() sets a client's type parsers and serializers (jsonb parameters passed as text,
      // timestamps as strings); the hot path's row mapping expects that, so this one gets the same.
      drizzle(statements, { schema });
      runStatementsOn(db as unknown as Db, statements);
      clients.push(statements);
    }
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: async () => {
        await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = opts.pgliteDir;
  if (dir) mkdirSync(dir, { recursive: true });
  const client = dir ? new PGlite(dir) : new PGlite();
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/**
 * Refuses to start a process whose pool would take the server past its connection limit: the
 * connections open now plus this pool must fit in max_connections (less the superuser reserve).
 * Pools multiply with processes (`--scale worker=N`); failing at start with the numbers is
 * kinder than failing later under load with "too many clients".
 */
export async function assertConnectionBudget(database: Database, poolMax: number): Promise<void> {
  if (database.kind !== 'postgres') return;
  const [row] = await sqlRunner(database.db)(
    `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int AS available,
            (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS used`,
    [],
  );
  const available = Number(row?.['available']);
  const used = Number(row?.['used']);
  if (used + poolMax > available) {
    throw new Error(
      `SMSGW_DB_POOL_MAX=${poolMax} does not fit: PostgreSQL allows ${available} client connections and ${used} are open. ` +
        'Lower SMSGW_DB_POOL_MAX per process, or raise max_connections (the sum over every API and worker process must fit).',
    );
  }
}
