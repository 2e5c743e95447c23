import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

/**
 * Maps a raw row (snake_case, driver values) from a hand-written statement to the table's
 * select model, using each column's own decoder. The hot paths use single CTE statements that
 * the query builder cannot express, and still hand typed rows to their callers.
 */
export function mapRow<T extends Table>(table: T, row: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = row[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as InferSelectModel<T>;
}

/** Rows of a `db.execute()` result, whichever driver produced it. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === 'object' && 'rows' in result) {
    const rows = (result as { rows: unknown }).rows;
    if (Array.isArray(rows)) return rows as Record<string, unknown>[];
  }
  return [];
}
