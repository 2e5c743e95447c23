import { idAtTime, TERMINAL_STATUSES } from '@smsgw/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';

/**
 * Retention: old rows deleted in small batches, each batch ONE short statement (its own
 * transaction), so locks and WAL come in small pieces and nothing waits behind a long delete.
 * Each batch visits a bounded page of the table's primary key in id order (ids are time-ordered:
 * ULIDs, or bigserials, which grow with time), deletes what in that page may go, and hands back
 * where it stopped: rows that must stay (a message not final or not billed yet) are stepped
 * over, not visited again by every batch. Rows are deleted by `id = ANY (ARRAY(…))`, not by a
 * join: the array is computed first and every delete is an index probe, where a join may be
 * planned as a hash join over the whole table. See docs/retention.md for why batches and not
 * partitions.
 */

/**
 * Statuses in which a message can be deleted: the terminal ones and `sent`. A `sent` message
 * only changes again by a delivery report, and none comes days later (providers give up within
 * their validity period, at most a few days), whereas many routes never send one: left out, a
 * gateway without reports would keep every message forever. `queued`, `scheduled`, `sending`
 * and `unknown` are never deleted (`unknown` waits for a human).
 */
export const RETENTION_FINAL_STATUSES: readonly string[] = [...TERMINAL_STATUSES, 'sent'];

