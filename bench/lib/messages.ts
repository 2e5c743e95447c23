/**
 * Every product figure comes from the messages table: per phase (a block of recipients) the
 * counts by status, and rates and latencies from created_at, sent_at and the moment the
 * delivery report was applied.
 *
 * "Delivered" time is `updated_at` of a delivered row, not `delivered_at`: the latter is the
 * provider's report timestamp, which the sandbox gives in whole seconds (so it can even precede
 * sent_at). `updated_at` is set by the statement that moved the row to delivered.
 */
import type { Sql } from './database.js';
import { sleep } from './net.js';
import { blockPrefix } from '../workload.js';

export type StatusCounts = Record<string, number>;

/** Blocks as the list of their recipient prefixes, for `left("to", 7) IN ...`. */
const prefixes = (blocks: number | number[]) => (Array.isArray(blocks) ? blocks : [blocks]).map(blockPrefix);

export async function statusCounts(sql: Sql, blocks: number | number[]): Promise<StatusCounts> {
  const rows = await sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM messages WHERE left("to", 7) IN ${sql(prefixes(blocks))} GROUP BY status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Statuses a message does not leave on its own: one of them means the phase cannot complete. */
const STUCK = ['failed', 'expired', 'cancelled', 'unknown', 'rejected'];

export interface Drain {
  ok: boolean;
  last: StatusCounts;
  problem?: string;
}

/**
 * Polls (every `intervalMs`; rates come from row timestamps, so polling only costs tail time)
 * until `expected` messages of `blocks` are delivered (or at least sent, with `until: 'sent'`).
 * Gives up when a message is stuck, nothing changed for `stallMs` (while draining, statuses
 * change many times a second: 10 s without one means nothing is moving), or at `deadline`.
 */
export async function waitForDrain(
  sql: Sql,
  blocks: number | number[],
  expected: number,
  opts: { deadline: number; stallMs?: number; intervalMs?: number; until?: 'sent' | 'delivered' },
): Promise<Drain> {
  const stallMs = opts.stallMs ?? 10_000;
  let last: StatusCounts = {};
  let lastChange = Date.now();
  for (;;) {
    const counts = await statusCounts(sql, blocks);
    if (JSON.stringify(counts) !== JSON.stringify(last)) lastChange = Date.now();
    last = counts;
    const delivered = counts['delivered'] ?? 0;
    const done = opts.until === 'sent' ? delivered + (counts['sent'] ?? 0) : delivered;
    if (done >= expected) return { ok: true, last };
    const stuck = STUCK.filter((s) => (counts[s] ?? 0) > 0);
    if (stuck.length > 0) return { ok: false, last, problem: `messages ended ${stuck.map((s) => `${s}: ${counts[s]}`).join(', ')}` };
    if (Date.now() - lastChange > stallMs) return { ok: false, last, problem: `no status changed for ${stallMs} ms` };
    if (Date.now() > opts.deadline) return { ok: false, last, problem: 'the phase deadline passed' };
    await sleep(opts.intervalMs ?? 500);
  }
}

export interface BlockFigures {
  n: number;
  sent: number;
  delivered: number;
  firstCreatedMs: number;
  lastCreatedMs: number;
  firstSentMs: number;
  lastSentMs: number;
  lastDeliveredMs: number;
  /** Per message, created_at -> sent_at (ms). */
  acceptToSent: { p50: number; p99: number; max: number };
  /** Per message, created_at -> the report applied (updated_at of a delivered row, ms). */
  acceptToDelivered: { p50: number; p99: number; max: number };
}

const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(v));
const r1 = (v: number) => Math.round(v * 10) / 10;

