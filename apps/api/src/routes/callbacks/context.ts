import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, GATEWAY_NAME_RE, notFound, renderTemplate, unauthorized } from '@smsgw/core';
import { getGateway, type GatewayRow } from '@smsgw/db';
import {
  constantTimeEqual,
  loadHttpGateway,
  verifyCallbackSignature,
  type CallbackRequest,
  type GatewayConfig,
  type SignatureConfig,
} from '@smsgw/gateways';
import { publicErrorResponses } from '../../schemas/errors.js';
import type { ReplyDeps } from '../../services/replies.js';

export interface CallbackGateway {
  row: GatewayRow;
  config: GatewayConfig;
}

export function replyDepsOf(app: FastifyInstance): ReplyDeps {
  const { db, config, log } = app;
  return { db, windowHours: config.replyWindowHours, defaultCountry: config.defaultCountry, logger: log };
}

/**
 * The schema parts every callback route shares. No body schema: the body is a raw string (a GET
 * route may not declare one, and the bytes must not be touched), checked by the gateway's config.
 */
export const callbackSchema = {
  tags: ['callbacks'],
  description:
    'Called by the provider, as it calls (GET or POST). A POST body is kept raw, as the provider sent it: signatures are checked ' +
    'over its exact bytes, and the gateway’s config reads the fields from the query, a form or JSON.',
  // No key: the path's token (or a legacy path's gateway and token) authenticates the gateway.
  security: [],
  response: {
    200: {
      description: 'What the gateway’s config says to answer (its status, content type and body)',
      content: { 'text/plain': { schema: z.string() } },
    },
    ...publicErrorResponses(400, 401, 403, 404),
  },
};

export const callbackParams = z.object({ gateway: z.string(), token: z.string() });

/** The framework-free view of the provider's request that parsers and verifiers take. */
export function toCallbackRequest(app: FastifyInstance, request: FastifyRequest): CallbackRequest {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') query[k] = v;
    else if (Array.isArray(v)) query[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return {
    method: request.method,
    url: `${app.config.publicUrl.replace(/\/+$/, '')}${request.url}`,
    query,
    headers: request.headers,
    rawBody: typeof request.body === 'string' ? request.body : '',
    contentType: request.headers['content-type'],
  };
}

/**
 * Finds the gateway named in the path and checks the path token in constant time. An unknown
 * gateway and a wrong token answer alike (401), so the path cannot be used to probe names.
 */
export async function authenticateGateway(app: FastifyInstance, name: string, token: string): Promise<CallbackGateway> {
  // No gateway has such a name; and a NUL in it (from a legacy path's basic auth) would fail the lookup as a 500.
  if (!GATEWAY_NAME_RE.test(name)) throw unauthorized('Unknown gateway or bad callback token');
  const dir = await app.directory.get();
  const row = dir.gateways.get(name) ?? (await getGateway(app.db, name));
  if (!row || !constantTimeEqual(token, row.callbackToken)) throw unauthorized('Unknown gateway or bad callback token');
  return { row, config: app.directory.configOf(row) };
}

/** Verifies the provider's own signature, where its config names a scheme. */
export function checkSignature(app: FastifyInstance, gw: CallbackGateway, sig: SignatureConfig, req: CallbackRequest): void {
  if (sig.scheme === 'none') return;
  const { credentials, settings } = loadHttpGateway(gw.row, app.config.encryptionKey, gw.config);
  const secret = renderTemplate(sig.secret, { credentials, settings }, { missing: 'empty' });
  if (!secret) throw new AppError('signature_invalid', 'The gateway has no secret configured for its callback signature');
  const check = verifyCallbackSignature(sig, req, secret);
  if (!check.ok) throw new AppError('signature_invalid', `Callback signature rejected: ${check.reason}`);
}

export function requireStatusConfig(gw: CallbackGateway) {
  if (!gw.config.statusCallback) throw notFound('Status callback for this gateway');
  return gw.config.statusCallback;
}
