import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '@smsgw/core';
import { basicCredentials } from '../../services/authorization-header.js';
import { authenticateGateway, callbackSchema, type CallbackGateway } from './context.js';

/** The original's URLs end in a slash; a provider configured by hand may have dropped it. */
export const legacyUrls = (path: string): string[] => [`${path}/`, path];

export const legacySchema = { ...callbackSchema, summary: 'Legacy postback path (gateway named in the query or basic auth)' };

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
export async function legacyGateway(app: FastifyInstance, request: FastifyRequest): Promise<CallbackGateway> {
  const basic = basicCredentials(request.headers.authorization);
  const name = queryString(request, 'gateway') ?? (basic?.user || undefined);
  const token = queryString(request, 'token') ?? basic?.password;
  if (!name || !token) throw unauthorized('Legacy callback paths need ?gateway=<name>&token=<callback token> (or basic auth)');
  return authenticateGateway(app, name, token);
}
