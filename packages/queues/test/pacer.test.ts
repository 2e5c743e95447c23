import { afterAll, describe, expect, it } from 'vitest';
import { createPacer, redisConnection } from '../src/index.js';
import { redisUrl, uniquePrefix } from '../../../test/support/env.js';

const connection = redisConnection(redisUrl());
afterAll(async () => {
  await connection.quit();
});

describe('pacer', () => {
  it('spaces concurrent reservations by interval / max, in Redis time', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 10, intervalMs: 1000 };
    const start = Date.now();
    const slots = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const wait = await pacer.reserve('gw', limit);
        return Date.now() + wait - start;
      }),
    );
    slots.sort((a, b) => a - b);
    // 25 sends at 10/s take 2.4 s of slots, and no second holds more than 10 of them.
    expect(slots.at(-1)! - slots[0]!).toBeGreaterThanOrEqual(2300);
    for (let i = 0; i + 10 < slots.length; i++) expect(slots[i + 10]! - slots[i]!).toBeGreaterThanOrEqual(990);
  });

  it('a cost reserves that many slots (segments counted, not messages)', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 100, intervalMs: 1000 };
    expect(await pacer.reserve('gw', limit, 3)).toBe(0);
    const second = await pacer.reserve('gw', limit);
    expect(second).toBeGreaterThan(20);
    expect(second).toBeLessThanOrEqual(30);
  });

  it('gateways are paced independently, and an idle gateway sends at once', async () => {
    const pacer = createPacer(connection, uniquePrefix());
    const limit = { max: 1, intervalMs: 60_000 };
    expect(await pacer.reserve('a', limit)).toBe(0);
    expect(await pacer.reserve('b', limit)).toBe(0);
    expect(await pacer.reserve('a', limit)).toBeGreaterThan(59_000);
  });
});
