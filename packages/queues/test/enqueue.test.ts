import { once } from 'node:events';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { JOBS, sendQueueName } from '@smsgw/core';
import { createQueues, redisConnection } from '../src/index.js';
import { redisUrl, uniquePrefix } from '../../../test/support/env.js';

const connection = redisConnection(redisUrl());
const queues = createQueues({ connection, prefix: uniquePrefix() });
const configured = createQueues({
  connection,
  prefix: uniquePrefix(),
  sendAttempts: 3,
  sendBackoffMs: 20,
  webhookAttempts: 2,
  webhookBackoffMs: 10,
});
afterAll(async () => {
  await queues.close();
  await configured.close();
  await connection.quit();
});

const jobOf = (name: string, id: string, q = queues) => q.get(name).getJob(id);

describe('enqueue: the catalog defines the job', () => {
  it('adds a send to its gateway’s queue, named and retried as the catalog says, its id the message id', async () => {
    await queues.enqueue('send', { messageId: 'msg_e1' }, { gateway: 'gw-a', delayMs: 60_000 });
    const job = await jobOf(sendQueueName('gw-a'), 'msg_e1');
    expect(job?.name).toBe('send');
    expect(job?.data).toEqual({ messageId: 'msg_e1' });
    expect(job?.opts).toMatchObject({
      attempts: JOBS.send.attempts,
      backoff: JOBS.send.backoff,
      removeOnComplete: JOBS.send.removeOnComplete,
      removeOnFail: JOBS.send.removeOnFail,
      delay: 60_000,
    });
  });

  it('lets the configuration override attempts and first backoff, on both webhook lanes', async () => {
    await configured.enqueue('send', { messageId: 'msg_e2' }, { gateway: 'gw-a' });
    expect((await jobOf(sendQueueName('gw-a'), 'msg_e2', configured))?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 20, jitter: 0.5 },
    });
    await configured.enqueue('webhookSlow', { deliveryId: 'whk_e2' });
    expect((await jobOf(JOBS.webhookSlow.queue, 'whk_e2', configured))?.opts).toMatchObject({ attempts: 2, backoff: { delay: 10 } });
  });

  it('continues a moved webhook’s backoff from the attempts it already made', async () => {
    await configured.enqueue('webhookSlow', { deliveryId: 'whk_e3' }, { attemptsMade: 3 });
    expect((await jobOf(JOBS.webhookSlow.queue, 'whk_e3', configured))?.opts.backoff).toMatchObject({ delay: 80 });
  });

  it('names the reply handler job by its catalog name, once', async () => {
    await queues.enqueue('replyHandler', { replyId: 'rpl_e4' });
    await queues.enqueue('replyHandler', { replyId: 'rpl_e4' });
    const job = await jobOf(JOBS.replyHandler.queue, 'rpl_e4');
    expect(job?.name).toBe('replyHandler');
    expect(await queues.get(JOBS.replyHandler.queue).getJobCountByTypes('wait', 'delayed')).toBe(1);
  });

  it('many enqueues in one turn each land, one job per id', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `whk_bulk${i}`);
    await Promise.all(ids.map((deliveryId) => queues.enqueue('webhook', { deliveryId })));
    await Promise.all(ids.map((deliveryId) => queues.enqueue('webhook', { deliveryId })));
    for (const id of ids) expect(await queues.exists('webhook', { deliveryId: id })).toBe(true);
    expect(await queues.get(JOBS.webhook.queue).getJobCountByTypes('wait')).toBe(ids.length);
  });

  it('enqueueBulk splits by gateway queue', async () => {
    await queues.enqueueBulk('send', [
      { payload: { messageId: 'msg_b1' }, opts: { gateway: 'gw-b' } },
      { payload: { messageId: 'msg_b2' }, opts: { gateway: 'gw-c', delayMs: 5000 } },
    ]);
    expect(await queues.exists('send', { messageId: 'msg_b1' }, { gateway: 'gw-b' })).toBe(true);
    expect(await queues.exists('send', { messageId: 'msg_b2' }, { gateway: 'gw-c' })).toBe(true);
    expect(await queues.exists('send', { messageId: 'msg_b2' }, { gateway: 'gw-b' })).toBe(false);
  });
});

describe('ensure, idle, dedupe, schedule', () => {
  it('ensure leaves a live job alone and replaces a finished one', async () => {
    expect(await queues.ensure('send', { messageId: 'msg_n1' }, { gateway: 'gw-n', delayMs: 60_000 })).toBe(true);
    expect(await queues.ensure('send', { messageId: 'msg_n1' }, { gateway: 'gw-n' })).toBe(false);
    // A worker gives up on a job at once: it stays in Redis as failed, with the message's id.
    expect(await queues.ensure('send', { messageId: 'msg_n2' }, { gateway: 'gw-n' })).toBe(true);
    const worker = new Worker(
      sendQueueName('gw-n'),
      async () => {
        throw new UnrecoverableError('given up');
      },
      { connection: connection.duplicate(), prefix: queues.prefix },
    );
    const [failed] = (await once(worker, 'failed')) as [Job];
    await worker.close();
    expect(failed.id).toBe('msg_n2');
    expect(await failed.getState()).toBe('failed');
    expect(await queues.ensure('send', { messageId: 'msg_n2' }, { gateway: 'gw-n' })).toBe(true);
    expect(await (await jobOf(sendQueueName('gw-n'), 'msg_n2'))?.getState()).toBe('waiting');
  });

  it('idle says whether a gateway’s queue still holds work', async () => {
    expect(await queues.idle('send', { gateway: 'gw-idle' })).toBe(true);
    await queues.enqueue('send', { messageId: 'msg_i1' }, { gateway: 'gw-idle', delayMs: 60_000 });
    expect(await queues.idle('send', { gateway: 'gw-idle' })).toBe(false);
  });

  it('keeps at most one maintenance task of a kind waiting', async () => {
    await queues.enqueue('maintenance', { task: 'reconcile' });
    await queues.enqueue('maintenance', { task: 'reconcile' });
    const waiting = await queues.get(JOBS.maintenance.queue).getJobs(['wait']);
    expect(waiting.filter((j) => j.data.task === 'reconcile')).toHaveLength(1);
    expect(waiting[0]?.opts).toMatchObject({
      removeOnComplete: JOBS.maintenance.removeOnComplete,
      removeOnFail: JOBS.maintenance.removeOnFail,
    });
  });

  it('schedules a task with the catalog’s retention, updating the scheduler of the same id', async () => {
    await queues.schedule('maintenance', 'sweep', { task: 'sweep' }, 60_000);
    await queues.schedule('maintenance', 'sweep', { task: 'sweep' }, 30_000);
    const schedulers = await queues.get(JOBS.maintenance.queue).getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'sweep', every: 30_000, template: { data: { task: 'sweep' } } });
    expect(schedulers[0]?.template?.opts).toMatchObject({ removeOnComplete: 100, removeOnFail: 100 });
  });
});

describe('the adapter kept for the db package', () => {
  it('enqueueWebhook (both lanes) is enqueue', async () => {
    await queues.enqueueWebhook('whk_l1', { lane: 'slow', attemptsMade: 1 });
    await queues.enqueueWebhook('whk_l2');
    expect(await queues.exists('webhookSlow', { deliveryId: 'whk_l1' })).toBe(true);
    expect(await queues.exists('webhook', { deliveryId: 'whk_l2' })).toBe(true);
  });
});
