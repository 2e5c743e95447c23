import { z } from 'zod';
import { PermanentJobError } from './job-errors.js';
import type { MessageStatus } from './statuses.js';

/**
 * The job catalog: every BullMQ job smsgw runs, and the one place a job is defined. Its name is
 * the catalog key (also the BullMQ job name); the entry holds its queue, payload schema, attempts,
 * backoff and how long Redis keeps it when finished. Producers (`queues.enqueue`) and workers
 * (`createJobWorker`) both read it, so a payload can only hold what is declared here (ids, never
 * phone numbers, bodies or secrets) and a processor is typed by its job's schema.
 */

/** BullMQ's retry delay, as plain data (core knows no BullMQ; its `backoff` option takes this as is). */
export interface JobBackoff {
  readonly type: 'exponential';
  /** First retry's delay (ms); each later one doubles it. */
  readonly delay: number;
  /** Share of each delay that is random, so retries of a burst do not arrive together. */
  readonly jitter: number;
}

/**
 * How long a finished job stays in Redis: `true` removes it at once (the database row is the
 * record), a number keeps that many of the latest, an object keeps them by age (s) and/or count.
 */
export type JobRetention = true | number | { readonly age: number; readonly count?: number } | { readonly count: number };

/** Payload fields that can name a job: string fields only (ids, a task name). */
type StringField<P extends z.ZodType> = { [K in keyof z.infer<P>]: z.infer<P>[K] extends string ? K : never }[keyof z.infer<P>] & string;

/** What every job definition has, whatever its payload: the view generic code (queues, worker) reads. */
export interface JobSpec {
  /** The BullMQ queue; for a per-gateway job the queue is `<queue>.<gateway>` (see `jobQueueName`). */
  readonly queue: string;
  /** One queue per gateway, because BullMQ's limiter is per queue and each gateway has its own rate. */
  readonly perGateway: boolean;
  readonly payload: z.ZodType;
  /** Attempts before the job fails for good. */
  readonly attempts: number;
  readonly backoff: JobBackoff | undefined;
  readonly removeOnComplete: JobRetention;
  readonly removeOnFail: JobRetention;
  /**
   * The payload field that is also the job's id: a second add with the same id is a no-op while
   * the first job is in Redis, so a repeated enqueue (a retry of the producer, the sweep) is harmless.
   */
  readonly idField?: string;
  /**
   * Instead of an id: a field whose value keeps at most one job waiting or running (BullMQ's
   * deduplication), while finished jobs keep ids of their own and can stay for Bull Board.
   */
  readonly dedupeField?: string;
}

/** A catalog entry: JobSpec with its payload schema, its `perGateway` and its field names exact. */
export interface JobDefinition<P extends z.ZodType, G extends boolean> extends JobSpec {
  readonly perGateway: G;
  readonly payload: P;
  readonly idField?: StringField<P>;
  readonly dedupeField?: StringField<P>;
}

/** Checks an entry against JobDefinition while keeping its payload and `perGateway` types exact. */
function defineJob<P extends z.ZodType, G extends boolean>(job: JobDefinition<P, G>): JobDefinition<P, G> {
  return job;
}

const messageRef = z.object({ messageId: z.string().min(1).max(64) }).strict();
const deliveryRef = z.object({ deliveryId: z.string().min(1).max(64) }).strict();
const WEEK_S = 7 * 24 * 3600;

/** A webhook's policy, shared by both lanes: a delivery moved between lanes keeps its whole budget. */
const webhookPolicy = {
  payload: deliveryRef,
  idField: 'deliveryId',
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  // The delivery row is the record; a finished job would only cost Redis memory.
  removeOnComplete: true,
  removeOnFail: { age: 2 * WEEK_S },
} as const;

