import { RateLimitError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { RedisClient } from '@smsgw/queues';
import type { Logger } from 'pino';
import {
  jobQueueName,
  loggableError,
  parseJobPayload,
  PermanentJobError,
  ThrottledJobError,
  type JobName,
  type JobPayload,
  type JobTarget,
} from '@smsgw/core';
import type { JobContext } from './job-context.js';

/**
 * The only file that touches BullMQ's Worker: it turns jobs into plain processor calls with a
 * typed payload (checked against the job catalog) and a JobContext, and turns the job errors
 * processors throw (core/job-errors.ts) into BullMQ's terms. Processors are ordinary async
 * functions that tests can call directly.
 */
export interface WorkerOptions {
  connection: RedisClient;
  prefix: string;
  concurrency: number;
  logger: Logger;
  limiter?: { max: number; duration: number } | undefined;
}

/** A running worker, as its owner sees it: something to close (which waits for its active jobs). */
export interface JobWorker {
  close(): Promise<void>;
}

export type Processor<N extends JobName> = (payload: JobPayload<N>, ctx: JobContext<N>) => Promise<unknown>;

function baseOptions(o: WorkerOptions) {
  return {
    // BullMQ needs its own blocking connection per worker; duplicate() keeps the options.
    connection: o.connection.duplicate() as ConnectionOptions,
    prefix: o.prefix,
    concurrency: o.concurrency,
    autorun: true,
    // A killed worker's jobs come back after the lock expires and the next stalled check runs
    // (BullMQ's defaults made that a minute). Running a job twice is harmless: the claim makes
    // the second run skip, so shorter is better here.
    lockDuration: 15_000,
    stalledInterval: 5_000,
    ...(o.limiter ? { limiter: o.limiter } : {}),
  };
}

/**
 * What BullMQ gets instead of the processor's error: throttled pauses the queue (every worker) and
 * puts the job back without using an attempt; permanent fails it without retries; anything else
 * is retried. BullMQ stores the message in Redis, and a database error's message carries the
 * query's parameters (numbers, bodies), so that is made safe first.
 */
async function toBullmq(err: unknown, worker: Worker): Promise<unknown> {
  if (err instanceof ThrottledJobError) {
    await worker.rateLimit(err.retryAfterMs);
    return new RateLimitError();
  }
  if (err instanceof PermanentJobError) return new UnrecoverableError(err.message);
  return loggableError(err);
}

/** The job's logger: a send's carries its message and gateway, the others their queue. */
function jobLogger(o: WorkerOptions, job: Job, queue: string, payload: object, gateway: string | undefined): Logger {
  if (gateway === undefined) return o.logger.child({ jobId: job.id, queue });
  return o.logger.child({ jobId: job.id, ...payload, gateway, attempt: job.attemptsMade + 1 });
}

/**
 * A worker for one job of the catalog: a per-gateway job's for `o.gateway` (rate-limited by
 * `o.limiter`, the gateway's limit), the others' on their fixed queue.
 */
export function createJobWorker<N extends JobName>(job: N, processor: Processor<N>, o: WorkerOptions & JobTarget<N>): JobWorker {
  const queue = jobQueueName(job, o);
  const gateway: string | undefined = o.gateway;
  const worker: Worker = new Worker(
    queue,
    async (j: Job) => {
      try {
        // Parsed inside the mapping: a malformed payload is permanent, not retried.
        const payload = parseJobPayload(job, j.data);
        const ctx = {
          attemptsMade: j.attemptsMade,
          maxAttempts: j.opts.attempts ?? 1,
          log: jobLogger(o, j, queue, payload, gateway),
          ...(gateway === undefined ? {} : { gateway }),
        } as JobContext<N>;
        return await processor(payload, ctx);
      } catch (err) {
        throw await toBullmq(err, worker);
      }
    },
    baseOptions(o),
  );
  worker.on('error', (err) => {
    if (gateway === undefined) o.logger.error({ err, queue }, 'worker error');
    else o.logger.error({ err, gateway }, 'send worker error');
  });
  return worker;
}
