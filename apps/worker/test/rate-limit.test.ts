import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig, startWorkers } from '../src/index.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';

describe('per-gateway rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('5 per second: 15 messages all go out evenly spaced, never more than 5 in a second, none twice', async () => {
    const gw = await h.addGateway({ rateLimit: { max: 5, intervalMs: 1000 } });
    const to = uniqueNumber();
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push((await h.send({ to, content: `burst ${i}`, gateway: gw })).id);
    await Promise.all(ids.map((id) => h.waitFor(id, ['sent', 'delivered'], 10_000)));

    const requests = h.sandbox.requests(to);
    expect(requests).toHaveLength(15);
    expect(new Set(requests.map((r) => r.params['reference']))).toEqual(new Set(ids));
    const times = requests.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
    // The pacer gives every request its own slot 200 ms after the previous one. Receipt times carry
    // scheduling jitter on a loaded machine (tens of ms), so the bounds leave room for it while
    // still telling even spacing from bursts (BullMQ's limiter alone sends each window's five at once).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2400);
    const gaps = times
      .slice(1)
      .map((t, i) => t - times[i]!)
      .sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(150);
    for (let i = 0; i + 5 < times.length; i++) expect(times[i + 5]! - times[i]!).toBeGreaterThanOrEqual(800);
  });

  it('a changed limit restarts the gateway worker with it (no restart of the process)', async () => {
    const gw = await h.addGateway({ rateLimit: { max: 1, intervalMs: 60_000 } });
    const res = await h.api('PATCH', `/v1/gateways/${gw}`, { rateLimit: { max: 100, intervalMs: 1000 } });
    expect(res.status).toBe(200);
    await h.runtime.sync();
    const to = uniqueNumber();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.send({ to, content: `after patch ${i}`, gateway: gw })).id);
    // Under the old limit (1 a minute) the second and third would wait a minute.
    await Promise.all(ids.map((id) => h.waitFor(id, ['sent', 'delivered'], 5000)));
    expect(h.sandbox.requests(to)).toHaveLength(3);
  });

  it('two worker processes share the limit and never send a message twice', async () => {
    const second = await startWorkers({
      db: h.database.db,
      queues: h.queues,
      connection: h.queues.connection,
      config: loadWorkerConfig(h.env),
      logger: h.logger,
    });
    try {
      const gw = await h.addGateway({ rateLimit: { max: 5, intervalMs: 1000 } });
      await second.sync();
      const to = uniqueNumber();
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await h.send({ to, content: `shared ${i}`, gateway: gw })).id);
      await Promise.all(ids.map((id) => h.waitFor(id, ['sent', 'delivered'], 10_000)));
      const requests = h.sandbox.requests(to);
      expect(requests).toHaveLength(10);
      expect(new Set(requests.map((r) => r.params['reference'])).size).toBe(10);
      const times = requests.map((r) => Date.parse(r.time));
      // Ten at five a second over two workers: still two windows, not one burst.
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(800);
    } finally {
      await second.close();
    }
  });
});
