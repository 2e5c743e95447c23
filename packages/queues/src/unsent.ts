import { randomBytes } from 'node:crypto';
import { duplicateConnection, type RedisClient } from './connection.js';

/**
 * "Claimed but certainly not sent yet": a marker in Redis from just before a worker claims a
 * message until just before its request's first byte may leave. Set before the claim, so no
 * instant exists in which a message is claimed without it; the claim stores the marker's token
 * on the row (`claim_token`). It lets the sweep tell a send that died before its request (safe
 * to queue again) from one that may have reached the gateway (`unknown`, never resent). Without
 * it, a crash between claim and request would make a never-sent message `unknown`.
 *
 * One key per token, so each job's marker is its own: a later job for the same message (a retry
 * while the row still says `sending`, a duplicate job, a job handed on after a lock expired) sets
 * its own and can neither replace nor be mistaken for the claim's. Both ends take a marker with a
 * DEL: the worker may send only if it removed its own, the sweep may re-queue only if it removed
 * the one the stuck claim stored. Whoever loses does nothing. A marker lost with Redis (FLUSHALL,
 * restart without persistence) errs on the safe side: the worker does not send, and the sweep
 * calls the message `unknown`.
 */
export interface UnsentMarkers {
  /** Marks a message the caller is about to claim as not-sent-yet; returns the token to claim with and take it back by. */
  mark(messageId: string): Promise<string>;
  /** Takes the marker back before sending; false when it is gone (the sweep took the message). */
  take(messageId: string, token: string): Promise<boolean>;
  /**
   * The sweep's side: removes the marker of `token`, the one the stuck claim stored; true when it
   * was there (that claim's request never started). Other jobs' markers are left alone: they say
   * nothing about the stuck claim.
   */
  seize(messageId: string, token: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Markers expire after a day: far beyond any sweep's patience, short enough not to pile up (a
 * worker that died between marking and claiming leaves one nobody will ask about).
 */
const TTL_MS = 24 * 3600 * 1000;

export function createUnsentMarkers(connection: RedisClient, prefix: string): UnsentMarkers {
  // Auto-pipelining: every send of this process in the same tick shares one round trip.
  const redis = duplicateConnection(connection, { enableAutoPipelining: true, maxRetriesPerRequest: 2 });
  const key = (id: string, token: string) => `${prefix}:unsent:${id}:${token}`;
  const remove = async (id: string, token: string) => (await redis.del(key(id, token))) === 1;
  return {
    async mark(messageId) {
      const token = randomBytes(8).toString('hex');
      await redis.set(key(messageId, token), '1', 'PX', TTL_MS);
      return token;
    },
    take: remove,
    seize: remove,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
