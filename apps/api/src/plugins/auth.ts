import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '@smsgw/core';
import { apiKeyFinder, type Principal } from '@smsgw/db';

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
 */
export function registerAuth(app: FastifyInstance): void {
  const find = apiKeyFinder(app.deps.db);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const cfg = request.routeOptions.config;
    if (cfg.public || request.is404) return;
    const key = bearer(request);
    const principal: Principal | undefined = key ? await find(key) : undefined;
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
