import { TERMINAL_STATUSES } from '@smsgw/core';

/**
 * The consequences of a message entering (or, by an operator's resend, leaving) a terminal
 * status, as CTE bodies every statement that moves messages appends: the batch's progress and
 * its `batch.completed` outbox row. Written by the same statement as the status change, so a
 * batch can neither miss its last message nor announce its completion twice.
 */

const iso = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `IN (…)` list of the terminal statuses (constant, so a statement's text stays constant). */
export const TERMINAL_SQL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(', ')})`;

/** The batch as the application sees it in a `batch.completed` webhook, from a `batches` row alias. */
export function batchJson(b: string): string {
  return `jsonb_build_object('id', ${b}.id, 'total', ${b}.total, 'done', ${b}.done,
    'createdAt', ${iso(`${b}.created_at`)}, 'completedAt', ${iso(`${b}.completed_at`)})`;
}

export interface EffectsSource {
  /**
   * A CTE of changed `messages` rows (new values) with a `bwhk` column: a pre-made delivery id,
   * used when the row's change completes its batch.
   */
  from: string;
  /** SQL over alias `c` (a row of `from`): the row entered a terminal status in this statement. */
  entered: string;
  /** SQL over alias `c`: the row left a terminal status (a resend); `false` for the hot statements. */
  left?: string;
}

/**
 * CTEs (to follow a `WITH … ,`) named `bl`, `bd`, `bu`, `bw`: `bw` returns the ids of the
 * `batch.completed` deliveries written, with the batch id (`batch_id`), for the caller's wake-up.
 * Batch rows are locked in id order first (`bl`), so two statements touching the same batches
 * take their locks in the same order and cannot deadlock on them.
 */
export function terminalEffects(src: EffectsSource): string {
  const left = src.left ?? 'false';
  const delta = `CASE WHEN ${src.entered} THEN 1 WHEN ${left} THEN -1 ELSE 0 END`;
  return `bd AS (
  SELECT c.batch_id AS id, sum(${delta})::int AS n, min(c.bwhk) AS whk
  FROM ${src.from} c WHERE c.batch_id IS NOT NULL GROUP BY c.batch_id
), bl AS (
  SELECT b.id FROM batches b WHERE b.id IN (SELECT bd.id FROM bd WHERE bd.n <> 0) ORDER BY b.id FOR UPDATE
), bu AS (
  UPDATE batches b SET done = b.done + bd.n,
    completed_at = CASE WHEN b.done + bd.n >= b.total THEN coalesce(b.completed_at, now()) END
  FROM bd JOIN bl ON bl.id = bd.id
  WHERE b.id = bd.id
  -- RETURNING sees the new done: the batch completed in this statement when it crossed total.
  RETURNING b.*, bd.whk, (b.done >= b.total AND b.done - bd.n < b.total) AS completed
), bw AS (
  INSERT INTO webhook_deliveries (id, account_id, url, event_type, payload)
  SELECT bu.whk, bu.account_id, coalesce(bu.webhook_url, a.webhook_url), 'batch.completed',
         jsonb_build_object('type', 'batch.completed', 'timestamp', ${iso('bu.completed_at')}, 'data', ${batchJson('bu')})
  FROM bu JOIN accounts a ON a.id = bu.account_id
  WHERE bu.completed AND coalesce(bu.webhook_url, a.webhook_url) IS NOT NULL
  RETURNING id, (payload -> 'data' ->> 'id') AS batch_id
)`;
}

/** A select-list column: the `batch.completed` delivery (if any) of row `m`'s batch. */
export const batchWebhookColumn = (m: string): string => `(SELECT bw.id FROM bw WHERE bw.batch_id = ${m}.batch_id) AS batch_webhook_id`;
