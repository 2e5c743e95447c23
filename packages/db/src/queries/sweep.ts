import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';

/**
 * The maintenance queries over messages still in flight. Each one walks `messages_inflight_idx`
 * (status, updated_at) for ONE status, so rows of one status can never crowd out another's, and
 * pages by keyset (updated_at, id), so a scan that runs out of budget resumes where it stopped
 * instead of looking at the same oldest rows again.
 */

/** Where a keyset scan stopped. `at` is PostgreSQL's text of `updated_at`: microseconds kept. */
export interface InflightCursor {
  at: string;
  id: string;
}

export interface InflightCandidate {
  id: string;
  gateway: string | null;
  sendAt: Date | null;
  cursor: InflightCursor;
}

export interface InflightPageQuery {
  status: 'queued' | 'scheduled';
  /** Only rows untouched since this instant (younger ones may still be getting their job). */
  untouchedSince: Date;
  /** Only rows whose send_at is at or before this: a scheduled row far in the future is not due. */
  dueBy?: Date | undefined;
  after?: InflightCursor | undefined;
  limit: number;
}

const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/**
 * One page of `queued` or `scheduled` rows in (updated_at, id) order after `after`. The cursor
 * keeps `updated_at` as PostgreSQL's own text: a JavaScript Date drops the microseconds, and a
 * cursor rounded down would hand the same rows back forever when a page shares a millisecond.
 */
export async function inflightPage(db: Db, q: InflightPageQuery): Promise<InflightCandidate[]> {
  const conds: SQL[] = [sql`status = ${q.status}`, sql`updated_at < ${ts(q.untouchedSince)}`];
  if (q.dueBy) conds.push(sql`(send_at IS NULL OR send_at <= ${ts(q.dueBy)})`);
  if (q.after) {
    // The plain bound lets the index start at the cursor; the row comparison breaks ties by id.
    conds.push(sql`updated_at >= ${q.after.at}::timestamptz`);
    conds.push(sql`(updated_at, id) > (${q.after.at}::timestamptz, ${q.after.id})`);
  }
  const result = await db.execute(sql`
    SELECT id, gateway, (extract(epoch FROM send_at) * 1000)::float8 AS send_ms, updated_at::text AS at FROM messages
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY updated_at, id
    LIMIT ${q.limit}`);
  return rowsOf(result).map((r) => ({
    id: String(r['id']),
    gateway: r['gateway'] === null ? null : String(r['gateway']),
    sendAt: r['send_ms'] === null ? null : new Date(Number(r['send_ms'])),
    cursor: { at: String(r['at']), id: String(r['id']) },
  }));
}

/** True when some message has been `unknown` since before `before` (one index probe). */
export async function hasUnknownSince(db: Db, before: Date): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM messages WHERE status = 'unknown' AND updated_at < ${ts(before)} LIMIT 1`);
  return rowsOf(result).length > 0;
}

/** The event a status lookup that settled nothing leaves behind; it paces the next lookup. */
export const RECONCILE_CHECK_EVENT = 'reconcile_check';

export interface UnknownCandidate {
  id: string;
  gateway: string;
  gatewayMessageId: string | null;
  to: string;
}

export interface UnknownQuery {
  /** Gateways whose config can look messages up. */
  gateways: readonly string[];
  /** Unknown for at least this long before the first lookup. */
  olderThan: Date;
  /** Unknown since before this is left to a human (resend). */
  since: Date;
  now: Date;
  limit: number;
}

/**
 * `unknown` messages due a status lookup, least recently looked at first. Lookups back off: the
 * next one waits as long as the message had been unknown at the previous one (1 min, 2, 4 … at
 * most an hour). The previous lookups are the `reconcile_check` events since the message became
 * unknown (updated_at), so the bookkeeping is the message's own history.
 */
export async function unknownDueForLookup(db: Db, q: UnknownQuery): Promise<UnknownCandidate[]> {
  if (q.gateways.length === 0) return [];
  const gateways = sql.join(
    q.gateways.map((g) => sql`${g}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    SELECT m.id, m.gateway, m.gateway_message_id, m."to"
    FROM messages m
    LEFT JOIN LATERAL (
      SELECT max(e.at) AS last FROM message_events e
      WHERE e.message_id = m.id AND e.type = ${RECONCILE_CHECK_EVENT} AND e.at >= m.updated_at
    ) c ON true
    WHERE m.status = 'unknown' AND m.updated_at < ${ts(q.olderThan)} AND m.updated_at >= ${ts(q.since)}
      AND m.gateway IN (${gateways})
      AND (c.last IS NULL OR c.last <= ${ts(q.now)} - LEAST(interval '1 hour', GREATEST(interval '1 minute', c.last - m.updated_at)))
    ORDER BY coalesce(c.last, m.updated_at), m.id
    LIMIT ${q.limit}`);
  return rowsOf(result).map((r) => ({
    id: String(r['id']),
    gateway: String(r['gateway']),
    gatewayMessageId: r['gateway_message_id'] === null ? null : String(r['gateway_message_id']),
    to: String(r['to']),
  }));
}

/** Records a lookup that settled nothing (the message stays unknown), dated `at`. */
export async function recordReconcileCheck(db: Db, id: string, at: Date, detail: Record<string, unknown>): Promise<void> {
  await db.execute(sql`
    INSERT INTO message_events (message_id, at, type, status, attempt, gateway, detail)
    SELECT id, ${ts(at)}, ${RECONCILE_CHECK_EVENT}, status, attempts, gateway, ${JSON.stringify(detail)}::jsonb
    FROM messages WHERE id = ${id}`);
}
