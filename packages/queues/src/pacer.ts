import type { RedisClient } from './connection.js';

/**
 * Spaces a gateway's sends evenly, across every worker process, at the moment of sending.
 *
 * BullMQ's limiter counts job *starts* in fixed windows: all `max` jobs of a window may start at
 * once, and with the claim query and connect in between, a provider counting requests over any
 * second saw up to a third more than the limit (measured by `npm run bench`). The pacer is a
 * GCRA ("virtual scheduling") in Redis: each send reserves the next slot, `interval / max` after
 * the previous one, and waits for it. Redis's clock is the only clock, so workers on different
 * machines agree. A cost above 1 (the segments of a long message) reserves that many slots, for
 * providers that count parts rather than messages.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local step = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local maxwait = tonumber(ARGV[2])
if maxwait >= 0 and tat - now > maxwait then return -(tat - now) - 1 end
local nexttat = tat + step
redis.call('SET', KEYS[1], tostring(nexttat), 'PX', math.ceil(nexttat - now) + 1000)
return tat - now
`;

export interface Pacer {
  /**
   * Reserves the next send slot of `gateway`; resolves with how long to wait for it (ms). With
   * `maxWaitMs`, a slot further away than that is not reserved: resolves with `{ tooFar: ms }`.
   */
  reserve(gateway: string, limit: { max: number; intervalMs: number }, cost?: number): Promise<number>;
  reserveWithin(
    gateway: string,
    limit: { max: number; intervalMs: number },
    cost: number,
    maxWaitMs: number,
  ): Promise<number | { tooFar: number }>;
  /** Reserves a slot and waits until it comes. */
  wait(gateway: string, limit: { max: number; intervalMs: number }, cost?: number): Promise<number>;
}

export function createPacer(connection: RedisClient, prefix: string): Pacer {
  const run = async (gateway: string, limit: { max: number; intervalMs: number }, cost: number, maxWaitMs: number): Promise<number> => {
    const step = (limit.intervalMs / limit.max) * Math.max(1, cost);
    return Number(await connection.eval(RESERVE, 1, `${prefix}:pace:${gateway}`, String(step), String(maxWaitMs)));
  };
  const reserve: Pacer['reserve'] = async (gateway, limit, cost = 1) => Math.max(0, await run(gateway, limit, cost, -1));
  return {
    reserve,
    async reserveWithin(gateway, limit, cost, maxWaitMs) {
      const wait = await run(gateway, limit, cost, maxWaitMs);
      return wait < 0 ? { tooFar: -wait - 1 } : wait;
    },
    async wait(gateway, limit, cost) {
      const ms = await reserve(gateway, limit, cost);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      return ms;
    },
  };
}
