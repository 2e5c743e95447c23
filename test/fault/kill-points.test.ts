import { describe, expect, it } from 'vitest';
import { redisFlushAll, type Proc } from './procs.js';
import { historiesOf, providerCounts } from './oracle.js';
import { useStack } from './stack.js';

/**
 * Workers killed at exact moments of a send, not at random: the worker's fault hook
 * (SMSGW_FAULT_PAUSE, apps/worker/src/fault-points.ts) holds every send that reaches the point
 * and says so on stdout, and the test SIGKILLs the worker then. And a worker frozen past its job
 * lock (SMSGW_FAULT_BLOCK_MS), so BullMQ hands its job to another worker while it still lives.
 */
type Point = 'after-claim' | 'after-request' | 'after-outcome';

const PHONE_LATE = '+447400999601';

/** Message ids a worker announced on its `FAULT_<kind> <point> <id>` lines. */
function announced(worker: Proc, kind: 'PAUSE' | 'BLOCK'): string[] {
  const ids: string[] = [];
  for (const line of worker.tail()) {
    const m = new RegExp(`^FAULT_${kind} \\S+ (\\S+)$`).exec(line.trim());
    if (m?.[1]) ids.push(m[1]);
  }
  return ids;
}

describe('fault: workers killed at the three points of a send, and a worker stalled past its lock', () => {
  // The sweep's patience with a `sending` row (12 s) outlasts the 8 s answers of PHONE_LATE below,
  // and still ends before the 15 s job lock: released rows are back before their jobs are.
  const stack = useStack({ label: 'killpoints', env: { SMSGW_STUCK_SENDING_MS: '12000' } });

  /**
   * Runs a burst through a worker that pauses at `point`, SIGKILLs it once sends are held there,
   * and lets a fresh worker (without the hook) finish. Returns the held ids and the case's result.
   */
  const killAt = async (point: Point, label: string, beforeKill?: () => Promise<void>) => {
    const startedAt = Date.now();
    await stack.stopWorkers('SIGTERM');
    const hooked = await stack.startWorker({ SMSGW_FAULT_PAUSE: point });
    const posting = stack.burst(label, 60, 8);
    // Its 20 job slots fill up with held sends; 10 is plenty and comes quickly.
    await hooked.waitForLine((l) => l.startsWith(`FAULT_PAUSE ${point} `), 30_000);
    await expect.poll(() => announced(hooked, 'PAUSE').length, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(10);
    await beforeKill?.();
    expect((await stack.stopWorker(hooked, 'SIGKILL')).signal).toBe('SIGKILL');
    const held = announced(hooked, 'PAUSE');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    for (const id of held) expect(ok).toContain(id);
    await stack.startWorker();
    return { held, ok, startedAt };
  };

  it('after the claim, before the request: each held message is released by the sweep and sent exactly once', async () => {
    const { held, ok, startedAt } = await killAt('after-claim', 'kc');
    // Held jobs come back once the dead worker's locks expire (15 s) and a stall check runs (5 s).
    const settled = await stack.settleCase('SIGKILL after claim', ok, { timeoutMs: 90_000, startedAt });
    const provider = providerCounts(stack.sandbox);
    const histories = await historiesOf(stack.database, held);
    for (const id of held) {
      expect(settled.statuses.get(id), id).toBe('delivered');
      expect(provider.get(id)?.total, id).toBe(1);
      // Claimed twice: once by the dead worker, once after the sweep released it (never `unknown`).
      expect(
        histories.get(id)?.filter((s) => s === 'sending'),
        id,
      ).toHaveLength(2);
      expect(histories.get(id), id).not.toContain('unknown');
    }
    expect(settled.counts['unknown'] ?? 0).toBe(0);
  }, 180_000);

  it('after the request, before the outcome is stored: unknown, or delivered by its report; never sent twice', async () => {
    const { held, ok, startedAt } = await killAt('after-request', 'kr');
    const settled = await stack.settleCase('SIGKILL after request', ok, { timeoutMs: 90_000, startedAt, cutAfterRequest: new Set(held) });
    const provider = providerCounts(stack.sandbox);
    for (const id of held) {
      expect(['unknown', 'delivered'], id).toContain(settled.statuses.get(id));
      expect(provider.get(id)?.total, id).toBe(1);
    }
    // Only the held ones were cut short.
    expect(settled.counts['unknown'] ?? 0).toBeLessThanOrEqual(held.length);
  }, 180_000);

  it('after the outcome is stored, before the job is acknowledged: sent once, the job rerun sends nothing', async () => {
    const { held, ok, startedAt } = await killAt('after-outcome', 'ko');
    // 120 s: a report whose applier was killed mid-way goes back to waiting a minute after receipt.
    const settled = await stack.settleCase('SIGKILL after outcome', ok, { timeoutMs: 120_000, startedAt });
    const provider = providerCounts(stack.sandbox);
    for (const id of held) {
      expect(settled.statuses.get(id), id).toBe('delivered');
      expect(provider.get(id)?.total, id).toBe(1);
    }
    // The held sends are not the only ones the kill cuts: a send between its request and its
    // outcome in another job slot may be caught `unknown` (its report settles it later). Never a
    // held one, and never one the provider received twice.
    for (const [id, status] of settled.statuses) {
      if (status !== 'unknown') continue;
      expect(held, id).not.toContain(id);
      expect(provider.get(id)?.total, id).toBe(1);
    }
  }, 180_000);

  it('an event loop blocked past the job lock: the job goes to another worker, still one provider request', async () => {
    const startedAt = Date.now();
    await stack.stopWorkers('SIGTERM');
    // The frozen worker alone first, so that it is the one to take the first message: blocked
    // 20 s at the claim, longer than the 15 s job lock, so BullMQ's stall check (run by the second
    // worker) hands the job over while this process still lives.
    const frozen = await stack.startWorker({ SMSGW_FAULT_PAUSE: 'after-claim', SMSGW_FAULT_BLOCK_MS: '20000' });
    // That message's provider answers in 8 s: when the frozen worker wakes, the second worker's
    // request for it is surely in flight — what the frozen one does then must not disturb it.
    stack.sandbox.setRule(PHONE_LATE, { latencyMs: 8000 });
    const first = await stack.burst('kb-first', 1, 1, [PHONE_LATE]);
    await frozen.waitForLine((l) => l.startsWith('FAULT_BLOCK after-claim '), 30_000);
    const [blocked] = announced(frozen, 'BLOCK');
    if (!blocked) throw new Error('no FAULT_BLOCK line');
    expect(first.ok).toEqual([blocked]);
    await stack.startWorker();
    const { ok, refused } = await stack.burst('kb', 80, 8);
    expect(refused).toEqual([]);
    // The fault is time itself: the frozen worker wakes after 20 s; its first word about the
    // blocked message (a JSON log line naming it) comes after that.
    await frozen.waitForLine((l) => l.startsWith('{') && l.includes(`"messageId":"${blocked}"`), 60_000);
    // A second request for the blocked message would come from the sweep's 60 s lost-job scan.
    const settled = await stack.settleCase('event loop blocked 20 s', [blocked, ...ok], { timeoutMs: 100_000, startedAt });
    stack.sandbox.setRule(PHONE_LATE, null);
    expect(settled.statuses.get(blocked)).toBe('delivered');
    expect(providerCounts(stack.sandbox).get(blocked)?.total).toBe(1);
    // It lived through it and still works.
    expect(stack.workers).toContain(frozen);
  }, 180_000);

  it('FLUSHALL and a worker killed while sends are held between claim and request: never sent twice; the held ones end unknown', async () => {
    // Two faults at once: Redis loses the held sends' "not sent yet" markers (and every job), and
    // the worker that held them dies. The marker was the only record that nothing left, so the
    // sweep takes the safe side and calls them unknown (README, Guarantees: the documented limit).
    // Everything else is still sent exactly once.
    const { held, ok, startedAt } = await killAt('after-claim', 'kf', () => redisFlushAll(stack.redisPort));
    // Jobs lost with Redis come back through the sweep once their row is 60 s old (LOST_AFTER_MS).
    const settled = await stack.settleCase('FLUSHALL + worker kill with sends held after claim', ok, {
      timeoutMs: 100_000,
      startedAt,
      cutAfterRequest: new Set(held),
    });
    const provider = providerCounts(stack.sandbox);
    for (const id of held) {
      expect(settled.statuses.get(id), id).toBe('unknown');
      expect(provider.get(id)?.total ?? 0, id).toBe(0);
    }
  }, 180_000);
});
