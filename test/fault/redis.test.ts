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
  // The sweep's patience with a `sending` row (15 s) outlasts the frozen worker below (8 s): it
  // wakes, finds its marker gone and hands its claim back itself.
  const FROZEN_MS = 8000;
  const stack = useStack({ label: 'redisloss', appendOnly: false, env: { SMSGW_STUCK_SENDING_MS: '15000' } });
  // Lost jobs are found by the sweep once their row has been untouched for 60 s (LOST_AFTER_MS
  // in the worker's maintenance.ts, sweeping every second here), so each case waits that long.
  const SETTLE_MS = 100_000;

  it(
    'FLUSHALL mid-run: every accepted message is still sent, once',
    async () => {
      const startedAt = Date.now();
      await stack.startWorker();
      await stack.startWorker();
      // And a third worker that freezes for 8 s right after its first claim: that send is caught
      // between its claim and its request when Redis loses everything, its "not sent yet" marker too.
      const frozen = await stack.startWorker({ SMSGW_FAULT_PAUSE: 'after-claim', SMSGW_FAULT_BLOCK_MS: String(FROZEN_MS) });
      // A slow provider keeps the workers' slots full, so most of the burst waits in Redis as jobs.
      stack.sandbox.setBehaviour({ latencyMs: 1500 });
      const before = stack.sandbox.requests().length;
      const base = stack.accepted.size;
      const posting = stack.burst('f', 150, 8);
      await frozen.waitForLine((l) => l.startsWith('FAULT_BLOCK after-claim '), 30_000);
      const frozenAt = Date.now();
      const caught = /^FAULT_BLOCK \S+ (\S+)$/.exec(frozen.tail().find((l) => l.startsWith('FAULT_BLOCK')) ?? '')?.[1] ?? '';
      await poll(
        async () => (stack.accepted.size - base - (stack.sandbox.requests().length - before) >= 50 ? true : undefined),
        30_000,
        '50 jobs waiting in Redis',
        20,
      );
      await redisFlushAll(stack.redisPort);
      // Otherwise the case proved nothing about the caught send.
      expect(Date.now() - frozenAt, 'FLUSHALL came after the frozen worker woke').toBeLessThan(FROZEN_MS - 1000);
      stack.sandbox.setBehaviour({ latencyMs: 120 });
      const { ok, refused } = await posting;
      expect(refused).toEqual([]);
      const settled = await stack.settleCase('Redis FLUSHALL', ok, { timeoutMs: SETTLE_MS, startedAt });
      // Nothing was sent for it before Redis lost its marker: sent once in the end, never unknown.
      expect(settled.statuses.get(caught), caught).toBe('delivered');
      expect(providerCounts(stack.sandbox).get(caught)?.total, caught).toBe(1);
      await stack.stopWorker(frozen, 'SIGTERM');
    },
    SETTLE_MS + 60_000,
  );

  it(
    'restart of a Redis without AOF: messages accepted before, during and after the outage are all sent, once',
    async () => {
      const startedAt = Date.now();
      while (stack.workers.length < 2) await stack.startWorker();
      // As above: a backlog of jobs in Redis when it dies, so that the restart really loses some.
      stack.sandbox.setBehaviour({ latencyMs: 1500 });
      const before = stack.sandbox.requests().length;
      const base = stack.accepted.size;
      const posting = stack.burst('r', 150, 8);
      await stack.sandboxReceived(before + 20);
      await poll(
        async () => (stack.accepted.size - base - (stack.sandbox.requests().length - before) >= 50 ? true : undefined),
        30_000,
        '50 jobs waiting in Redis',
        20,
      );
      await stack.redis.stop('SIGKILL');
      expect(await redisPing(stack.redisPort)).toBe(false);
      const atKill = stack.accepted.size;
      // Accepting goes on while Redis is down (202, `smsgw-enqueue: deferred`): wait for some of those.
      await poll(
        async () => (stack.accepted.size >= atKill + 10 ? true : undefined),
        30_000,
        '10 messages accepted while Redis is down',
        50,
      );
      await stack.startRedis({ appendOnly: false, dir: stack.group.tempDir() });
      stack.sandbox.setBehaviour({ latencyMs: 120 });
      await poll(async () => ((await fetch(`${stack.apiUrl}/readyz`)).ok ? true : undefined), 15_000, 'the API to reconnect to Redis');
      const { ok, refused } = await posting;
      expect(refused).toEqual([]);
      await stack.settleCase('Redis restart without AOF', ok, { timeoutMs: SETTLE_MS, startedAt });
    },
    SETTLE_MS + 60_000,
  );
});
