import type { Logger } from 'pino';
import { CANCELLABLE, sendDelayMs } from '@smsgw/core';
import {
  applyPendingReports,
  getMessageById,
  hasUnknownSince,
  inflightPage,
  rowsOf,
  stalePendingDeliveries,
  stalePendingReplyHandlers,
  staleMessages,
  transition,
  type Db,
  type InflightCursor,
} from '@smsgw/db';
import type { Queues, UnsentMarkers } from '@smsgw/queues';
import { sql } from 'drizzle-orm';
import { RECONCILE_AFTER_MS, requestReconcile } from './reconcile.js';

export { reconcileUnknown, type ReconcileReport } from './reconcile.js';

export interface SweepDeps {
  db: Db;
  queues: Queues;
  stuckSendingMs: number;
  log: Logger;
  /**
   * The workers' claimed-not-sent markers: a stuck send whose marker the sweep can take never
   * sent its request, and goes back to the queue. Without them every stuck send is `unknown`.
   */
  unsent?: UnsentMarkers;
  /** Rows per page, and rows one lost-job scan may visit per run (defaults 500 and 5000). */
  scan?: { pageSize: number; budget: number };
}

export interface SweepReport {
  requeued: number;
  webhooksRequeued: number;
  reconciled: number;
  /** Stuck sends that certainly never sent their request, queued again. */
  released: number;
  /** Reply handler jobs that Redis lost, queued again. */
  handlersRequeued: number;
  expired: number;
  reportsApplied: number;
}

const BATCH = 500;
/** A queued row this old with no live job was lost by Redis (or its enqueue failed). */
const LOST_AFTER_MS = 60_000;
/** A report this old that is still waiting although its send was stored lost the race to it. */
const RACE_SETTLE_MS = 5_000;
/** A scheduled row's job matters once its send time is this near; a far-future one can wait. */
const DUE_HORIZON_MS = 5 * 60_000;
const SCAN_BUDGET = 5_000;
/** A resume point a day old is stale anyway; losing one only restarts its scan at the oldest row. */
const CURSOR_TTL_S = 24 * 3600;

