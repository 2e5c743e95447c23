import type { Logger } from 'pino';
import { JOBS, sendQueueName } from '@smsgw/core';
import { applyPendingReports, getMessageById, rowsOf, stalePendingDeliveries, staleMessages, transition, type Db, type MessageRow } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';
import { sql } from 'drizzle-orm';

export interface SweepDeps {
  db: Db;
  queues: Queues;
  stuckSendingMs: number;
  onChange: (message: MessageRow & { webhookId?: string | null }) => Promise<void>;
  log: Logger;
}

export interface SweepReport {
  requeued: number;
  webhooksRequeued: number;
  reconciled: number;
  expired: number;
  reportsApplied: number;
}

const BATCH = 500;
/** A queued row this old with no live job was lost by Redis (or its enqueue failed). */
const LOST_AFTER_MS = 60_000;
/** A report this old that is still waiting although its send was stored lost the race to it. */
const RACE_SETTLE_MS = 5_000;

/** Makes sure a job exists for a queued row; a finished job with the same id is removed first. */
async function ensureJob(queues: Queues, gateway: string, id: string, delayMs: number): Promise<boolean> {
  const queue = queues.get(sendQueueName(gateway));
  const job = await queue.getJob(id);
  if (job) {
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    await job.remove();
  }
  await queues.enqueueSend(gateway, id, { delayMs });
  return true;
}

/**
 * The safety net under the queue: PostgreSQL is the truth, so rows are checked against it.
 * Queued rows whose job is gone are re-enqueued; rows stuck in `sending` (the worker died
 * mid-send) become `unknown`, never resent blindly; rows past validUntil expire.
 */
export async function sweep(deps: SweepDeps, now = new Date()): Promise<SweepReport> {
  const report: SweepReport = { requeued: 0, reconciled: 0, expired: 0, webhooksRequeued: 0, reportsApplied: 0 };

  // Expired one by one through `transition`, which writes each one's event and webhook row.
  const due = await deps.db.execute(sql`
    SELECT id FROM messages
    WHERE status IN ('queued', 'scheduled') AND valid_until IS NOT NULL AND valid_until < ${now.toISOString()}::timestamptz
    LIMIT ${BATCH}`);
  for (const { id } of rowsOf(due)) {
    const row = await transition(
      deps.db,
      String(id),
      ['queued', 'scheduled'],
      { status: 'expired', statusMessage: 'validUntil passed before sending' },
      { type: 'expired' },
    );
    if (!row) continue;
    report.expired++;
    await deps.onChange(row);
  }

  const lostBefore = new Date(now.getTime() - LOST_AFTER_MS);
  for (const m of await staleMessages(deps.db, ['queued', 'scheduled'], lostBefore, BATCH)) {
    if (!m.gateway) continue;
    const delayMs = m.sendAt ? Math.max(0, m.sendAt.getTime() - now.getTime()) : 0;
    if (await ensureJob(deps.queues, m.gateway, m.id, delayMs)) report.requeued++;
  }

  const stuckBefore = new Date(now.getTime() - deps.stuckSendingMs);
  for (const m of await staleMessages(deps.db, ['sending'], stuckBefore, BATCH)) {
    const row = await transition(
      deps.db,
      m.id,
      ['sending'],
      { status: 'unknown', statusMessage: 'the worker stopped during the send; outcome unknown' },
      { type: 'reconciled', detail: {} },
    );
    if (row) {
      report.reconciled++;
      await deps.onChange(row);
      // A report parked while the send was in flight says what became of it.
      for (const r of await applyPendingReports(deps.db, row)) if (r.changed) await deps.onChange(r.changed);
    }
  }
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
    for (const r of await applyPendingReports(deps.db, message)) {
      report.reportsApplied++;
      if (r.changed) await deps.onChange(r.changed);
    }
  }
  // A webhook row whose enqueue failed (Redis down at that moment) is queued again.
  for (const id of await stalePendingDeliveries(deps.db, lostBefore, BATCH)) {
    const job = await deps.queues.get(JOBS.webhook.queue).getJob(id);
    if (job) continue;
    await deps.queues.enqueueWebhook(id);
    report.webhooksRequeued++;
  }
  if (Object.values(report).some((n) => n > 0)) deps.log.info(report, 'sweep');
  return report;
}
