import { createRequire } from 'node:module';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '@smsgw/core';

/** A limit counts requests per key in fixed windows of a minute. */
const WINDOW_MS = 60_000;
/** Redis down: requests wait this long for the counter, then go through unlimited (logged). */
const STORE_TIMEOUT_MS = 500;

type IncrCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;
interface Store {
  incr(key: string, cb: IncrCallback, timeWindow: number, max: number): void;
}
type RedisStoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, redis: unknown, key: string) => Store;

/**
 * The plugin's Redis store with a deadline: the queue connection retries forever while Redis is
 * away, and a limited key's request must not hang with it. The error makes the plugin let the
 * request through (`skipOnError`): an outage of Redis must not take the API down with it.
 */
function withTimeout(store: Store, onTimeout: () => void): Store {
  return {
    incr(key, cb, timeWindow, max) {
      let done = false;
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        onTimeout();
        cb(new Error('rate limit store timed out'));
      }, STORE_TIMEOUT_MS);
      store.incr(
        key,
        (err, result) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          cb(err, result);
        },
        timeWindow,
        max,
      );
    },
  };
}

/**
 * Requests per minute per API key (`api_keys.rate_limit_per_minute`; null: the process default
 * SMSGW_KEY_RATE_LIMIT_PER_MINUTE; 0: no limit), counted in Redis so every API process shares
 * the count. A key without a limit costs no Redis round trip (the accept path is measured), and
 * routes without a key (health, provider callbacks, docs) are never limited. Over the limit:
 * 429 `rate_limited` with Retry-After and the RateLimit-Limit/-Remaining/-Reset headers.
 * Registered after auth: its hook runs after the key is known.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    const fallback = app.config.keyRateLimitPerMinute;
    const limitOf = (request: FastifyRequest): number => {
      const p = request.principal;
      return p ? (p.rateLimitPerMinute ?? fallback) : 0;
    };
    let timeoutLogged = false;
    const namespace = `${app.queues.prefix}:rate-limit:`;
    const { connection } = app.queues;
    // The plugin's own Redis store (its Lua script), behind a deadline; the module ships no types.
    const RedisStore = createRequire(import.meta.url)('@fastify/rate-limit/store/RedisStore.js') as RedisStoreCtor;
    const store = withTimeout(new RedisStore(false, false, connection, namespace), () => {
      if (timeoutLogged) return;
      timeoutLogged = true;
      app.log.warn('rate limit: Redis did not answer; limited keys go through unlimited until it does');
    });
    await app.register(rateLimit, {
      global: true,
      // Route hooks of a kind run after the app's, so auth's onRequest has set the principal.
      hook: 'onRequest',
      timeWindow: WINDOW_MS,
      max: (request) => limitOf(request),
      allowList: (request) => limitOf(request) <= 0,
      keyGenerator: (request) => request.principal?.keyId ?? '',
      store: class {
        incr(key: string, cb: IncrCallback, timeWindow: number, max: number) {
          store.incr(
            key,
            (err, result) => {
              if (!err) timeoutLogged = false;
              cb(err, result);
            },
            timeWindow,
            max,
          );
        }
        // Routes have no limits of their own: one count per key across all routes.
        child() {
          return this;
        }
      },
      skipOnError: true,
      // The RateLimit-* names (IETF draft) rather than X-RateLimit-*.
      enableDraftSpec: true,
      errorResponseBuilder: (_request, ctx) =>
        new AppError('rate_limited', `This key may make ${ctx.max} requests per minute; retry in ${ctx.after}`),
    });
  },
  { name: 'smsgw-rate-limit', fastify: '5.x', dependencies: ['smsgw-config', 'smsgw-queues', 'smsgw-auth'] },
);
