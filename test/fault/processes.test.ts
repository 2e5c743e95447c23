import { describe, expect, it } from 'vitest';
import { poll, redisPing } from './procs.js';
import { RESTING, waitSettled } from './oracle.js';
import { useStack } from './stack.js';

/**
 * The API and workers killed for real (SIGKILL, SIGTERM) at no particular moment, and Redis
 * killed and restarted from its append-only file. The standard: nothing accepted (202) is
 * lost, nothing is sent twice by our doing; the sandbox's record is the duplicate oracle.
 * (kill-points.test.ts kills workers at exact moments; redis.test.ts loses Redis's data.)
 */
describe('fault: processes killed mid-run', () => {
  const stack = useStack({ label: 'processes' });

  it('SIGKILL of a worker mid-send: a new worker finishes everything, nothing sent twice', async () => {
    const startedAt = Date.now();
    await stack.startWorker();
    const posting = stack.burst('s1', 200, 16);
    await stack.sandboxReceived(50);
    const killed = stack.workers.shift();
    expect((await killed?.stop('SIGKILL'))?.signal).toBe('SIGKILL');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    await stack.startWorker();
    // A job taken but not yet claimed by the dead worker waits for its lock to expire (15 s) and the stall check.
    const settled = await stack.settleCase('worker SIGKILL mid-send', ok, { timeoutMs: 60_000, startedAt });
    // Only what the dead worker had in hand can be unknown.
    expect(settled.counts['unknown'] ?? 0).toBeLessThanOrEqual(20);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 120_000);

  it('SIGKILL of the API mid-burst: every 202 is handled, unanswered requests were not accepted', async () => {
    const startedAt = Date.now();
    await stack.startWorker();
    const base = stack.accepted.size;
    const posting = stack.burst('s2', 150, 8);
    await poll(async () => (stack.accepted.size >= base + 40 ? true : undefined), 30_000, '40 accepted in the burst', 10);
    await stack.api.stop('SIGKILL');
    const first = await posting;
    expect(first.refused.length).toBeGreaterThan(0);
    await stack.startApi();
    // A client retries what got no answer with the same Idempotency-Key: never a second message.
    const retried = await stack.sendAll(first.refused, 8);
    expect(retried.refused).toEqual([]);
    const ids = [...first.ok, ...retried.ok];
    expect(new Set(ids).size).toBe(150);
    console.log(`[fault] API SIGKILL: ${first.ok.length} accepted before the kill, ${first.refused.length} retried after the restart`);
    // A retried request whose first try died between commit and enqueue gets its job from the
    // retry, not a minute later from the sweep: the deadline is short on purpose.
    const settled = await stack.settleCase('API SIGKILL mid-burst', ids, { timeoutMs: 30_000, startedAt });
    // Nothing cut a send short here: the workers ran throughout.
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 120_000);

  it('Redis SIGKILL and restart from its append-only file: everyone reconnects and sending resumes', async () => {
    const startedAt = Date.now();
    expect(stack.workers).toHaveLength(2);
    const before = stack.sandbox.requests().length;
    const posting = stack.burst('s3', 150, 8);
    await stack.sandboxReceived(before + 40);
    await stack.redis.stop('SIGKILL');
    expect(await redisPing(stack.redisPort)).toBe(false);
    await poll(
      async () => ((await fetch(`${stack.apiUrl}/readyz`)).status === 503 ? true : undefined),
      10_000,
      'the API to notice Redis is down',
    );
    await stack.startRedis();
    await poll(async () => ((await fetch(`${stack.apiUrl}/readyz`)).ok ? true : undefined), 15_000, 'the API to reconnect to Redis');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    const settled = await stack.settleCase('Redis SIGKILL, restart with AOF', ok, { timeoutMs: 90_000, startedAt });
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 150_000);

  it('SIGTERM of the workers with sends in flight: the sends complete and are stored, exit 0', async () => {
    const startedAt = Date.now();
    expect(stack.workers).toHaveLength(2);
    // Slower answers so that sends are surely in flight when the signal comes.
    stack.sandbox.setBehaviour({ latencyMs: 400 });
    const before = stack.sandbox.requests().length;
    const posting = stack.burst('s4', 80, 8);
    await stack.sandboxReceived(before + 10);
    const inFlight = stack.sandbox
      .requests()
      .filter((r) => r.outcome === 'pending')
      .map((r) => r.params['reference'] ?? '');
    expect(inFlight.length).toBeGreaterThan(0);
    const stopping = stack.workers.splice(0);
    const signalled = Date.now();
    const exits = await Promise.all(stopping.map((w) => w.stop('SIGTERM')));
    const tookMs = Date.now() - signalled;
    console.log(`[fault] SIGTERM: ${inFlight.length} sends in flight, workers exited`, exits, `in ${tookMs} ms`);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    expect(tookMs).toBeLessThan(10_000);
    // Stored before the processes were gone: not left `sending` for the sweep to call unknown.
    const stored = await waitSettled(stack.database, inFlight, 1, new Set(['sent', 'delivered']));
    expect([...stored.statuses.values()].filter((s) => s !== 'sent' && s !== 'delivered')).toEqual([]);
    stack.sandbox.setBehaviour({ latencyMs: 120 });
    await stack.startWorker();
    const settled = await stack.settleCase('workers SIGTERM', ok, { timeoutMs: 60_000, startedAt });
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 120_000);

  it('afterwards: every message accepted in this file is still at rest and none was ever sent twice', async () => {
    const settled = await stack.settleCase('(all of processes.test.ts)', [...stack.accepted], { timeoutMs: 30_000, startedAt: Date.now() });
    expect(Object.keys(settled.counts).every((s) => RESTING.has(s))).toBe(true);
  }, 60_000);
});
