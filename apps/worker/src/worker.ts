import { RateLimitError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { loggableError, parseJobPayload, sendQueueName, type JobName, type JobPayload } from '@smsgw/core';
import type { SendJobContext } from './processors/send.js';

/**
 * The only file that touches BullMQ's Worker: it turns jobs into plain processor calls with a
 * typed payload (checked against the job catalog) and a small context, so processors are
 * ordinary async functions that tests can call directly.
 */
export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
  limiter?: { max: number; duration: number } | undefined;
}

/**
 * BullMQ stores a failed job's error message in Redis; a database error's message carries the
 * query's parameters (numbers, bodies), so it is made safe before BullMQ sees it.
 */
async function safely<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw loggableError(err);
  }
}

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

export type SendProcessor = (payload: JobPayload<'send'>, ctx: SendJobContext) => Promise<unknown>;

/** A worker for one gateway's send queue, rate-limited by the gateway's limiter. */
export function createSendWorker(gateway: string, processor: SendProcessor, o: WorkerOptions): Worker {
  const worker: Worker = new Worker(
    sendQueueName(gateway),
    async (job: Job) => {
      const payload = parseJobPayload('send', job.data);
      const log = o.logger.child({ jobId: job.id, messageId: payload.messageId, gateway, attempt: job.attemptsMade + 1 });
      const ctx: SendJobContext = {
        gateway,
        attemptsMade: job.attemptsMade,
        maxAttempts: job.opts.attempts ?? 1,
        log,
        async throttle(ms) {
          await worker.rateLimit(ms);
          throw new RateLimitError();
        },
      };
      return safely(() => processor(payload, ctx));
    },
    baseOptions(o),
  );
  worker.on('error', (err) => o.logger.error({ err, gateway }, 'send worker error'));
  return worker;
}

/** A worker for one of the fixed queues (webhooks, reply handlers, maintenance). */
export function createJobWorker<N extends JobName>(
  name: N,
  queue: string,
  processor: (payload: JobPayload<N>, job: { id: string; attemptsMade: number; maxAttempts: number; log: Logger }) => Promise<unknown>,
  o: WorkerOptions,
): Worker {
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const payload = parseJobPayload(name, job.data);
      const log = o.logger.child({ jobId: job.id, queue });
      return safely(() => processor(payload, { id: job.id ?? '', attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1, log }));
    },
    baseOptions(o),
  );
  worker.on('error', (err) => o.logger.error({ err, queue }, 'worker error'));
  return worker;
}

