import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, GATEWAY_NAME_RE, notFound, renderTemplate, unauthorized } from '@smsgw/core';
import { getGateway, type GatewayRow } from '@smsgw/db';
import {
  constantTimeEqual,
  mergeSettings,
  verifyCallbackSignature,
  type CallbackRequest,
  type GatewayConfig,
  type SignatureConfig,
} from '@smsgw/gateways';
import type { DirectoryCache } from '../../services/directory.js';
import { readCredentials } from '../../services/gateway-admin.js';

export interface CallbackGateway {
  row: GatewayRow;
  config: GatewayConfig;
}

/** The framework-free view of the provider's request that parsers and verifiers take. */
export function toCallbackRequest(app: FastifyInstance, request: FastifyRequest): CallbackRequest {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') query[k] = v;
    else if (Array.isArray(v)) query[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return {
    method: request.method,
    url: `${app.deps.config.publicUrl.replace(/\/+$/, '')}${request.url}`,
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
export async function authenticateGateway(directory: DirectoryCache, db: FastifyInstance['deps']['db'], name: string, token: string): Promise<CallbackGateway> {
  // No gateway has such a name; and a NUL in it (from a legacy path's basic auth) would fail the lookup as a 500.
  if (!GATEWAY_NAME_RE.test(name)) throw unauthorized('Unknown gateway or bad callback token');
  const dir = await directory.get();
  const row = dir.gateways.get(name) ?? (await getGateway(db, name));
  if (!row || !constantTimeEqual(token, row.callbackToken)) throw unauthorized('Unknown gateway or bad callback token');
  return { row, config: directory.configOf(row) };
}

/** Verifies the provider's own signature, where its config names a scheme. */
export function checkSignature(app: FastifyInstance, gw: CallbackGateway, sig: SignatureConfig, req: CallbackRequest): void {
  if (sig.scheme === 'none') return;
  const credentials = readCredentials(gw.row, app.deps.config.encryptionKey);
  const secret = renderTemplate(sig.secret, { credentials, settings: mergeSettings(gw.config, gw.row.settings) }, { missing: 'empty' });
  if (!secret) throw new AppError(403, 'signature_invalid', 'The gateway has no secret configured for its callback signature');
  const check = verifyCallbackSignature(sig, req, secret);
  if (!check.ok) throw new AppError(403, 'signature_invalid', `Callback signature rejected: ${check.reason}`);
}

export function requireStatusConfig(gw: CallbackGateway) {
  if (!gw.config.statusCallback) throw notFound('Status callback for this gateway');
  return gw.config.statusCallback;
}
