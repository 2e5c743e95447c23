import type { Db } from '../types.js';

/** Runs one statement with positional parameters ($1…) and returns its rows. */
export type SqlRunner = (text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], opts: { prepare: boolean }): Promise<Record<string, unknown>[]>;
  options: unknown;
}
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  waitReady: unknown;
}

const runners = new WeakMap<object, SqlRunner>();

function isPostgresJs(c: unknown): c is PostgresJsClient {
  return typeof c === 'function' && 'unsafe' in c && 'options' in c;
}
function isPglite(c: unknown): c is PgliteClient {
  return typeof c === 'object' && c !== null && 'query' in c && 'waitReady' in c;
}

/**
 * The hot path's door to the database: hand-written statements, prepared once per connection
 * (postgres.js keys prepared statements by their text), with no query building per call.
 * Drizzle's builder sends every statement unprepared (Parse/Describe, a wait, then
 * Bind/Execute: two round trips) and spends measurable CPU building it; the statements here
 * are constant text, so each call is one Bind/Execute.
 */
export function sqlRunner(db: Db): SqlRunner {
  const cached = runners.get(db);
  if (cached) return cached;
  const run = runnerOf((db as unknown as { $client?: unknown }).$client);
  runners.set(db, run);
  return run;
}

/**
 * Sends `db`'s hand-written statements through `client` instead (openDatabase gives them a pool of
 * their own, whose sessions always use generic plans: see client.ts).
 */
export function runStatementsOn(db: Db, client: unknown): void {
  runners.set(db, runnerOf(client));
}

function runnerOf(client: unknown): SqlRunner {
  if (isPostgresJs(client)) return (text, params) => client.unsafe(text, [...params], { prepare: true });
  if (isPglite(client)) return async (text, params) => (await client.query(text, [...params])).rows;
  throw new Error('sqlRunner: unsupported database client');
}
