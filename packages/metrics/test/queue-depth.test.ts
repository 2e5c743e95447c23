import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { testQueues } from '../../../test/support/env.js';
import { sampleValue } from '../../../test/support/metrics-text.js';
import { type CountableQueue, queueDepthGauge } from '../src/queue-depth.js';

/** The queue-depth gauge against real BullMQ queues in Redis: counts per state, read once per cache period. */
describe('smsgw_queue_jobs', () => {
  const queues = testQueues();
  afterAll(async () => {
    await queues.close();
    await queues.connection.quit();
  });

  it('counts jobs per queue and state at scrape time, and serves repeated scrapes from its cache', async () => {
    const busy = queues.get('send.depth-a');
    const quiet = queues.get('send.depth-b');
    await busy.add('send', { messageId: 'm1' });
    await busy.add('send', { messageId: 'm2' });
    await busy.add('send', { messageId: 'm3' }, { delay: 3_600_000 });
    let reads = 0;
    const counted = (q: CountableQueue): CountableQueue => ({
      name: q.name,
      getJobCounts: (...types) => {
        reads++;
        return q.getJobCounts(...types);
      },
    });
    let now = 1_000_000;
    const registry = new Registry();
    queueDepthGauge(registry, { queues: async () => [counted(busy), counted(quiet)], ttlMs: 5000, now: () => now });
    const scrape = () => registry.metrics();

    const first = await scrape();
    expect(sampleValue(first, 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'wait' })).toBe(2);
    expect(sampleValue(first, 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'delayed' })).toBe(1);
    expect(sampleValue(first, 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'active' })).toBe(0);
    expect(sampleValue(first, 'smsgw_queue_jobs', { queue: 'send.depth-b', state: 'wait' })).toBe(0);
    expect(reads).toBe(2);

    // Within the cache period: Redis is not asked again, even as the queue grows.
    await busy.add('send', { messageId: 'm4' });
    now += 4999;
    await Promise.all([scrape(), scrape()]);
    expect(sampleValue(await scrape(), 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'wait' })).toBe(2);
    expect(reads).toBe(2);

    // Past it: one new reading, shared by concurrent scrapes.
    now += 1;
    const [a, b] = await Promise.all([scrape(), scrape()]);
    expect(reads).toBe(4);
    expect(sampleValue(a, 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'wait' })).toBe(3);
    expect(sampleValue(b, 'smsgw_queue_jobs', { queue: 'send.depth-a', state: 'wait' })).toBe(3);
  });

  it('has no series, not zeros, when Redis cannot be read, and tries again on the next scrape', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const registry = new Registry();
    queueDepthGauge(registry, {
      queues: async () => {
        if (fail) throw new Error('redis down');
        return [queues.get('send.depth-b')];
      },
      onError: (err) => errors.push(err),
    });
    expect(sampleValue(await registry.metrics(), 'smsgw_queue_jobs')).toBeUndefined();
    expect(errors).toHaveLength(1);
    fail = false;
    expect(sampleValue(await registry.metrics(), 'smsgw_queue_jobs', { queue: 'send.depth-b', state: 'wait' })).toBe(0);
  });
});
