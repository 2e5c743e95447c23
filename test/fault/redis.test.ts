import { describe, expect, it } from 'vitest';
import { providerCounts } from './oracle.js';
import { poll, redisFlushAll, redisPing } from './procs.js';
import { useStack } from './stack.js';

/**
 * Redis losing everything it held — jobs, locks, schedulers, the "claimed, not sent yet"
 * markers — while messages are being accepted and sent: by FLUSHALL, and by a restart of a
 * Redis that keeps nothing on disk (no AOF, no snapshots). PostgreSQL is the truth: every 202
 * must still be sent (the sweep re-queues rows whose job vanished), and none twice.
 */
describe('fault: Redis loses its data mid-run', () => {
  // The sweep's patience with a `sending` row (8 s) leaves the frozen worker below (2 s) ample
  // time to find its marker gone and hand its claim back itself.
  const stack = useStack({ label: 'redisloss', appendOnly: false, env: { SMSGW_STUCK_SENDING_MS: '8000' } });
  // Lost jobs are found by the sweep once their row has been untouched for 60 s (LOST_AFTER_MS
  // in the worker's maintenance.ts, sweeping every second here), so each case waits that long.
  const SETTLE_MS = 100_000;

  it('FLUSHALL mid-run: every accepted message is still sent, once', async () => {
    const startedAt = Date.now();
    await stack.startWorker();
    await stack.startWorker();
    // A slow provider keeps the workers' slots full, so most of the burst waits in Redis as jobs.
    stack.sandbox.setBehaviour({ latencyMs: 1500 });
    const before = stack.sandbox.requests().length;
    const base = stack.accepted.size;
    const posting = stack.burst('f', 150, 8);
    await stack.sandboxReceived(before + 20);
    await poll(async () => (stack.accepted.size - base - (stack.sandbox.requests().length - before) >= 50 ? true : undefined), 30_000, '50 jobs waiting in Redis', 20);
    // And one send caught between its claim and its request when Redis loses everything: a third
    // worker frozen 2 s right after its first claim.
    const frozen = await stack.startWorker({ SMSGW_FAULT_PAUSE: 'after-claim', SMSGW_FAULT_BLOCK_MS: '2000' });
    await frozen.waitForLine((l) => l.startsWith('FAULT_BLOCK after-claim '), 30_000);
    await redisFlushAll(stack.redisPort);
    const caught = /^FAULT_BLOCK \S+ (\S+)$/.exec(frozen.tail().find((l) => l.startsWith('FAULT_BLOCK')) ?? '')?.[1];
    stack.sandbox.setBehaviour({ latencyMs: 120 });
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    const settled = await stack.settleCase('Redis FLUSHALL', ok, { timeoutMs: SETTLE_MS, startedAt });
    // Its "not sent yet" marker went with Redis: nothing was sent, so it is sent once, not unknown.
    expect(caught && settled.statuses.get(caught)).toBe('delivered');
    expect(providerCounts(stack.sandbox).get(caught ?? '')?.total).toBe(1);
    await stack.stopWorker(frozen, 'SIGTERM');
  }, SETTLE_MS + 60_000);

  it('restart of a Redis without AOF: messages accepted before, during and after the outage are all sent, once', async () => {
    const startedAt = Date.now();
    expect(stack.workers).toHaveLength(2);
    const before = stack.sandbox.requests().length;
    const posting = stack.burst('r', 150, 8);
    await stack.sandboxReceived(before + 40);
    await stack.redis.stop('SIGKILL');
    expect(await redisPing(stack.redisPort)).toBe(false);
    const atKill = stack.accepted.size;
    // Accepting goes on while Redis is down (202, `smsgw-enqueue: deferred`): wait for some of those.
    await poll(async () => (stack.accepted.size >= atKill + 10 ? true : undefined), 30_000, '10 messages accepted while Redis is down', 50);
    await stack.startRedis({ appendOnly: false, dir: stack.group.tempDir() });
    await poll(async () => ((await fetch(`${stack.apiUrl}/readyz`)).ok ? true : undefined), 15_000, 'the API to reconnect to Redis');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    await stack.settleCase('Redis restart without AOF', ok, { timeoutMs: SETTLE_MS, startedAt });
  }, SETTLE_MS + 60_000);
});
