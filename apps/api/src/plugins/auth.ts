import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '@smsgw/core';
import { apiKeyLookup, hashApiKey, type Principal } from '@smsgw/db';
import { onKeysChanged } from '@smsgw/queues';
import { createKeyCache, type KeyCache } from '../services/key-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The key lookups of this process (metrics read its stats; key management need not touch it). */
    keyCache: KeyCache;
  }
}

/** Long enough to absorb a flood of one bad key, short enough that a key made just after it works. */
const NOT_FOUND_TTL_MS = 2_000;
/** Per kind (found / not found); a few MB at most. */
const MAX_CACHED_KEYS = 10_000;

/** The key of `Authorization: Bearer <key>`, if that is what the header holds. */
function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** The password of HTTP basic auth: browsers cannot send a Bearer header to Bull Board. */
export function basicPassword(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  const m = h ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i >= 0 ? decoded.slice(i + 1) : undefined;
}

/**
 * Every route needs a key unless its config says `public`; `admin` routes need an admin key.
 * The principal is on `request.principal`; handlers scope every query by its account.
 *
 * Keys are looked up through a cache of this process, kept honest by key changes published on
 * Redis (`revokeKey`): while that subscription is down the cache holds nothing.
 */
export function registerAuth(app: FastifyInstance): void {
  const { db, queues, config } = app.deps;
  const cache = createKeyCache({
    load: apiKeyLookup(db),
    ttlMs: config.keyCacheTtlMs,
    negativeTtlMs: NOT_FOUND_TTL_MS,
    maxEntries: MAX_CACHED_KEYS,
  });
  app.decorate('keyCache', cache);
  if (config.keyCacheTtlMs > 0) {
    // Redis reports an error per reconnect attempt: one line per outage is enough.
    let errorLogged = false;
    const subscription = onKeysChanged(queues.connection, queues.prefix, {
      changed: (change) => cache.invalidate(change),
      listening(on) {
        if (on === cache.listening) return;
        cache.setListening(on);
        // A warning, not an error: requests still work, each one reads its key from the database.
        if (!on) return app.log.warn('key cache off: not listening for key changes');
        errorLogged = false;
        app.log.info('key cache on: listening for key changes');
      },
      error(err) {
        if (errorLogged) return;
        errorLogged = true;
        app.log.warn({ err }, 'key cache: cannot listen for key changes');
      },
    });
    app.addHook('onClose', async () => subscription.close());
  }

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const cfg = request.routeOptions.config;
    if (cfg.public || request.is404) return;
    const key = bearer(request);
    const principal: Principal | undefined = key ? await cache.get(hashApiKey(key)) : undefined;
    if (!principal) throw unauthorized();
    if (cfg.admin && !principal.admin) throw forbidden('This needs an admin key');
    request.principal = principal;
  });
}

/** The caller; only called on routes that are not public, where the hook has set it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