export async function blockFigures(sql: Sql, block: number): Promise<BlockFigures> {
  const [row] = await sql<Record<string, unknown>[]>`
    WITH m AS (
      SELECT status, extract(epoch FROM created_at) * 1000 AS c, extract(epoch FROM sent_at) * 1000 AS s,
             CASE WHEN status = 'delivered' THEN extract(epoch FROM updated_at) * 1000 END AS d
      FROM messages WHERE left("to", 7) = ${blockPrefix(block)})
    SELECT count(*)::int AS n, count(s)::int AS sent, count(d)::int AS delivered,
           min(c) AS first_c, max(c) AS last_c, min(s) AS first_s, max(s) AS last_s, max(d) AS last_d,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY s - c) AS s50, percentile_disc(0.99) WITHIN GROUP (ORDER BY s - c) AS s99,
           max(s - c) AS smax,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY d - c) AS d50, percentile_disc(0.99) WITHIN GROUP (ORDER BY d - c) AS d99,
           max(d - c) AS dmax
    FROM m`;
  const v = row ?? {};
  return {
    n: num(v['n']),
    sent: num(v['sent']),
    delivered: num(v['delivered']),
    firstCreatedMs: num(v['first_c']),
    lastCreatedMs: num(v['last_c']),
    firstSentMs: num(v['first_s']),
    lastSentMs: num(v['last_s']),
    lastDeliveredMs: num(v['last_d']),
    acceptToSent: { p50: r1(num(v['s50'])), p99: r1(num(v['s99'])), max: r1(num(v['smax'])) },
    acceptToDelivered: { p50: r1(num(v['d50'])), p99: r1(num(v['d99'])), max: r1(num(v['dmax'])) },
  };
}

/**
 * For the messages of `block` that are not delivered: their status and the state of any
 * delivery report stored for them (matched by id, or still unmatched by the provider's id), e.g.
 * `{"sent / parked": 3, "sent / no report": 2}`. Tells a report never received from one received
 * and not applied.
 */
export async function undeliveredDiagnosis(sql: Sql, blocks: number | number[]): Promise<Record<string, number>> {
  const rows = await sql<{ what: string; n: number }[]>`
    SELECT m.status || ' / ' || coalesce(r.state, 'no report') AS what, count(*)::int AS n
    FROM messages m
    LEFT JOIN status_reports r ON r.message_id = m.id
      OR (r.message_id IS NULL AND r.gateway = m.gateway AND r.gateway_message_id = m.gateway_message_id)
    WHERE left(m."to", 7) IN ${sql(prefixes(blocks))} AND m.status <> 'delivered'
    GROUP BY 1 ORDER BY 2 DESC LIMIT 20`;
  return Object.fromEntries(rows.map((r) => [r.what, r.n]));
}

/** Messages per second over a span of milliseconds (0 when the span is unknown). */
export function rate(count: number, spanMs: number): number {
  return Number.isFinite(spanMs) && spanMs > 0 ? Math.round((count * 1000) / spanMs) : 0;
}

export interface Correctness {
  /** Answered 202 but no row exists, or the row was never sent. */
  lost: number;
  /** Rows not delivered at the end. */
  undelivered: number;
  /** Ids the load generators were given that the database does not know. */
  missingRows: number;
  statuses: StatusCounts;
  /** Ids of every message row (to match the sandbox's record against). */
  ids: Set<string>;
}

/** The whole product run: every id answered 202 must be a row, sent, and delivered. */
export async function correctness(sql: Sql, acceptedIds: readonly string[]): Promise<Correctness> {
  const rows = await sql<{ id: string; status: string; sent: boolean }[]>`SELECT id, status, sent_at IS NOT NULL AS sent FROM messages`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const statuses: StatusCounts = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const told = new Set(acceptedIds);
  let missingRows = 0;
  let lost = 0;
  for (const id of told) {
    const r = byId.get(id);
    if (!r) missingRows++;
    if (!r?.sent) lost++;
  }
  // Rows nobody was told about (a request that timed out after the insert) still count.
  for (const r of rows) if (!r.sent && !told.has(r.id)) lost++;
  const undelivered = rows.filter((r) => r.status !== 'delivered').length;
  return { lost, undelivered, missingRows, statuses, ids: new Set(byId.keys()) };
}
