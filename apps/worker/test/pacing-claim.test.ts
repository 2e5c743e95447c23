import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweep } from '../src/index.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * A claimed message waiting for its rate-limit slot must never look like a crashed send: with
 * per-segment limits and long messages the wait can pass the sweep's patience, and the sweep
 * would then call a message that was never sent `unknown` (and throw its real outcome away).
 */
describe('rate-limit waits and the stuck-send sweep', () => {
  let h: Harness;
  const stuckSendingMs = 1000;
  beforeAll(async () => {
    h = await startHarness({ databaseLabel: 'pacing', env: { SMSGW_STUCK_SENDING_MS: String(stuckSendingMs) } });
  });
  afterAll(async () => h?.close());

  it('a slot further away than the claim may wait hands the claim back; the sweep never sees a stuck send', async () => {
    // One segment per 400 ms, two-segment messages: each send books 800 ms, past the 500 ms a claim may wait.
    const rateLimit = { max: 1, intervalMs: 400, perSegment: true };
    const gw = await h.addGateway({ rateLimit });
    const to = uniqueNumber();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.send({ to, content: `${i} ${'a'.repeat(200)}`, gateway: gw })).id);
    expect((await h.message(ids[0] ?? '')).segments).toBe(2);

    let sweeping = true;
    const sweeps = (async () => {
      let reconciled = 0;
      while (sweeping) {
        const report = await sweep({ db: h.database.db, queues: h.queues, stuckSendingMs, log: h.logger });
        reconciled += report.reconciled;
        await new Promise((r) => setTimeout(r, 50));
      }
      return reconciled;
    })();
    try {
      await Promise.all(ids.map((id) => h.waitFor(id, ['sent', 'delivered', 'unknown'], 15_000)));
    } finally {
      sweeping = false;
    }
    expect(await sweeps).toBe(0);
    for (const id of ids) expect(['sent', 'delivered']).toContain((await h.message(id)).status);
    expect(h.sandbox.requests(to)).toHaveLength(3);
    const released = await Promise.all(ids.map(async (id) => (await h.events(id)).filter((e) => e.type === 'released').length));
    expect(released.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const times = h.sandbox
      .requests(to)
      .map((r) => Date.parse(r.time))
      .sort((a, b) => a - b);
    // Still paced: two segments at one per 400 ms is 800 ms per message (less scheduling jitter).
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(600);
  });
});
