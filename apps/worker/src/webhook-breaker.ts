import { createHash } from 'node:crypto';
import type { RedisClient } from '@smsgw/queues';

/**
 * A circuit breaker per webhook endpoint (URL origin), kept in Redis so every worker process
 * shares one view of an endpoint's health. It exists for fairness: all accounts share the
 * webhook workers, and an endpoint that times out holds a worker slot for the whole timeout on
 * every attempt. Once an endpoint is "open", the main lane stops calling it and hands its
 * deliveries to the slow lane (few workers), so a dead endpoint costs everyone else at most
 * the slow lane's slots.
 *
 * It also holds a short lock per delivery while a lane works on it: a delivery moved between
 * lanes has, for a moment, a job on each, and only one of them may call the endpoint.
 */

export type WebhookLane = 'main' | 'slow';

/**
 * What a lane may do with a delivery:
 * - `go`: call the endpoint (the breaker is closed, or this is the slow lane);
 * - `probe`: the breaker is open but cooled down; this call is the one half-open probe;
 * - `divert`: the breaker is open; hand the delivery to the slow lane without calling;
 * - `busy`: the other lane's job holds the delivery; that job owns it, this one stops.
 */
export type Admission = 'go' | 'probe' | 'divert' | 'busy';

export interface Ticket {
  readonly admission: Admission;
  /** The breaker had failures (or was open) when admitted: a success must clear them. */
  readonly dirty: boolean;
}

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  threshold: number;
  /** The failures must fall within this long of the first of them; older ones start a new count. */
  windowMs: number;
  /** How long an open breaker diverts everything before the main lane may probe once. */
  cooldownMs: number;
  /** The longest one call can take (the webhook total timeout): bounds the locks and the probe lease. */
  callTimeoutMs: number;
}

export const BREAKER_DEFAULTS = Object.freeze({ threshold: 5, windowMs: 60_000, cooldownMs: 30_000 });

export interface BreakerState {
  failures: number;
  open: boolean;
}

export interface WebhookBreaker {
  admit(origin: string, deliveryId: string, lane: WebhookLane): Promise<Ticket>;
  /** The endpoint answered 2xx: the breaker closes (when `dirty`) and the delivery's lock is left to expire. */
  succeeded(origin: string, deliveryId: string, lane: WebhookLane, ticket: Ticket): Promise<void>;
  /** A timeout, connect error or 5xx: counts towards opening; returns whether the breaker is open now. */
  failed(origin: string, deliveryId: string, lane: WebhookLane): Promise<boolean>;
  /** Any other failure (4xx, refused address): says nothing about the endpoint's health. */
  release(deliveryId: string, lane: WebhookLane): Promise<void>;
  state(origin: string): Promise<BreakerState>;
}

// Server time, so that workers with skewed clocks agree on windows and cool-downs.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS: breaker, lock. ARGV: lane, lock ttl, cool-down, probe lease.
// The lock's value is the lane: a job that finds its own lane's lock is the re-run of a crashed
// run of the same job (one job per id per queue) and takes it over; the other lane's lock means
// another live job owns the delivery.
const ADMIT = `
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {'busy', 0} end
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
end
local b = redis.call('HMGET', KEYS[1], 'fails', 'openedAt', 'probeUntil')
local dirty = (b[1] or b[2]) and 1 or 0
local openedAt = tonumber(b[2])
if ARGV[1] == 'slow' or not openedAt then return {'go', dirty} end
${NOW}
local probeUntil = tonumber(b[3])
if now - openedAt < tonumber(ARGV[3]) or (probeUntil and probeUntil > now) then
  redis.call('DEL', KEYS[2])
  return {'divert', dirty}
end
redis.call('HSET', KEYS[1], 'probeUntil', now + tonumber(ARGV[4]))
return {'probe', dirty}`;

