import { TERMINAL_STATUSES } from '@smsgw/core';

/**
 * The consequences of a message entering (or, by an operator's resend, leaving) a terminal
 * status, as CTE bodies every statement that moves messages appends: the batch's progress and
 * its `batch.completed` outbox row, and the settlement of the prepaid billee's reservation.
 * Written by the same statement as the status change, so a batch can neither miss its last
 * message nor announce its completion twice, and a reservation is never left behind.
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
 * CTEs (to follow a `WITH … ,`) named `bd`, `bl`, `bu`, `bw` (batches) and `xs`, `xl`, `xk`,
 * `xu` (credit): `bw` returns the ids of the `batch.completed` deliveries written, with the batch
 * id (`batch_id`), for the caller's wake-up. Batch and credit rows are locked in key order first
 * (`bl`, `xk`), so statements touching the same ones take their locks in the same order. The
 * lock is NO KEY UPDATE: the accept's foreign-key checks on a batch (KEY SHARE) do not wait on it.
 */
export function terminalEffects(src: EffectsSource): string {
  return `${batchEffects(src)},
${creditEffects(src)}`;
}

/**
 * A prepaid message that became final gives its reservation back: `settle` when delivered (the
 * provider's charge when its report gave one in the credit's currency, else the estimate is
 * spent), `release` otherwise (failed, cancelled, expired: nothing spent). Once per message: the
 * ledger's unique index turns a second entry (after a resend) into nothing, and only the entries
 * written move the credit.
 */
function creditEffects(src: EffectsSource): string {
  return `xs AS (
  SELECT c.id, c.account_id, c.billee_type, c.billee_id, c.status, c.credit_reserved AS reserved,
    CASE WHEN c.status <> 'delivered' THEN 0
         WHEN c.gateway_charge IS NOT NULL AND coalesce(c.charge_currency, c.rate_currency) = c.rate_currency THEN c.gateway_charge
         ELSE c.credit_reserved END AS spent
  FROM ${src.from} c WHERE c.credit_reserved IS NOT NULL AND ${src.entered}
), xl AS (
  INSERT INTO credit_ledger (account_id, billee_type, billee_id, message_id, kind, amount)
  SELECT xs.account_id, xs.billee_type, xs.billee_id, xs.id, CASE WHEN xs.status = 'delivered' THEN 'settle' ELSE 'release' END,
    xs.reserved - xs.spent
  FROM xs
  ON CONFLICT (message_id) WHERE kind IN ('settle', 'release') DO NOTHING
  RETURNING message_id
), xk AS (
  SELECT k.account_id, k.billee_type, k.billee_id FROM billee_credits k
  WHERE (k.account_id, k.billee_type, k.billee_id) IN (SELECT xs.account_id, xs.billee_type, xs.billee_id FROM xs JOIN xl ON xl.message_id = xs.id)
  ORDER BY k.account_id, k.billee_type, k.billee_id FOR NO KEY UPDATE
), xu AS (
  UPDATE billee_credits k SET reserved = k.reserved - s.reserved, spent = k.spent + s.spent, updated_at = now()
  FROM (SELECT xs.account_id, xs.billee_type, xs.billee_id, sum(xs.reserved) AS reserved, sum(xs.spent) AS spent
        FROM xs JOIN xl ON xl.message_id = xs.id GROUP BY 1, 2, 3) s
  JOIN xk ON xk.account_id = s.account_id AND xk.billee_type = s.billee_type AND xk.billee_id = s.billee_id
  WHERE k.account_id = s.account_id AND k.billee_type = s.billee_type AND k.billee_id = s.billee_id
)`;
}

function batchEffects(src: EffectsSource): string {
  const left = src.left ?? 'false';
  const delta = `CASE WHEN ${src.entered} THEN 1 WHEN ${left} THEN -1 ELSE 0 END`;
  return `bd AS (
  SELECT c.batch_id AS id, sum(${delta})::int AS n, min(c.bwhk) AS whk
  FROM ${src.from} c WHERE c.batch_id IS NOT NULL GROUP BY c.batch_id
), bl AS (
  SELECT b.id FROM batches b WHERE b.id IN (SELECT bd.id FROM bd WHERE bd.n <> 0) ORDER BY b.id FOR NO KEY UPDATE
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
