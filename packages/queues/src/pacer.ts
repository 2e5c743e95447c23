import type { Redis } from 'ioredis';

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
local nexttat = tat + step
redis.call('SET', KEYS[1], tostring(nexttat), 'PX', math.ceil(nexttat - now) + 1000)
return tat - now
`;

export interface Pacer {
  /** Reserves the next send slot of `gateway`; resolves with how long to wait for it (ms). */
  reserve(gateway: string, limit: { max: number; intervalMs: number }, cost?: number): Promise<number>;
  /** Reserves a slot and waits until it comes. */
  wait(gateway: string, limit: { max: number; intervalMs: number }, cost?: number): Promise<number>;
}

export function createPacer(connection: Redis, prefix: string): Pacer {
  const reserve: Pacer['reserve'] = async (gateway, limit, cost = 1) => {
    const step = (limit.intervalMs / limit.max) * Math.max(1, cost);
    const wait = await connection.eval(RESERVE, 1, `${prefix}:pace:${gateway}`, String(step));
    return Math.max(0, Number(wait));
  };
  return {
    reserve,
    async wait(gateway, limit, cost) {
      const ms = await reserve(gateway, limit, cost);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      return ms;
    },
  };
}
