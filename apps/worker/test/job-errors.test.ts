import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { JOBS, PermanentJobError, RetryableJobError, ThrottledJobError } from '@smsgw/core';
import { createQueues, redisConnection } from '@smsgw/queues';
import { eventually, redisUrl, uniquePrefix } from '../../../test/support/env.js';
import type { JobContext } from '../src/job-context.js';
import { createJobWorker, type JobWorker } from '../src/worker.js';

/**
 * Processors steer retries with core's job errors; worker.ts alone turns them into BullMQ's
 * terms. Real Redis, a prefix of this file's own, fast webhook retries.
 */
describe('job errors steer BullMQ', () => {
  const connection = redisConnection(redisUrl());
  const prefix = uniquePrefix();
  const queues = createQueues({ connection, prefix, webhookAttempts: 3, webhookBackoffMs: 10 });
  const logger = pino({ level: 'silent' });
  const seen = new Map<string, JobContext<'webhook'>[]>();
  const behaviour = new Map<string, (ctx: JobContext<'webhook'>) => unknown>();
  const worker: JobWorker = createJobWorker(
    'webhook',
    async (payload, ctx) => {
      seen.set(payload.deliveryId, [...(seen.get(payload.deliveryId) ?? []), ctx]);
      return behaviour.get(payload.deliveryId)?.(ctx);
    },
    { connection, prefix, concurrency: 4, logger },
  );
  afterAll(async () => {
    await worker.close();
    await queues.close();
    await connection.quit();
  });

  const job = (id: string) => queues.get(JOBS.webhook.queue).getJob(id);
  /** The job once it failed for good, read again after it did (a job read earlier holds older counts). */
  const failed = async (id: string) => {
    await eventually(async () => ((await (await job(id))?.getState()) === 'failed' ? true : undefined), 10_000, `job ${id} to fail`);
    return job(id);
  };

  it('a malformed payload fails at once, without reaching the processor', async () => {
    // Added behind the catalog's back, as a bug or an old release might.
    await queues.get(JOBS.webhook.queue).add('webhook', { deliveryId: 42 }, { jobId: 'whk_bad', attempts: 3 });
    const j = await failed('whk_bad');
    expect(j?.attemptsMade).toBe(1);
    expect(j?.failedReason).toMatch(/invalid webhook job payload/);
    expect(seen.has('whk_bad')).toBe(false);
  });

  it('a permanent error fails the job on its first attempt', async () => {
    behaviour.set('whk_perm', () => {
      throw new PermanentJobError('no such delivery');
    });
    await queues.enqueue('webhook', { deliveryId: 'whk_perm' });
    const j = await failed('whk_perm');
    expect([j?.attemptsMade, j?.failedReason]).toEqual([1, 'no such delivery']);
    expect(seen.get('whk_perm')).toHaveLength(1);
  });

  it('a retryable error is retried until the attempts run out, each attempt told where it stands', async () => {
    behaviour.set('whk_retry', () => {
      throw new RetryableJobError('endpoint down');
    });
    await queues.enqueue('webhook', { deliveryId: 'whk_retry' });
    const j = await failed('whk_retry');
    expect(j?.attemptsMade).toBe(3);
    expect(seen.get('whk_retry')?.map((c) => [c.attemptsMade, c.maxAttempts])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  it('a throttle puts the job back without using an attempt', async () => {
    behaviour.set('whk_slow', (ctx) => {
      if ((seen.get('whk_slow') ?? []).length === 1) throw new ThrottledJobError(50);
      return `done after ${ctx.attemptsMade} failed attempts`;
    });
    await queues.enqueue('webhook', { deliveryId: 'whk_slow' });
    // The catalog removes a completed webhook job: gone, after two runs, is done.
    await eventually(
      async () => ((seen.get('whk_slow') ?? []).length >= 2 && !(await job('whk_slow')) ? true : undefined),
      10_000,
      'the throttled job to complete',
    );
    expect(seen.get('whk_slow')?.map((c) => c.attemptsMade)).toEqual([0, 0]);
  });
});
