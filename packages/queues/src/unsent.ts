import { randomBytes } from 'node:crypto';
import { duplicateConnection, type RedisClient } from './connection.js';

/**
 * "Claimed but certainly not sent yet": a marker in Redis from just before a worker claims a
 * message until just before its request's first byte may leave. Set before the claim, so no
 * instant exists in which a message is claimed without it. It lets the sweep tell a send
 * that died before its request (safe to queue again) from one that may have reached the
 * gateway (`unknown`, never resent). Without it, a crash between claim and request would make
 * a never-sent message `unknown`.
 *
 * The marker holds a token, and both ends take it atomically: the worker may send only if it
 * still holds its token, and the sweep may re-queue only if it took the token away. Whoever
 * loses does nothing. A marker lost with Redis (FLUSHALL, restart without persistence) errs
 * on the safe side: the worker does not send, and the sweep calls the message `unknown`.
 */
/** Takes the marker only if it still holds this token (`<token>:<set at ms>`). */
const TAKE_IF_MINE = `
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ':' then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Marks unless a fresh marker of another job is there (a duplicate job for a message being
 * handled); a marker older than ARGV[3] ms is a worker that died between marking and claiming
 * (it never claimed, or the sweep will find the claim) and is replaced. Redis's clock decides.
 */
const MARK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('GET', KEYS[1])
if v then
  local at = tonumber(string.match(v, ':(%d+)$'))
  if at and now - at < tonumber(ARGV[3]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. now, 'PX', ARGV[2])
return 1
`;

export interface UnsentMarkers {
  /**
   * Marks a message the caller is about to claim as not-sent-yet; returns the token to take it
   * back with, or undefined when another job holds a fresh marker for it (a duplicate job).
   */
  mark(messageId: string): Promise<string | undefined>;
  /** Takes the marker back before sending; false when it is gone (the sweep took the message). */
  take(messageId: string, token: string): Promise<boolean>;
  /** The sweep's side: removes the marker; true when it existed (the request never started). */
  seize(messageId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Markers expire after a day: far beyond any sweep's patience, short enough not to pile up. */
const TTL_MS = 24 * 3600 * 1000;
/**
 * A marker this old whose holder never took it back belongs to a worker that died between
 * marking and claiming: past BullMQ's job lock (15 s), so its job has been handed on anyway.
 */
const STALE_MS = 16_000;

export function createUnsentMarkers(connection: RedisClient, prefix: string): UnsentMarkers {
  // Auto-pipelining: every send of this process in the same tick shares one round trip.
  const redis = duplicateConnection(connection, { enableAutoPipelining: true, maxRetriesPerRequest: 2 });
  const key = (id: string) => `${prefix}:unsent:${id}`;
  return {
    async mark(messageId) {
      const token = randomBytes(8).toString('hex');
      const ok = Number(await redis.eval(MARK, 1, key(messageId), token, String(TTL_MS), String(STALE_MS))) === 1;
      return ok ? token : undefined;
    },
    async take(messageId, token) {
      return Number(await redis.eval(TAKE_IF_MINE, 1, key(messageId), token)) === 1;
    },
    async seize(messageId) {
      return (await redis.del(key(messageId))) === 1;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
