import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { forbidden, hasScope, unauthorized, type Scope } from '@smsgw/core';
import { hashApiKey, touchApiKeys, type Principal } from '@smsgw/db';
import { bearerToken } from '../services/authorization-header.js';
import { createKeyUsage, type KeyUsage } from '../services/key-usage.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Last-use times of keys, written in batches (see services/key-usage.ts). */
    keyUsage: KeyUsage;
    /** Every route with the scope it needs (tests walk it; docs/keys-and-scopes.md lists it). */
    routeScopes(): RouteScope[];
  }
  interface FastifyContextConfig {
    /**
     * The scope a key needs to call this route. Every route that is not `public` must declare
     * one: the app refuses to start otherwise (and a request to such a route would be refused).
     */
    scope?: Scope;
    /** Routes open without a key (health, docs, provider callbacks). */
    public?: boolean;
  }
}

export interface RouteScope {
  method: string;
  url: string;
  /** Absent on public routes. */
  scope?: Scope | undefined;
  public: boolean;
}

/** The message of a 403: names the scope, so the caller knows what key to ask for. */
export const missingScope = (scope: Scope) => forbidden(`This needs a key with the "${scope}" scope`);

/** The routes of the app that neither are public nor declare a scope: `METHOD url` each. */
function unscoped(routes: readonly RouteOptions[]): string[] {
  return routes
    .filter((r) => !r.config?.public && !r.config?.scope)
    .map((r) => `${Array.isArray(r.method) ? r.method.join(',') : r.method} ${r.url}`);
}

/**
 * Every route needs a key unless its config says `public`, and a key with the route's `scope`
 * (admin keys have every scope). Wrong or missing key → 401; right key, missing scope → 403.
 * The principal is on `request.principal`; handlers scope every query by its account. Keys are
 * looked up through the process's key cache, and each use is noted for `last_used_at`.
 */
export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('principal', null);
    const usage = createKeyUsage({
      write: (uses) => touchApiKeys(app.db, uses),
      intervalMs: app.config.keyUsageFlushMs,
      onError: (err) => app.log.warn({ err }, 'cannot write the keys’ last use; retrying at the next flush'),
    });
    app.decorate('keyUsage', usage);
    app.addHook('onClose', async () => usage.close());

    // Checked when the app is ready, not as each route is added: a plugin's own onRoute hook
    // (callbacks, docs, Bull Board) marks its routes public after this one has seen them.
    const routes: RouteOptions[] = [];
    app.addHook('onRoute', (route) => {
      routes.push(route);
    });
    app.decorate('routeScopes', () =>
      routes.flatMap((r) =>
        (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
          method,
          url: r.url,
          scope: r.config?.scope,
          public: r.config?.public === true,
        })),
      ),
    );
    app.addHook('onReady', async () => {
      const missing = unscoped(routes);
      if (missing.length > 0) {
        throw new Error(`Routes without a scope (add config.scope, or config.public for open routes): ${missing.join('; ')}`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const cfg = request.routeOptions.config;
      if (cfg.public || request.is404) return;
      const key = bearerToken(request.headers.authorization);
      const principal: Principal | undefined = key ? await app.keyCache.get(hashApiKey(key)) : undefined;
      if (!principal) throw unauthorized();
      usage.touch(principal.keyId);
      // No scope here can only be a route added after ready; refuse rather than allow.
      if (!cfg.scope) throw forbidden('This route declares no scope');
      if (!hasScope(principal, cfg.scope)) throw missingScope(cfg.scope);
      request.principal = principal;
    });
  },
  { name: 'smsgw-auth', fastify: '5.x', dependencies: ['smsgw-key-cache', 'smsgw-config', 'smsgw-database'] },
);

/** The caller; only called on routes that are not public, where the hook has set it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
