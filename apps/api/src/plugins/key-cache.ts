import fp from 'fastify-plugin';
import { apiKeyLookup } from '@smsgw/db';
import { onKeysChanged } from '@smsgw/queues';
import { createKeyCache, type KeyCache } from '../services/key-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The key lookups of this process (auth reads it, metrics and tests read its stats). */
    keyCache: KeyCache;
  }
}

/** Long enough to absorb a flood of one bad key, short enough that a key made just after it works. */
const NOT_FOUND_TTL_MS = 2_000;
/** Per kind (found / not found); a few MB at most. */
const MAX_CACHED_KEYS = 10_000;

/**
 * The cache of API key lookups, kept honest by key changes published on Redis (`revokeKey`):
 * while that subscription is down the cache holds nothing. The subscription closes with the app.
 */
export const keyCachePlugin = fp(
  async (app) => {
    const { db, queues, config } = app;
    const cache = createKeyCache({
      load: apiKeyLookup(db),
      ttlMs: config.keyCacheTtlMs,
      negativeTtlMs: NOT_FOUND_TTL_MS,
      maxEntries: MAX_CACHED_KEYS,
    });
    app.decorate('keyCache', cache);
    if (config.keyCacheTtlMs <= 0) return;
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
  },
  { name: 'smsgw-key-cache', fastify: '5.x', dependencies: ['smsgw-config', 'smsgw-database', 'smsgw-queues'] },
);
