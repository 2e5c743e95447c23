import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '@smsgw/core';
import type { DirectoryCache } from '../../services/directory.js';
import type { ReplyDeps } from '../../services/replies.js';
import { basicPassword } from '../../plugins/auth.js';
import { authenticateGateway, type CallbackGateway } from './context.js';
import type { MessageChangeHook } from './index.js';
import { handleReplyCallback } from './reply.js';
import { handleStatusCallback } from './status.js';

/** The user name of HTTP basic auth (the gateway's name on a legacy path). */
function basicUser(request: FastifyRequest): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i > 0 ? decoded.slice(0, i) : undefined;
}

function queryString(request: FastifyRequest, name: string): string | undefined {
  const v: unknown = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The original's postback URLs carried no gateway, so the old paths name it in the URL that the
 * provider is configured with: `?gateway=<name>&token=<callback token>`, or HTTP basic auth
 * `<name>:<callback token>` (`https://name:token@host/sms/status_postback/`). Either way the
 * token is checked exactly as on the new paths: nothing is accepted on the path alone.
 */
async function legacyGateway(app: FastifyInstance, directory: DirectoryCache, request: FastifyRequest): Promise<CallbackGateway> {
  const name = queryString(request, 'gateway') ?? basicUser(request);
  const token = queryString(request, 'token') ?? basicPassword(request);
  if (!name || !token) throw unauthorized('Legacy callback paths need ?gateway=<name>&token=<callback token> (or basic auth)');
  return authenticateGateway(directory, app.deps.db, name, token);
}

/** `/sms/status_postback/` and `/sms/reply_postback/`, kept for gateways configured for the original. */
export function legacyCallbackRoutes(app: FastifyInstance, directory: DirectoryCache, onChange: MessageChangeHook, replies: ReplyDeps): void {
  const schema = { tags: ['callbacks'], summary: 'Legacy postback path (gateway named in the query or basic auth)' };
  // The original's URLs end in a slash; a provider configured by hand may have dropped it.
  for (const slash of ['/', '']) {
    app.route({
      method: ['GET', 'POST'],
      url: `/sms/status_postback${slash}`,
      schema,
      handler: async (request, reply) => handleStatusCallback(app, await legacyGateway(app, directory, request), request, reply, onChange),
    });
    app.route({
      method: ['GET', 'POST'],
      url: `/sms/reply_postback${slash}`,
      schema,
      handler: async (request, reply) => handleReplyCallback(app, await legacyGateway(app, directory, request), request, reply, replies),
    });
  }
}
