import type { Logger } from 'pino';
import { jobQueueName, type EnvReader } from '@smsgw/core';
import type { Queues } from '@smsgw/queues';
import {
  deleteOldEvents,
  deleteOldMessages,
  deleteOldReplies,
  deleteOldReports,
  deleteOldWebhookDeliveries,
  type BatchQuery,
  type Db,
  type RetentionBatch,
} from '@smsgw/db';

/** The tables retention prunes, in the order it prunes them (children before their parents). */
export const RETENTION_TABLES = ['webhookDeliveries', 'replies', 'reports', 'events', 'messages'] as const;
export type RetentionTable = (typeof RETENTION_TABLES)[number];

export interface RetentionConfig {
  /** Age in days after which a table's rows go; 0 keeps them forever. */
  readonly days: Readonly<Record<RetentionTable, number>>;
  /** Primary keys one batch (one short statement) visits. */
  readonly batchSize: number;
  /** How often the job runs. */
  readonly everyMs: number;
  /** One run stops after this long; the next run goes on where the data still is old. */
  readonly maxRunMs: number;
  /** Keep billable messages until a billing run marked them billed. */
  readonly keepUnbilled: boolean;
}

const DAY_MS = 24 * 3600_000;
/** At most ten years; more is "forever", which is 0. */
const MAX_DAYS = 3650;

/** Reads the retention settings (SMSGW_RETENTION_*) from the worker's environment. */
export function readRetentionConfig(r: EnvReader): RetentionConfig {
  return {
    days: {
      messages: r.int('SMSGW_RETENTION_MESSAGES_DAYS', 0, 0, MAX_DAYS),
      events: r.int('SMSGW_RETENTION_EVENTS_DAYS', 0, 0, MAX_DAYS),
      reports: r.int('SMSGW_RETENTION_REPORTS_DAYS', 0, 0, MAX_DAYS),
      replies: r.int('SMSGW_RETENTION_REPLIES_DAYS', 0, 0, MAX_DAYS),
      webhookDeliveries: r.int('SMSGW_RETENTION_WEBHOOK_DELIVERIES_DAYS', 0, 0, MAX_DAYS),
    },
    batchSize: r.int('SMSGW_RETENTION_BATCH', 1000, 10, 50_000),
    everyMs: r.int('SMSGW_RETENTION_EVERY_MS', 3600_000, 60_000, 7 * DAY_MS),
    maxRunMs: r.int('SMSGW_RETENTION_MAX_RUN_MS', 10 * 60_000, 1000, DAY_MS),
    keepUnbilled: r.bool('SMSGW_RETENTION_KEEP_UNBILLED', true),
  };
}

/** True when some table has an age: otherwise the job is not scheduled at all. */
export function retentionEnabled(config: RetentionConfig): boolean {
  return RETENTION_TABLES.some((t) => config.days[t] > 0);
}

export interface RetentionDeps {
  db: Db;
  config: RetentionConfig;
  log: Pick<Logger, 'info'>;
}

export type RetentionReport = Record<RetentionTable, { deleted: number; batches: number }> & {
  /** True when the run stopped on its time budget with old rows left (the next run goes on). */
  truncated: boolean;
};

type Deleter = (db: Db, q: BatchQuery) => Promise<RetentionBatch>;

/**
 * One retention run: each table with an age, children first, in batches until the table has
 * nothing old left in reach or the run's time budget is spent. Every batch is its own statement
 * and transaction; a failure stops the run (the job fails, the next scheduled run starts over).
 */
export async function runRetention(deps: RetentionDeps, now = new Date()): Promise<RetentionReport> {
  const { config } = deps;
  const deadline = Date.now() + config.maxRunMs;
  const deleters: Record<RetentionTable, Deleter> = {
    webhookDeliveries: deleteOldWebhookDeliveries,
    replies: deleteOldReplies,
    reports: deleteOldReports,
    events: deleteOldEvents,
    messages: (db, q) => deleteOldMessages(db, { ...q, keepUnbilled: config.keepUnbilled }),
  };
  const report = { truncated: false } as RetentionReport;
  for (const table of RETENTION_TABLES) {
    const tally = { deleted: 0, batches: 0 };
    report[table] = tally;
    const days = config.days[table];
    if (days <= 0) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    let after: string | null = null;
    for (;;) {
      if (Date.now() >= deadline) {
        report.truncated = true;
        break;
      }
      const batch = await deleters[table](deps.db, { cutoff, after, limit: config.batchSize });
      tally.batches++;
      tally.deleted += batch.deleted;
      if (!batch.more || batch.last === null) break;
      after = batch.last;
    }
  }
  if (RETENTION_TABLES.some((t) => report[t].deleted > 0) || report.truncated) deps.log.info(report, 'retention');
  return report;
}

/** The one scheduler of the job; its id never changes (a renamed id would leave the old one running). */
const SCHEDULER_ID = 'retention';

/**
 * Schedules the job when some table has an age, and removes the scheduler when none has, so
 * turning retention off (every age 0) stops it at the next start. `keepOnly` only re-creates a
 * scheduler Redis lost (the periodic check), never pushing the next run out.
 */
export async function scheduleRetention(queues: Queues, config: RetentionConfig, keepOnly = false): Promise<void> {
  if (!retentionEnabled(config)) {
    if (!keepOnly) await queues.get(jobQueueName('retention', {})).removeJobScheduler(SCHEDULER_ID);
    return;
  }
  if (keepOnly) await queues.ensureScheduled('retention', SCHEDULER_ID, { task: 'retention' }, config.everyMs);
  else await queues.schedule('retention', SCHEDULER_ID, { task: 'retention' }, config.everyMs);
}
