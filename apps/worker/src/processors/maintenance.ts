import type { Logger } from 'pino';
import { JOBS, sendQueueName } from '@smsgw/core';
import { applyPendingReports, mapRow, messages, rowsOf, stalePendingDeliveries, staleMessages, transition, type Db, type MessageRow } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';
import { sql } from 'drizzle-orm';

export interface SweepDeps {
  db: Db;
  queues: Queues;
  stuckSendingMs: number;
  onChange: (message: MessageRow) => Promise<void>;
  log: Logger;
}

export interface SweepReport {
  requeued: number;
  webhooksRequeued: number;
  reconciled: number;
  expired: number;
}

const BATCH = 500;
/** A queued row this old with no live job was lost by Redis (or its enqueue failed). */
const LOST_AFTER_MS = 60_000;

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
  const report: SweepReport = { requeued: 0, reconciled: 0, expired: 0, webhooksRequeued: 0 };

  const expired = await deps.db.execute(sql`
    WITH m AS (
      UPDATE messages SET status = 'expired', status_message = 'validUntil passed before sending', updated_at = now()
      WHERE status IN ('queued', 'scheduled') AND valid_until IS NOT NULL AND valid_until < ${now.toISOString()}::timestamptz
      RETURNING *
    ), e AS (
      INSERT INTO message_events (message_id, type, status, attempt, gateway, detail)
      SELECT id, 'expired', status, attempts, gateway, '{}'::jsonb FROM m
    )
    SELECT * FROM m`);
  // Like every other status change, an expiry is told to the application (webhooks hang on onChange).
  for (const raw of rowsOf(expired)) {
    report.expired++;
    await deps.onChange(mapRow(messages, raw));
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
  // A webhook row whose enqueue failed (Redis down at that moment) is queued again.
  for (const id of await stalePendingDeliveries(deps.db, lostBefore, BATCH)) {
    const job = await deps.queues.get(JOBS.webhook.queue).getJob(id);
    if (job) continue;
    await deps.queues.enqueueWebhook(id);
    report.webhooksRequeued++;
  }
  if (report.requeued + report.reconciled + report.expired + report.webhooksRequeued > 0) deps.log.info(report, 'sweep');
  return report;
}
