import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * "Claimed but certainly not sent yet": a marker in Redis from just after a worker claims a
 * message until just before its request's first byte may leave. It lets the sweep tell a send
 * that died before its request (safe to queue again) from one that may have reached the
 * gateway (`unknown`, never resent). Without it, a crash between claim and request would make
 * a never-sent message `unknown`.
 *
 * The marker holds a token, and both ends take it atomically: the worker may send only if it
 * still holds its token, and the sweep may re-queue only if it took the token away. Whoever
 * loses does nothing. A marker lost with Redis (FLUSHALL, restart without persistence) errs
 * on the safe side: the worker does not send, and the sweep calls the message `unknown`.
 */
const TAKE_IF_MINE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface UnsentMarkers {
  /** Marks a message its caller has just claimed as not-sent-yet; returns the token to take it back with. */
  mark(messageId: string): Promise<string>;
  /** Takes the marker back before sending; false when it is gone (the sweep took the message). */
  take(messageId: string, token: string): Promise<boolean>;
  /** The sweep's side: removes the marker; true when it existed (the request never started). */
  seize(messageId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Markers expire after a day: far beyond any sweep's patience, short enough not to pile up. */
const TTL_MS = 24 * 3600 * 1000;

export function createUnsentMarkers(connection: Redis, prefix: string): UnsentMarkers {
  // Auto-pipelining: every send of this process in the same tick shares one round trip.
  const redis = connection.duplicate({ enableAutoPipelining: true, maxRetriesPerRequest: 2 });
  const key = (id: string) => `${prefix}:unsent:${id}`;
  return {
    async mark(messageId) {
      const token = randomBytes(8).toString('hex');
      // Only a claim's winner marks, so a plain SET: it replaces the marker of an earlier,
      // released claim of the same message, which must not count any more.
      await redis.set(key(messageId), token, 'PX', TTL_MS);
      return token;
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
