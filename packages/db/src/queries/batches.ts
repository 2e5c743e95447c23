import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { MessageStatus } from '@smsgw/core';
import type { Db } from '../types.js';
import { rowsOf } from '../rows.js';
import { batches, messages } from '../schema/index.js';

export type BatchRow = typeof batches.$inferSelect;

/** A batch of this account, or undefined (another account's batch is "not found"). */
export async function getBatch(db: Db, accountId: string, id: string): Promise<BatchRow | undefined> {
  const [row] = await db
    .select()
    .from(batches)
    .where(and(eq(batches.id, id), eq(batches.accountId, accountId)));
  return row;
}

/** An amount of money in one currency (numeric text, as PostgreSQL writes it). */
export interface Money {
  amount: string;
  currency: string | null;
}

export interface BatchProgress {
  /** Messages of the batch by status (statuses with none are absent). */
  counts: Partial<Record<MessageStatus, number>>;
  /** What the providers charged so far (their reports), per currency. */
  charged: Money[];
  /** Segments × the rate each message was accepted at, per currency (messages without a rate left out). */
  estimated: Money[];
}

/** The batch's messages counted by status, and the charges reported so far: one scan of its index range. */
export async function batchProgress(db: Db, batchId: string): Promise<BatchProgress> {
  // Three groupings in one pass: by status (the counts), by charge currency, by rate currency.
  const result = await db.execute(sql`
    SELECT GROUPING(status, charge_currency, rate_currency) AS g, status, coalesce(charge_currency, rate_currency) AS currency,
      count(*)::int AS n, sum(gateway_charge)::text AS charged, sum(segments * rate)::text AS estimated
    FROM messages WHERE batch_id = ${batchId}
    GROUP BY GROUPING SETS ((status), (charge_currency), (rate_currency))`);
  const counts: Partial<Record<MessageStatus, number>> = {};
  const charged: Money[] = [];
  const estimated: Money[] = [];
  for (const r of rowsOf(result)) {
    const currency = r['currency'] === null ? null : String(r['currency']);
    // GROUPING's bits, most significant first: 3 = by status, 5 = by charge currency, 6 = by rate currency.
    const g = Number(r['g']);
    if (g === 3) counts[String(r['status']) as MessageStatus] = Number(r['n']);
    else if (g === 5 && r['charged'] !== null) charged.push({ amount: String(r['charged']), currency });
    else if (g === 6 && r['estimated'] !== null) estimated.push({ amount: String(r['estimated']), currency });
  }
  return { counts, charged, estimated };
}

export interface BatchListQuery {
  /** The previous page's last batch id. */
  before?: string | undefined;
  limit: number;
}

/**
 * An account's batches, newest first. Ordered by (created_at, id) rather than id alone: a batch
 * sent with an Idempotency-Key has an id derived from the key, not a time-ordered one.
 */
export async function listBatches(db: Db, accountId: string, q: BatchListQuery): Promise<BatchRow[]> {
  const after = q.before
    ? sql`AND (created_at, id) < (SELECT created_at, id FROM batches WHERE id = ${q.before} AND account_id = ${accountId})`
    : sql``;
  const result = await db
    .select()
    .from(batches)
    .where(sql`${batches.accountId} = ${accountId} ${after}`)
    .orderBy(desc(batches.createdAt), desc(batches.id))
    .limit(q.limit);
  return result;
}

/** Ids of the batch's messages still in one of `statuses` (what a cancel may still stop). */
export async function batchMessageIds(db: Db, batchId: string, statuses: readonly MessageStatus[]): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.batchId, batchId), inArray(messages.status, [...statuses])));
  return rows.map((r) => r.id);
}
