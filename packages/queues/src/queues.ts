import { Queue, type ConnectionOptions } from 'bullmq';
import { jobQueueName, type JobName, type JobPayload, type JobTarget } from '@smsgw/core';
import { createCoalescer } from './coalesce.js';
import type { RedisClient } from './connection.js';
import {
  addOptions,
  jobIdOf,
  overridesFrom,
  retentionOf,
  retryPolicy,
  type AddOptions,
  type EnqueueArgs,
  type EnqueueOptions,
  type EnqueueRest,
  type JobOverrides,
  type QueueSettings,
} from './job-options.js';

/**
 * The producer side of every queue, shared by the API, the workers and the maintenance job, and
 * the only file of this package that touches BullMQ. Jobs are named by the job catalog
 * (core/jobs.ts), which also gives their queue, id, retries and retention. Queues are created
 * lazily (one per gateway) and closed together.
 */
export interface Queues {
  readonly prefix: string;
  readonly connection: RedisClient;
  /**
   * Adds one job. Adds to one queue in the same event-loop turn share one Redis round trip. A job
   * whose catalog entry names an id field is a no-op while a job with that id is in Redis.
   */
  enqueue<N extends JobName>(job: N, payload: JobPayload<N>, ...opts: EnqueueRest<N>): Promise<void>;
  /** Many jobs of one kind at once: one `addBulk` per queue, without waiting for the turn to end. */
  enqueueBulk<N extends JobName>(job: N, items: readonly { payload: JobPayload<N>; opts: EnqueueArgs<N> }[]): Promise<void>;
  /**
   * Makes sure a job with this payload's id exists: a live one (waiting, delayed, running) is left
   * alone, a finished one is removed first (BullMQ would ignore the add). True when it added one.
   */
  ensure<N extends JobName>(job: N, payload: JobPayload<N>, ...opts: EnqueueRest<N>): Promise<boolean>;
  /** Whether Redis holds a job with this payload's id, in any state. */
  exists<N extends JobName>(job: N, payload: JobPayload<N>, ...target: TargetRest<N>): Promise<boolean>;
  /** True when the job's queue has nothing waiting, delayed or running. */
  idle<N extends JobName>(job: N, ...target: TargetRest<N>): Promise<boolean>;
  /** Runs `payload` every `everyMs` under the scheduler `id` (an existing scheduler of that id is updated). */
  schedule<N extends JobName>(job: N, id: string, payload: JobPayload<N>, everyMs: number): Promise<void>;
  /**
   * `schedule` unless a scheduler with this id exists: cheap enough to call every poll, so a
   * Redis that lost its data (FLUSHALL, a restart without persistence) gets its schedulers back
   * without a worker restart. Re-upserting an existing one would push its next run out.
   */
  ensureScheduled<N extends JobName>(job: N, id: string, payload: JobPayload<N>, everyMs: number): Promise<boolean>;
  /** Wakes the delivery of outbox rows just written; best effort (the sweep re-queues pending rows). */
  wakeWebhooks(deliveryIds: readonly string[]): void;
  /** Wakes the handlers of replies stored as due one; best effort (the sweep re-queues pending handlers). */
  wakeReplyHandlers(replyIds: readonly string[]): void;
  /** Every queue created so far (for Bull Board and metrics). */
  all(): Queue[];
  get(name: string): Queue;
  close(): Promise<void>;

  /**
   * `enqueue('webhook' | 'webhookSlow', { deliveryId }, { attemptsMade })`, in the shape the db
   * package's WebhookEnqueuer asks for (structural, so db needs no queue package).
   */
  enqueueWebhook(deliveryId: string, opts?: WebhookEnqueueOptions): Promise<void>;
}

/** A per-gateway job's target (its gateway); nothing for the others. */
type TargetRest<N extends JobName> = Record<string, never> extends JobTarget<N> ? [target?: JobTarget<N>] : [target: JobTarget<N>];

export interface WebhookEnqueueOptions {
  /** `slow`: the lane of endpoints whose circuit breaker is open (JOBS.webhookSlow). */
  lane?: 'main' | 'slow';
  /** Attempts the delivery already used (see EnqueueOptions.attemptsMade). */
  attemptsMade?: number;
}

export interface QueuesOptions {
  connection: RedisClient;
  prefix: string;
  /** Attempts of a send on one gateway for temporary failures, and its first backoff; the catalog's when absent. */
  sendAttempts?: number;
  sendBackoffMs?: number;
  /** Webhook delivery attempts and first backoff (exponential after it); the catalog's when absent. */
  webhookAttempts?: number;
  webhookBackoffMs?: number;
}