export const JOBS = {
  /**
   * Send one message through one gateway (queue `send.<gateway>`). A temporary failure is
   * retried with backoff (SMSGW_SEND_ATTEMPTS / SMSGW_SEND_BACKOFF_MS override these defaults).
   */
  send: defineJob({
    queue: 'send',
    perGateway: true,
    payload: messageRef,
    idField: 'messageId',
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
    // Removed when done so a later re-enqueue (a retry, a failover back) can reuse the id; the
    // message row, not the job, is the record.
    removeOnComplete: true,
    removeOnFail: { age: WEEK_S, count: 10_000 },
  }),
  /** Deliver one webhook event to the application (SMSGW_WEBHOOK_ATTEMPTS / _BACKOFF_MS override). */
  webhook: defineJob({ queue: 'webhooks', perGateway: false, ...webhookPolicy }),
  /**
   * A webhook whose endpoint's circuit breaker is open, on a lane of its own with few workers, so
   * a dead endpoint cannot hold the main lane's slots. Same payload and attempt budget as `webhook`.
   */
  webhookSlow: defineJob({ queue: 'webhooks-slow', perGateway: false, ...webhookPolicy }),
  /** Run a reply handler for one stored reply. */
  replyHandler: defineJob({
    queue: 'reply-handlers',
    perGateway: false,
    payload: z.object({ replyId: z.string().min(1).max(64) }).strict(),
    idField: 'replyId',
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 2 * WEEK_S },
  }),
  /**
   * Housekeeping: re-enqueue lost rows, reconcile stuck sends, promote scheduled, expire, balances;
   * `reconcile` looks `unknown` messages up at their gateway (queued by the sweep when there are some).
   * Sweep and balances run from job schedulers; one task of each kind at most waits at a time.
   */
  maintenance: defineJob({
    queue: 'maintenance',
    perGateway: false,
    payload: z.object({ task: z.enum(['sweep', 'balances', 'reconcile']) }).strict(),
    dedupeField: 'task',
    attempts: 1,
    backoff: undefined,
    removeOnComplete: 100,
    removeOnFail: 100,
  }),
  /**
   * Retention: deletes rows older than their table's configured age, in small batches. A queue of
   * its own, so a long first run (a backlog of months) never delays the sweep; run by a scheduler.
   */
  retention: defineJob({
    queue: 'retention',
    perGateway: false,
    payload: z.object({ task: z.literal('retention') }).strict(),
    dedupeField: 'task',
    attempts: 1,
    backoff: undefined,
    removeOnComplete: 50,
    removeOnFail: 50,
  }),
};

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Where a job goes besides its name: the gateway, for a per-gateway job; nothing otherwise. */
export type JobTarget<N extends JobName> = (typeof JOBS)[N]['perGateway'] extends true ? { gateway: string } : { gateway?: undefined };

/** Queue name of a gateway's send queue. One queue per gateway, because BullMQ's limiter is per queue. */
export function sendQueueName(gateway: string): string {
  return `${JOBS.send.queue}.${gateway}`;
}

/** The queue a job of `name` goes to (a per-gateway job's, for `target.gateway`). */
export function jobQueueName<N extends JobName>(name: N, target: JobTarget<N>): string {
  const job: JobSpec = JOBS[name];
  if (!job.perGateway) return job.queue;
  if (target.gateway === undefined) throw new Error(`job ${name} needs a gateway`);
  return `${job.queue}.${target.gateway}`;
}

/**
 * Parses a job payload against the catalog. A malformed payload will be malformed on every
 * attempt, so it is a PermanentJobError (never retried); the message names fields, not values.
 */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const parsed = JOBS[name].payload.safeParse(data);
  if (parsed.success) return parsed.data as JobPayload<N>;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  throw new PermanentJobError(`invalid ${name} job payload: ${issues}`);
}

/**
 * How long a message's send job waits before it may run: until `sendAt` for a scheduled message,
 * not at all otherwise. Every producer of send jobs (accept, batch, sweep) uses this one rule.
 */
export function sendDelayMs(row: { status: MessageStatus; sendAt: Date | null }, now = Date.now()): number {
  return row.status === 'scheduled' && row.sendAt ? Math.max(0, row.sendAt.getTime() - now) : 0;
}

/** Gateway names are used in queue names and URLs: keep them to a safe alphabet. */
export const GATEWAY_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