const FINAL_SQL = `(${RETENTION_FINAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** billing.ts's BILLABLE: a message the billing run would bill. */
const BILLABLE = `(m.status IN ('sent', 'delivered') OR m.gateway_charge IS NOT NULL)`;

/** One batch: how far the page went, and what it deleted. */
export interface RetentionBatch {
  /** The last primary key the page visited (the next batch starts after it); null: nothing left. */
  last: string | null;
  /** Rows the batch deleted from its own table (messages: not counting their children). */
  deleted: number;
  /** False once the page found nothing older than the cutoff: the table is done for this run. */
  more: boolean;
}

export interface BatchQuery {
  /** Rows created before this instant may go. */
  cutoff: Date;
  /** The previous batch's `last`; absent for the first batch of a run. */
  after?: string | null | undefined;
  /** Primary keys one batch visits. */
  limit: number;
}

export interface MessageBatchQuery extends BatchQuery {
  /** Keep billable messages until a billing run marked them billed (default true). */
  keepUnbilled: boolean;
}

const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

function batchOf(rows: Record<string, unknown>[], limit: number): RetentionBatch {
  const [row] = rows;
  const seen = Number(row?.['seen'] ?? 0);
  const last = row?.['last'] === null || row?.['last'] === undefined ? null : String(row['last']);
  const old = row?.['old'] === undefined ? seen : Number(row['old']);
  return { last, deleted: Number(row?.['deleted'] ?? 0), more: seen === limit && old > 0 };
}

/**
 * Deletes one batch of old messages that are final (and billed, or never billable), with their
 * children first in the same statement: status reports and webhook deliveries are deleted,
 * events go by their foreign key's cascade, replies stay but no longer point at the message.
 * A message that still has a webhook delivery to make is kept. Rows another transaction holds
 * (a resend, a report) are skipped, not waited for, and the status is checked again under the
 * row lock, so a message taken out of its final status meanwhile is never deleted.
 */
export async function deleteOldMessages(db: Db, q: MessageBatchQuery): Promise<RetentionBatch> {
  const billed = q.keepUnbilled ? sql.raw(`AND (m.billed OR NOT ${BILLABLE})`) : sql``;
  const result = await db.execute(sql`
    WITH p AS (
      SELECT id FROM messages WHERE id > ${q.after ?? ''} AND id < ${idAtTime('msg', q.cutoff)} ORDER BY id LIMIT ${q.limit}
    ), d AS (
      SELECT m.id FROM messages m
      WHERE m.id = ANY (ARRAY(SELECT id FROM p)) AND m.created_at < ${ts(q.cutoff)} AND m.status IN ${sql.raw(FINAL_SQL)} ${billed}
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.message_id = m.id AND w.state IN ('pending', 'retrying'))
      FOR UPDATE OF m SKIP LOCKED
    ), r AS (
      DELETE FROM status_reports WHERE message_id = ANY (ARRAY(SELECT id FROM d))
    ), w AS (
      DELETE FROM webhook_deliveries WHERE message_id = ANY (ARRAY(SELECT id FROM d))
    ), y AS (
      UPDATE replies SET message_id = NULL WHERE message_id = ANY (ARRAY(SELECT id FROM d))
    ), x AS (
      DELETE FROM messages WHERE id = ANY (ARRAY(SELECT id FROM d)) RETURNING id
    )
    SELECT (SELECT max(id) FROM p) AS last, (SELECT count(*) FROM p)::int AS seen, (SELECT count(*) FROM x)::int AS deleted`);
  return batchOf(rowsOf(result), q.limit);
}

/**
 * Deletes one batch of events older than the cutoff, of messages that are final (the history of
 * a message still moving stays whole: the reconcile task reads its `reconcile_check` events).
 */
export async function deleteOldEvents(db: Db, q: BatchQuery): Promise<RetentionBatch> {
  const after = Number(q.after ?? 0);
  const result = await db.execute(sql`
    WITH p AS (
      SELECT id, message_id, at FROM message_events WHERE id > ${after} ORDER BY id LIMIT ${q.limit}
    ), x AS (
      DELETE FROM message_events WHERE id = ANY (ARRAY(
        SELECT p.id FROM p WHERE p.at < ${ts(q.cutoff)}
          AND EXISTS (SELECT 1 FROM messages m WHERE m.id = p.message_id AND m.status IN ${sql.raw(FINAL_SQL)})))
      RETURNING id
    )
    SELECT (SELECT max(id) FROM p)::text AS last, (SELECT count(*) FROM p)::int AS seen,
      (SELECT count(*) FROM p WHERE at < ${ts(q.cutoff)})::int AS old, (SELECT count(*) FROM x)::int AS deleted`);
  return batchOf(rowsOf(result), q.limit);
}

/**
 * Deletes one batch of delivery reports older than the cutoff. A report still waiting to be
 * applied (parked, or being applied) stays, and so do the reports of a message not final yet
 * (a multipart message adds its parts' reports up).
 */
export async function deleteOldReports(db: Db, q: BatchQuery): Promise<RetentionBatch> {
  const after = Number(q.after ?? 0);
  const result = await db.execute(sql`
    WITH p AS (
      SELECT id, message_id, state, received_at FROM status_reports WHERE id > ${after} ORDER BY id LIMIT ${q.limit}
    ), x AS (
      DELETE FROM status_reports WHERE id = ANY (ARRAY(
        SELECT p.id FROM p WHERE p.received_at < ${ts(q.cutoff)} AND p.state NOT IN ('parked', 'applying')
          AND (p.message_id IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.id = p.message_id AND m.status IN ${sql.raw(FINAL_SQL)}))))
        AND state NOT IN ('parked', 'applying')
      RETURNING id
    )
    SELECT (SELECT max(id) FROM p)::text AS last, (SELECT count(*) FROM p)::int AS seen,
      (SELECT count(*) FROM p WHERE received_at < ${ts(q.cutoff)})::int AS old, (SELECT count(*) FROM x)::int AS deleted`);
  return batchOf(rowsOf(result), q.limit);
}

/** Deletes one batch of replies stored before the cutoff; one whose handler is still due stays. */
export async function deleteOldReplies(db: Db, q: BatchQuery): Promise<RetentionBatch> {
  const result = await db.execute(sql`
    WITH p AS (
      SELECT id FROM replies WHERE id > ${q.after ?? ''} AND id < ${idAtTime('rpl', q.cutoff)} ORDER BY id LIMIT ${q.limit}
    ), x AS (
      DELETE FROM replies WHERE id = ANY (ARRAY(SELECT id FROM p))
        AND created_at < ${ts(q.cutoff)} AND handler_state IS DISTINCT FROM 'pending'
      RETURNING id
    )
    SELECT (SELECT max(id) FROM p) AS last, (SELECT count(*) FROM p)::int AS seen, (SELECT count(*) FROM x)::int AS deleted`);
  return batchOf(rowsOf(result), q.limit);
}

/** Deletes one batch of webhook deliveries made before the cutoff that are finished (delivered or failed). */
export async function deleteOldWebhookDeliveries(db: Db, q: BatchQuery): Promise<RetentionBatch> {
  const result = await db.execute(sql`
    WITH p AS (
      SELECT id FROM webhook_deliveries WHERE id > ${q.after ?? ''} AND id < ${idAtTime('whk', q.cutoff)} ORDER BY id LIMIT ${q.limit}
    ), x AS (
      DELETE FROM webhook_deliveries WHERE id = ANY (ARRAY(SELECT id FROM p))
        AND created_at < ${ts(q.cutoff)} AND state IN ('delivered', 'failed')
      RETURNING id
    )
    SELECT (SELECT max(id) FROM p) AS last, (SELECT count(*) FROM p)::int AS seen, (SELECT count(*) FROM x)::int AS deleted`);
  return batchOf(rowsOf(result), q.limit);
}