/** `createQueues` from a process's configuration, so every process queues jobs the same way. */
export function queuesFromConfig(connection: RedisClient, c: QueueSettings): Queues {
  const { queuePrefix: prefix, sendAttempts, sendBackoffMs, webhookAttempts, webhookBackoffMs } = c;
  return createQueues({ connection, prefix, sendAttempts, sendBackoffMs, webhookAttempts, webhookBackoffMs });
}

interface BulkJob {
  name: string;
  data: object;
  opts: AddOptions;
}

/**
 * States of a job that will not run again (`unknown`: it went between our read and our look).
 * In any other state the job is still to run, or running: another add would duplicate it.
 */
const FINISHED = new Set(['completed', 'failed', 'unknown']);

export function createQueues(opts: QueuesOptions): Queues {
  const overrides: JobOverrides = overridesFrom(opts);
  const queues = new Map<string, Queue>();
  const get = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: opts.connection as ConnectionOptions, prefix: opts.prefix });
      queues.set(name, q);
    }
    return q;
  };
  const coalescers = new Map<string, (job: BulkJob) => Promise<void>>();
  const add = (queue: string, job: BulkJob): Promise<void> => {
    let c = coalescers.get(queue);
    if (!c) {
      c = createCoalescer((jobs: BulkJob[]) => get(queue).addBulk(jobs));
      coalescers.set(queue, c);
    }
    return c(job);
  };
  const bulkJob = <N extends JobName>(job: N, payload: JobPayload<N>, o: EnqueueOptions): BulkJob => ({
    name: job,
    data: payload,
    opts: addOptions(job, payload, o, overrides),
  });
  // The target (a send's gateway) rides on the options; the catalog decides whether it is needed.
  const target = <N extends JobName>(o: EnqueueArgs<N> | JobTarget<N> | undefined): JobTarget<N> => (o ?? {}) as JobTarget<N>;
  const enqueue = <N extends JobName>(job: N, payload: JobPayload<N>, o?: EnqueueArgs<N>): Promise<void> =>
    add(jobQueueName(job, target(o)), bulkJob(job, payload, o ?? {}));
  const findJob = async <N extends JobName>(job: N, payload: JobPayload<N>, t: JobTarget<N>) => {
    const id = jobIdOf(job, payload);
    if (id === undefined) throw new Error(`job ${job} has no id field to look it up by`);
    return get(jobQueueName(job, t)).getJob(id);
  };

  const queuesApi: Queues = {
    prefix: opts.prefix,
    connection: opts.connection,
    get,
    all: () => [...queues.values()],
    enqueue: (job, payload, ...[o]) => enqueue(job, payload, o),
    async enqueueBulk(job, items) {
      const byQueue = new Map<string, BulkJob[]>();
      for (const { payload, opts: o } of items) {
        const queue = jobQueueName(job, target(o));
        byQueue.set(queue, [...(byQueue.get(queue) ?? []), bulkJob(job, payload, o)]);
      }
      await Promise.all([...byQueue].map(([queue, jobs]) => get(queue).addBulk(jobs)));
    },
    async ensure(job, payload, ...[o]) {
      const existing = await findJob(job, payload, target(o));
      if (existing) {
        if (!FINISHED.has(await existing.getState())) return false;
        await existing.remove();
      }
      await enqueue(job, payload, o);
      return true;
    },
    exists: async (job, payload, ...[t]) => (await findJob(job, payload, target(t))) !== undefined,
    async idle(job, ...[t]) {
      const counts = await get(jobQueueName(job, target(t))).getJobCounts('wait', 'delayed', 'active', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    },
    async schedule(job, id, payload, everyMs) {
      // Only where the catalog has one queue: a scheduler is not per gateway.
      const template = { name: job, data: payload, opts: { ...retryPolicy(job, overrides), ...retentionOf(job) } };
      await get(jobQueueName(job, target(undefined))).upsertJobScheduler(id, { every: everyMs }, template);
    },
    async ensureScheduled(job, id, payload, everyMs) {
      const existing = await get(jobQueueName(job, target(undefined))).getJobScheduler(id);
      if (existing) return false;
      await queuesApi.schedule(job, id, payload, everyMs);
      return true;
    },
    wakeWebhooks(deliveryIds) {
      for (const deliveryId of deliveryIds) void enqueue('webhook', { deliveryId }).catch(() => undefined);
    },
    wakeReplyHandlers(replyIds) {
      for (const replyId of replyIds) void enqueue('replyHandler', { replyId }).catch(() => undefined);
    },
    enqueueWebhook: (deliveryId, o = {}) =>
      enqueue(o.lane === 'slow' ? 'webhookSlow' : 'webhook', { deliveryId }, { attemptsMade: o.attemptsMade }),
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
  return queuesApi;
}
