import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '@smsgw/core';
import { hashApiKey, type Principal } from '@smsgw/db';
import { bearerToken } from '../services/authorization-header.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes that only admin keys may call. */
    admin?: boolean;
    /** Routes open without a key (health, docs, provider callbacks). */
    public?: boolean;
  }
}

/**
 * Every route needs a key unless its config says `public`; `admin` routes need an admin key.
 * The principal is on `request.principal`; handlers scope every query by its account. Keys are
 * looked up through the process's key cache.
 */
export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const cfg = request.routeOptions.config;
      if (cfg.public || request.is404) return;
      const key = bearerToken(request.headers.authorization);
      const principal: Principal | undefined = key ? await app.keyCache.get(hashApiKey(key)) : undefined;
      if (!principal) throw unauthorized();
      if (cfg.admin && !principal.admin) throw forbidden('This needs an admin key');
      request.principal = principal;
    });
  },
  { name: 'smsgw-auth', fastify: '5.x', dependencies: ['smsgw-key-cache'] },
);

/** The caller; only called on routes that are not public, where the hook has set it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
