import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db, MessageRow } from '../types.js';
import { rowsOf } from '../rows.js';
import { billingRuns, messages } from '../schema/index.js';

export type BillingRunRow = typeof billingRuns.$inferSelect;

/**
 * What a message costs: the provider's charge when its report gave one (final), else segments ×
 * the rate it was accepted at (estimated); null when neither is known.
 */
const COST = `coalesce(m.gateway_charge, m.segments * m.rate)`;
const COST_CURRENCY = `CASE WHEN m.gateway_charge IS NOT NULL THEN coalesce(m.charge_currency, m.rate_currency) ELSE m.rate_currency END`;
/**
 * A message is billable once the gateway took it (sent or delivered) or charged for it: one still
 * in flight waits for a later run; one cancelled, expired or failed without a charge never costs.
 */
const BILLABLE = `(m.status IN ('sent', 'delivered') OR m.gateway_charge IS NOT NULL)`;

export interface Billee {
  type: string;
  id: string;
}

export interface UnbilledQuery {
  /** One billee; every billee of the account (and messages without one) when absent. */
  billee?: Billee | undefined;
  /** Messages accepted up to this instant. */
  until: Date;
}

/** The unbilled billable messages of an account up to `until` (a fragment over alias `m`). */
function unbilledWhere(accountId: string, q: UnbilledQuery): SQL {
  const billee = q.billee ? sql` AND m.billee_type = ${q.billee.type} AND m.billee_id = ${q.billee.id}` : sql``;
  return sql`m.account_id = ${accountId} AND m.billed = false AND ${sql.raw(BILLABLE)}
    AND m.created_at <= ${q.until.toISOString()}::timestamptz${billee}`;
}

export interface BilleeTotal {
  billee: Billee | null;
  currency: string | null;
  messages: number;
  segments: number;
  /** Sum of the known costs, decimal text; `unpriced` messages have none (no rate, no charge). */
  cost: string | null;
  unpriced: number;
}

/**
 * The oldest unbilled billable message's id, in one probe of messages_billable_idx (only that
 * index has the "C" order), as a bound for the statements that read every unbilled row: the
 * planner cannot know those rows are the newest, and at 10M messages it chose a sequential scan
 * of the whole table (3.4 s) over the index. With `id >= <this>` as a known value it sees the
 * small range they are in. Undefined when there is nothing to bill.
 */
async function oldestUnbilledId(db: Db, accountId: string, q: UnbilledQuery): Promise<string | undefined> {
  const [row] = rowsOf(
    await db.execute(sql`SELECT m.id FROM messages m WHERE ${unbilledWhere(accountId, q)} ORDER BY (m.id COLLATE "C") LIMIT 1`),
  );
  return row ? String(row['id']) : undefined;
}

/** Unbilled totals per billee and currency. */
export async function unbilledTotals(db: Db, accountId: string, q: UnbilledQuery): Promise<BilleeTotal[]> {
  const from = await oldestUnbilledId(db, accountId, q);
  if (from === undefined) return [];
  const result = await db.execute(sql`
    SELECT m.billee_type, m.billee_id, ${sql.raw(COST_CURRENCY)} AS currency, count(*)::int AS messages,
      sum(m.segments)::int AS segments, sum(${sql.raw(COST)})::text AS cost, count(*) FILTER (WHERE ${sql.raw(COST)} IS NULL)::int AS unpriced
    FROM messages m WHERE ${unbilledWhere(accountId, q)} AND m.id >= ${from}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return rowsOf(result).map((r) => ({
    billee: r['billee_type'] === null || r['billee_id'] === null ? null : { type: String(r['billee_type']), id: String(r['billee_id']) },
    currency: r['currency'] === null ? null : String(r['currency']),
    messages: Number(r['messages']),
    segments: Number(r['segments']),
    cost: r['cost'] === null ? null : String(r['cost']),
    unpriced: Number(r['unpriced']),
  }));
}

/** One page of the unbilled billable messages, oldest first (`after`: the previous page's last id). */
export async function listUnbilled(
  db: Db,
  accountId: string,
  q: UnbilledQuery & { after?: string | undefined; limit: number },
): Promise<MessageRow[]> {
  // In "C" order (the same order, for ids) so that only messages_billable_idx can give it: by id
  // the planner may walk the primary key from the oldest row, through the whole billed history.
  const after = q.after ? sql` AND (m.id COLLATE "C") > ${q.after}` : sql``;
  const result = await db.execute(
    sql`SELECT m.id FROM messages m WHERE ${unbilledWhere(accountId, q)}${after} ORDER BY (m.id COLLATE "C") LIMIT ${q.limit}`,
  );
  const ids = rowsOf(result).map((r) => String(r['id']));
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(
      sql`${messages.id} IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(messages.id));
}

