import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { JOBS, sendQueueName, type JobPayload } from '@smsgw/core';
import { createCoalescer, type BulkJob } from './coalesce.js';

/**
 * The producer side of every queue, shared by the API, the workers and the maintenance job.
 * Queues are created lazily (one per gateway) and closed together.
 */
export interface Queues {
  readonly prefix: string;
  readonly connection: Redis;
  /** Adds the send job for a message; `jobId` = message id, so a repeat add is a no-op while it waits. */
  enqueueSend(gateway: string, messageId: string, opts?: { delayMs?: number; priority?: number }): Promise<void>;
  /** Many sends at once (one Redis round trip per queue). */
  enqueueSendBulk(items: { gateway: string; messageId: string; delayMs?: number }[]): Promise<void>;
  enqueueWebhook(deliveryId: string, opts?: WebhookEnqueueOptions): Promise<void>;
  /** Wakes the delivery of outbox rows just written; best effort (the sweep re-queues pending rows). */
  wakeWebhooks(deliveryIds: readonly string[]): void;
  enqueueReplyHandler(replyId: string): Promise<void>;
  /** Every queue created so far (for Bull Board and metrics). */
  all(): Queue[];
  get(name: string): Queue;
  close(): Promise<void>;
}

export interface WebhookEnqueueOptions {
  /** `slow`: the lane of endpoints whose circuit breaker is open (JOBS.webhookSlow). */
  lane?: 'main' | 'slow';
  /**
   * Attempts the delivery already used: its backoff continues from there instead of starting
   * over at the first delay, so a move between lanes keeps the delivery's retry schedule.
   */
  attemptsMade?: number;
}

/** A Redis connection with the options BullMQ requires of workers (no retry limit per request). */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

const SEND_DEFAULTS: JobsOptions = {
  attempts: 1,
  // Completed send jobs are removed so a later re-enqueue (a retry, a failover back) can reuse the id;
  // the message row, not the job, is the record.
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export interface QueuesOptions {
  connection: Redis;
  prefix: string;
  /** Attempts of a send on one gateway for temporary failures (backoff: exponential with jitter). */
  sendAttempts?: number;
  sendBackoffMs?: number;
  /** Webhook delivery attempts and first backoff (exponential after it); the job catalog's when absent. */
  webhookAttempts?: number;
  webhookBackoffMs?: number;
}

/** The queue settings every process reads from its configuration. */
export interface QueueSettings {
  queuePrefix: string;
  sendAttempts: number;
  sendBackoffMs: number;
  webhookAttempts: number;
  webhookBackoffMs: number;
}

/** `createQueues` from a process's configuration, so every process queues jobs the same way. */
export function queuesFromConfig(connection: Redis, c: QueueSettings): Queues {
  return createQueues({
    connection,
    prefix: c.queuePrefix,
    sendAttempts: c.sendAttempts,
    sendBackoffMs: c.sendBackoffMs,
    webhookAttempts: c.webhookAttempts,
    webhookBackoffMs: c.webhookBackoffMs,
  });
}

export function createQueues(opts: QueuesOptions): Queues {
  const queues = new Map<string, Queue>();
  const sendOptions = (): JobsOptions => ({
    ...SEND_DEFAULTS,
    attempts: opts.sendAttempts ?? 5,
    backoff: { type: 'exponential', delay: opts.sendBackoffMs ?? 2000, jitter: 0.5 },
  });
  const get = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: opts.connection as ConnectionOptions, prefix: opts.prefix });
      queues.set(name, q);
    }
    return q;
  };
  const coalescers = new Map<string, (job: BulkJob) => Promise<void>>();
  /** Adds through the queue's per-turn coalescer: concurrent adds share one Redis round trip. */
  const add = (queue: string, job: BulkJob): Promise<void> => {
    let c = coalescers.get(queue);
    if (!c) {
      c = createCoalescer(() => get(queue));
      coalescers.set(queue, c);
    }
    return c(job);
  };
  const sendJob = (messageId: string, o: { delayMs?: number | undefined; priority?: number | undefined }): BulkJob => ({
    name: 'send',
    data: { messageId } satisfies JobPayload<'send'>,
    opts: { ...sendOptions(), jobId: messageId, ...(o.delayMs ? { delay: o.delayMs } : {}), ...(o.priority ? { priority: o.priority } : {}) },
  });
  const webhookJob = (deliveryId: string, o: WebhookEnqueueOptions = {}): BulkJob => ({
    name: 'webhook',
    data: { deliveryId } satisfies JobPayload<'webhook'>,
    opts: {
      jobId: deliveryId,
      // Both lanes get the whole budget: the delivery row's attempt count decides the last one.
      attempts: opts.webhookAttempts ?? JOBS.webhook.attempts,
      backoff: {
        ...JOBS.webhook.backoff,
        // BullMQ's exponential backoff counts from the job's own attempts; scaling the base by the
        // attempts made before the job existed gives the delay the delivery's next retry is due.
        delay: (opts.webhookBackoffMs || JOBS.webhook.backoff.delay) * 2 ** Math.min(o.attemptsMade ?? 0, 16),
      },
      // The delivery row is the record; a finished job would only cost Redis memory.
      removeOnComplete: true,
      removeOnFail: { age: 14 * 24 * 3600 },
    },
  });
  return {
    prefix: opts.prefix,
    connection: opts.connection,
    get,
    all: () => [...queues.values()],
    enqueueSend: (gateway, messageId, o = {}) => add(sendQueueName(gateway), sendJob(messageId, o)),
    async enqueueSendBulk(items) {
      const byQueue = new Map<string, typeof items>();
      for (const item of items) byQueue.set(item.gateway, [...(byQueue.get(item.gateway) ?? []), item]);
      await Promise.all([...byQueue].map(([gateway, list]) => get(sendQueueName(gateway)).addBulk(list.map((i) => sendJob(i.messageId, i)))));
    },
    enqueueWebhook: (deliveryId, o = {}) => add(o.lane === 'slow' ? JOBS.webhookSlow.queue : JOBS.webhook.queue, webhookJob(deliveryId, o)),
    wakeWebhooks(deliveryIds) {
      for (const id of deliveryIds) void add(JOBS.webhook.queue, webhookJob(id)).catch(() => undefined);
    },
    async enqueueReplyHandler(replyId) {
      const data: JobPayload<'replyHandler'> = { replyId };
      await get(JOBS.replyHandler.queue).add('reply-handler', data, {
        jobId: replyId,
        attempts: JOBS.replyHandler.attempts,
        backoff: { ...JOBS.replyHandler.backoff },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 14 * 24 * 3600 },
      });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      queues.clear();
    },
  };
}
export * from './notify.js';
export * from './pacer.js';
export * from './unsent.js';