// KEYS: breaker, lock. ARGV: lane.
const SUCCEED = `
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

// KEYS: breaker, lock. ARGV: lane, threshold, window, key ttl.
const FAIL = `
${NOW}
local b = redis.call('HMGET', KEYS[1], 'fails', 'firstAt', 'openedAt')
local fails = tonumber(b[1]) or 0
local firstAt = tonumber(b[2]) or 0
if fails == 0 or now - firstAt > tonumber(ARGV[3]) then
  fails = 1
  firstAt = now
else
  fails = fails + 1
end
redis.call('HSET', KEYS[1], 'fails', fails, 'firstAt', firstAt)
local open = 0
if b[3] or fails >= tonumber(ARGV[2]) then
  -- Every failure while open (a failed probe, a slow-lane failure) restarts the cool-down.
  redis.call('HSET', KEYS[1], 'openedAt', now)
  redis.call('HDEL', KEYS[1], 'probeUntil')
  open = 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return open`;

// KEYS: lock. ARGV: lane.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 1`;

interface Script {
  source: string;
  sha: string;
}
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const SCRIPTS = { admit: script(ADMIT), succeed: script(SUCCEED), fail: script(FAIL), release: script(RELEASE) };

/** EVALSHA, falling back to EVAL once when the server has not seen the script (restart, new node). */
async function run(redis: RedisClient, s: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(s.source, keys.length, ...keys, ...args);
  }
}

const ADMISSIONS: readonly Admission[] = ['go', 'probe', 'divert', 'busy'];

function toTicket(reply: unknown): Ticket {
  if (Array.isArray(reply)) {
    const [admission, dirty] = reply as unknown[];
    const found = ADMISSIONS.find((a) => a === admission);
    if (found) return { admission: found, dirty: dirty === 1 };
  }
  throw new Error(`unexpected breaker reply ${JSON.stringify(reply)}`);
}

/**
 * Creates the breaker over `redis`, its keys under `prefix` (the queue prefix, so a Redis
 * Cluster hash tag in it keeps every key of a script in one slot).
 */
export function createWebhookBreaker(
  redis: RedisClient,
  prefix: string,
  opts: Partial<BreakerOptions> & Pick<BreakerOptions, 'callTimeoutMs'>,
): WebhookBreaker {
  const o: BreakerOptions = { ...BREAKER_DEFAULTS, ...opts };
  const breakerKey = (origin: string) => `${prefix}:webhook-breaker:${origin}`;
  const lockKey = (deliveryId: string) => `${prefix}:webhook-lock:${deliveryId}`;
  // The lock outlives one call by a margin, so a slow store of the outcome still happens under it.
  const lockTtl = o.callTimeoutMs + 5_000;
  // An endpoint nobody calls for this long is forgotten: closed again, and no Redis memory kept.
  const keyTtl = o.windowMs + o.cooldownMs;
  return {
    async admit(origin, deliveryId, lane) {
      return toTicket(await run(redis, SCRIPTS.admit, [breakerKey(origin), lockKey(deliveryId)], [lane, lockTtl, o.cooldownMs, lockTtl]));
    },
    async succeeded(origin, deliveryId, lane, ticket) {
      // A delivered row is never sent again (every run checks it first), so on the common path
      // (a healthy endpoint) the lock may simply expire: one Redis round trip saved per webhook.
      if (!ticket.dirty && ticket.admission === 'go') return;
      await run(redis, SCRIPTS.succeed, [breakerKey(origin), lockKey(deliveryId)], [lane]);
    },
    async failed(origin, deliveryId, lane) {
      const open = await run(redis, SCRIPTS.fail, [breakerKey(origin), lockKey(deliveryId)], [lane, o.threshold, o.windowMs, keyTtl]);
      return open === 1;
    },
    async release(deliveryId, lane) {
      await run(redis, SCRIPTS.release, [lockKey(deliveryId)], [lane]);
    },
    async state(origin) {
      const [fails, openedAt] = await redis.hmget(breakerKey(origin), 'fails', 'openedAt');
      return { failures: Number(fails ?? 0), open: openedAt !== null };
    },
  };
}
