import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from './client.js';
import { sqlRunner } from './hot/runner.js';
import type { Db } from './types.js';

/** Where drizzle's migrator records what it applied (its defaults, which `migrate()` uses). */
const TABLE = 'drizzle.__drizzle_migrations';

export interface MigrationStatus {
  /** Every migration this code ships is applied: `migrate()` would do nothing. */
  applied: boolean;
  /** Migrations this code ships (the journal's entries). */
  expected: number;
  /** The journal tags of the migrations not applied yet, oldest first. */
  pending: string[];
}

interface Shipped {
  tag: string;
  when: number;
}

const shippedByFolder = new Map<string, readonly Shipped[]>();

/**
 * The migrations this code ships (drizzle-kit's journal, `meta/_journal.json`), read once per
 * folder: the files do not change while the process runs, so a readiness probe costs queries,
 * not a file read.
 */
function shipped(folder: string): readonly Shipped[] {
  const cached = shippedByFolder.get(folder);
  if (cached) return cached;
  const parsed: unknown = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'));
  const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries)) throw new Error(`${folder}/meta/_journal.json has no entries`);
  const list = entries.map((e: unknown): Shipped => {
    const { tag, when } = (typeof e === 'object' && e !== null ? e : {}) as { tag?: unknown; when?: unknown };
    if (typeof tag !== 'string' || typeof when !== 'number') throw new Error(`${folder}/meta/_journal.json has a malformed entry`);
    return { tag, when };
  });
  shippedByFolder.set(folder, list);
  return list;
}

/**
 * Whether the database has every migration this code ships, decided the way drizzle's migrator
 * decides what to apply: a migration is pending when its journal time is later than the latest
 * one recorded in `drizzle.__drizzle_migrations` (an empty database has no such table: all are
 * pending). A process whose code expects a newer schema than the database has must not take
 * traffic. Two small queries; throws when the database cannot be asked (the caller says down).
 */
export async function migrationStatus(db: Db, folder: string = MIGRATIONS_FOLDER): Promise<MigrationStatus> {
  const list = shipped(folder);
  const run = sqlRunner(db);
  const [table] = await run(`SELECT to_regclass('${TABLE}') IS NOT NULL AS present`, []);
  let latest = Number.NEGATIVE_INFINITY;
  if (table?.['present'] === true) {
    // As text: created_at is a bigint, which drivers may hand back as a string or a BigInt.
    const [row] = await run(`SELECT max(created_at)::text AS latest FROM ${TABLE}`, []);
    const value = row?.['latest'];
    if (typeof value === 'string') latest = Number(value);
  }
  const pending = list.filter((m) => m.when > latest).map((m) => m.tag);
  return { applied: pending.length === 0, expected: list.length, pending };
}
