import { afterAll, describe, expect, it } from 'vitest';
import { createPacer, redisConnection } from '../src/index.js';
import { redisUrl, uniquePrefix } from '../../../test/support/env.js';

const connection = redisConnection(redisUrl());
afterAll(async () => {
  await connection.quit();
});

/**
 * Waits are measured against Redis's own clock inside the script, so they are compared with each
 * other (a later reservation waits one step longer, less the little time that passed between the
 * two calls) rather than with this process's clock, which a loaded machine makes unreliable.
 */
describe('pacer', () => {
  it('gives concurrent reservations consecutive slots, interval / max apart', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 10, intervalMs: 10_000 }; // one slot a second
    const waits = await Promise.all(Array.from({ length: 6 }, () => pacer.reserve('gw', limit)));
    waits.sort((a, b) => a - b);
    expect(waits[0]).toBe(0);
    for (let i = 1; i < waits.length; i++) {
      const step = waits[i]! - waits[i - 1]!;
      expect(step).toBeGreaterThan(900);
      expect(step).toBeLessThanOrEqual(1000);
    }
  });

  it('a cost reserves that many slots (segments counted, not messages)', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 10, intervalMs: 1000 }; // 100 ms a slot
    expect(await pacer.reserve('gw', limit, 3)).toBe(0);
    const second = await pacer.reserve('gw', limit);
    expect(second).toBeGreaterThan(200);
    expect(second).toBeLessThanOrEqual(300);
  });

  it('gateways are paced independently, and an idle gateway sends at once', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 1, intervalMs: 60_000 };
    expect(await pacer.reserve('a', limit)).toBe(0);
    expect(await pacer.reserve('b', limit)).toBe(0);
    expect(await pacer.reserve('a', limit)).toBeGreaterThan(59_000);
  });

  it('wait() resolves after the reserved slot', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 5, intervalMs: 1000 };
    expect(await pacer.wait('gw', limit)).toBe(0);
    const started = Date.now();
    const waited = await pacer.wait('gw', limit);
    expect(waited).toBeGreaterThan(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(waited - 5);
  });
});