function parseCursor(text: string | null): InflightCursor | undefined {
  if (text === null) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return undefined;
    const { at, id } = v as Record<string, unknown>;
    return typeof at === 'string' && typeof id === 'string' ? { at, id } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes sure every `queued` row (or `scheduled` row due soon) untouched for a while has a job.
 * One status per scan, so a crowd of far-future scheduled rows cannot hide a lost queued one;
 * keyset pages from where the previous run stopped (a cursor in Redis), so a backlog larger than
 * one run's budget is still visited row by row, over as many runs as it takes.
 */
async function requeueLost(deps: SweepDeps, status: 'queued' | 'scheduled', now: Date): Promise<number> {
  const pageSize = deps.scan?.pageSize ?? BATCH;
  const budget = deps.scan?.budget ?? SCAN_BUDGET;
  const redis = deps.queues.connection;
  const key = `${deps.queues.prefix}:sweep:cursor:${status}`;
  const untouchedSince = new Date(now.getTime() - LOST_AFTER_MS);
  const dueBy = status === 'scheduled' ? new Date(now.getTime() + DUE_HORIZON_MS) : undefined;
  let after = parseCursor(await redis.get(key));
  let visited = 0;
  let requeued = 0;
  for (;;) {
    const limit = Math.min(pageSize, budget - visited);
    if (limit <= 0) break;
    const page = await inflightPage(deps.db, { status, untouchedSince, dueBy, after, limit });
    for (const m of page) {
      if (!m.gateway) continue;
      const delayMs = sendDelayMs({ status, sendAt: m.sendAt }, now.getTime());
      if (await deps.queues.ensure('send', { messageId: m.id }, { gateway: m.gateway, delayMs })) requeued++;
    }
    visited += page.length;
    const last = page.at(-1);
    // A short page is the end: the next run starts again from the oldest row.
    after = page.length < limit ? undefined : last?.cursor;
    if (after === undefined) break;
  }
  if (after) await redis.set(key, JSON.stringify(after), 'EX', CURSOR_TTL_S);
  else await redis.del(key);
  return requeued;
}

/**
 * The safety net under the queue: PostgreSQL is the truth, so rows are checked against it.
 * Queued rows whose job is gone are re-enqueued; rows stuck in `sending` (the worker died
 * mid-send) become `unknown`, never resent blindly; rows past validUntil expire.
 */
export async function sweep(deps: SweepDeps, now = new Date()): Promise<SweepReport> {
  const report: SweepReport = {
    requeued: 0,
    reconciled: 0,
    released: 0,
    expired: 0,
    webhooksRequeued: 0,
    handlersRequeued: 0,
    reportsApplied: 0,
  };

  // Expired one by one through `transition`, which writes each one's event and webhook row. An
  // expiry is a cancel by the clock: it takes what a client could still cancel.
  const expirable = [...CANCELLABLE];
  // Literals, not parameters, so the planner can match the partial index on in-flight statuses.
  const due = await deps.db.execute(sql`
    SELECT id FROM messages
    WHERE status IN (${sql.raw(expirable.map((s) => `'${s}'`).join(', '))}) AND valid_until IS NOT NULL AND valid_until < ${now.toISOString()}::timestamptz
    LIMIT ${BATCH}`);
  for (const { id } of rowsOf(due)) {
    const row = await transition(
      deps.db,
      String(id),
      expirable,
      { status: 'expired', statusMessage: 'validUntil passed before sending' },
      { type: 'expired' },
    );
    if (row) report.expired++;
  }

  const lostBefore = new Date(now.getTime() - LOST_AFTER_MS);
  report.requeued += await requeueLost(deps, 'queued', now);
  report.requeued += await requeueLost(deps, 'scheduled', now);

  const stuckBefore = new Date(now.getTime() - deps.stuckSendingMs);
  for (const m of await staleMessages(deps.db, ['sending'], stuckBefore, BATCH)) {
    // Only the stuck claim's own marker counts: a later job's (a retry waiting to claim while the
    // row still says `sending`) would say nothing about whether this claim's request left.
    if (m.gateway && m.claimToken && deps.unsent && (await deps.unsent.seize(m.id, m.claimToken))) {
      // The worker died (or stalled) before its request: nothing was sent, so it may go again.
      const back = await transition(
        deps.db,
        m.id,
        ['sending'],
        // attempts stays: the next claim must carry a new number, so the stalled worker's claim (if it
        // wakes) can no longer store anything (FINISH checks the claim's attempt number).
        { status: 'queued', statusMessage: 'the worker stopped before sending' },
        { type: 'released', detail: { reason: 'the worker stopped before sending' } },
        // Still the claim whose marker was taken, not a newer one made since the select.
        sql`claim_token = ${m.claimToken}`,
      );
      if (back) {
        report.released++;
        await deps.queues.ensure('send', { messageId: m.id }, { gateway: m.gateway });
      }
      continue;
    }
    const row = await transition(
      deps.db,
      m.id,
      ['sending'],
      { status: 'unknown', statusMessage: 'the worker stopped during the send; outcome unknown' },
      { type: 'reconciled', detail: {} },
    );
    if (row) {
      report.reconciled++;
      // A report parked while the send was in flight says what became of it.
      await applyPendingReports(deps.db, row);
    }
  }
  // A report whose applier died between taking it (`applying`) and storing what it did (a worker
  // killed, a statement failed with the database) would wait forever: the provider was answered,
  // so nobody sends it again. Long after receipt it goes back to waiting, and is applied below.
  // Applying it again is safe: an applied status makes the second decision "ignore".
  await deps.db.execute(sql`
    UPDATE status_reports SET state = CASE WHEN message_id IS NULL THEN 'unmatched' ELSE 'parked' END
    WHERE state = 'applying' AND received_at < ${lostBefore.toISOString()}::timestamptz`);
  // A report that raced its send (stored as unmatched or parked after the send's outcome looked
  // for it) is applied here: the send path's own check catches almost all, this catches the rest.
  const raced = await deps.db.execute(sql`
    SELECT DISTINCT m.id FROM status_reports r
    JOIN messages m ON m.id = r.message_id OR (m.gateway = r.gateway AND m.gateway_message_id = r.gateway_message_id)
    WHERE r.state IN ('unmatched', 'parked') AND m.status <> 'sending'
      AND r.received_at < ${new Date(now.getTime() - RACE_SETTLE_MS).toISOString()}::timestamptz
    LIMIT ${BATCH}`);
  for (const { id } of rowsOf(raced)) {
    const message = await getMessageById(deps.db, String(id));
    if (!message) continue;
    report.reportsApplied += (await applyPendingReports(deps.db, message)).length;
  }
  // A webhook row whose enqueue failed (Redis down at that moment) is queued again.
  for (const id of await stalePendingDeliveries(deps.db, lostBefore, BATCH)) {
    if (await deps.queues.exists('webhook', { deliveryId: id })) continue;
    await deps.queues.enqueue('webhook', { deliveryId: id });
    report.webhooksRequeued++;
  }
  // A reply whose handler job Redis lost (the reply row says a handler is still due).
  for (const id of await stalePendingReplyHandlers(deps.db, lostBefore, BATCH)) {
    if (await deps.queues.exists('replyHandler', { replyId: id })) continue;
    await deps.queues.enqueue('replyHandler', { replyId: id });
    report.handlersRequeued++;
  }
  // The sweep runs anyway and knows when a lookup is worth it: it is the reconcile task's clock.
  if (await hasUnknownSince(deps.db, new Date(now.getTime() - RECONCILE_AFTER_MS))) await requestReconcile(deps.queues);
  if (Object.values(report).some((n) => n > 0)) deps.log.info(report, 'sweep');
  return report;
}