export interface NewBillingRun {
  id: string;
  accountId: string;
  billee?: Billee | undefined;
  until: Date;
  idempotencyKey: string | null;
  requestHash: string | null;
}

export interface RunOutcome {
  run: BillingRunRow;
  /** False when the Idempotency-Key was used before: `run` is that first run, nothing was billed now. */
  created: boolean;
}

/**
 * Marks the matching messages billed, in ONE statement with the run row: each message carries
 * the run and the amount it was billed at. Exactly once, whoever runs concurrently: a message
 * another run is marking is waited for, then re-checked (`billed = false`) under READ COMMITTED
 * and skipped. A repeated Idempotency-Key inserts no run, so it marks nothing.
 */
export async function createBillingRun(db: Db, r: NewBillingRun): Promise<RunOutcome> {
  const q: UnbilledQuery = { billee: r.billee, until: r.until };
  // A message that becomes billable between this read and the update, older than the bound, is
  // left to the next run, as if it had become billable just after this one.
  const from = await oldestUnbilledId(db, r.accountId, q);
  const bound = from === undefined ? sql` AND false` : sql` AND m.id >= ${from}`;
  const result = await db.execute(sql`
    WITH r AS (
      INSERT INTO billing_runs (id, account_id, billee_type, billee_id, until, idempotency_key, request_hash)
      VALUES (${r.id}, ${r.accountId}, ${r.billee?.type ?? null}, ${r.billee?.id ?? null}, ${r.until.toISOString()}::timestamptz,
        ${r.idempotencyKey}, ${r.requestHash})
      ON CONFLICT (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
      RETURNING id
    ), u AS (
      UPDATE messages m SET billed = true, billed_at = now(), billing_run_id = r.id,
        billed_amount = ${sql.raw(COST)}, billed_currency = ${sql.raw(COST_CURRENCY)}
      FROM r WHERE ${unbilledWhere(r.accountId, q)}${bound}
      RETURNING m.id
    )
    SELECT r.id, (SELECT count(*) FROM u)::int AS n FROM r`);
  const created = rowsOf(result).length > 0;
  const run = created
    ? await getBillingRun(db, r.accountId, r.id)
    : r.idempotencyKey === null
      ? undefined
      : (
          await db
            .select()
            .from(billingRuns)
            .where(and(eq(billingRuns.accountId, r.accountId), eq(billingRuns.idempotencyKey, r.idempotencyKey)))
        )[0];
  if (!run) throw new Error('billing run neither created nor found');
  return { run, created };
}

/** A run of this account, or undefined. */
export async function getBillingRun(db: Db, accountId: string, id: string): Promise<BillingRunRow | undefined> {
  const [row] = await db
    .select()
    .from(billingRuns)
    .where(and(eq(billingRuns.id, id), eq(billingRuns.accountId, accountId)));
  return row;
}

export interface RunTotal {
  currency: string | null;
  messages: number;
  segments: number;
  /** Decimal text; null when none of these messages had a price. */
  amount: string | null;
}

/** What a run billed, per currency, from the amounts it froze on the messages. */
export async function billingRunTotals(db: Db, runId: string): Promise<RunTotal[]> {
  const result = await db.execute(sql`
    SELECT billed_currency AS currency, count(*)::int AS messages, sum(segments)::int AS segments, sum(billed_amount)::text AS amount
    FROM messages WHERE billing_run_id = ${runId} GROUP BY billed_currency ORDER BY billed_currency`);
  return rowsOf(result).map((r) => ({
    currency: r['currency'] === null ? null : String(r['currency']),
    messages: Number(r['messages']),
    segments: Number(r['segments']),
    amount: r['amount'] === null ? null : String(r['amount']),
  }));
}

/** One page of a run's messages in id order, for its export (`after`: the previous page's last id). */
export async function billingRunMessages(db: Db, runId: string, after: string | undefined, limit: number): Promise<MessageRow[]> {
  const conds: SQL[] = [eq(messages.billingRunId, runId)];
  if (after) conds.push(gt(messages.id, after));
  return db
    .select()
    .from(messages)
    .where(and(...conds))
    .orderBy(asc(messages.id))
    .limit(limit);
}
