import type { FastifyError, FastifyInstance } from 'fastify';
import { badRequest, isAppError } from '@smsgw/core';
import { loggableError } from '../logging.js';

/** Fastify's own 4xx errors, by code, mapped onto our error codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_request',
};

/**
 * The one error handler: AppErrors answer with their code and status, Fastify's client errors
 * with theirs, and everything else is a 500 whose details are logged, never returned. Bodies
 * other than JSON and URLs holding NUL are refused before any handler runs.
 */
/**
 * PostgreSQL is down, restarting, or dropped our connection: a 503 the client can retry, not a
 * 500. postgres.js names its own connection failures; the server's are SQLSTATE class 08
 * (connection exception) and 57P0x (shutting down, cannot connect now).
 */
const CONNECTION_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  }
  return false;
}

export function registerErrorHandling(app: FastifyInstance): void {
  // The API takes JSON only (provider callbacks register their own parsers in their scope): a
  // text/plain body is a 415, not a string handed to a handler that expects an object.
  app.removeContentTypeParser('text/plain');
  // PostgreSQL text cannot hold NUL: a %00 in a path or query would reach a query and fail as a 500.
  app.addHook('onRequest', async (request) => {
    // Callbacks are the exception: their parsers replace NUL, and a 4xx there is retried forever.
    if (request.url.includes('%00') && !/^\/(?:callbacks|sms)\//.test(request.url)) throw badRequest('invalid_request', 'The URL must not contain NUL characters (%00)');
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isAppError(err)) {
      const details = err.details === undefined ? {} : { details: err.details };
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...details } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[err.code] ?? (status === 404 ? 'not_found' : 'invalid_request');
      return reply.status(status).send({ error: { code, message: err.message } });
    }
    if (isDatabaseUnavailable(err)) {
      // Nothing was stored: the client may safely retry the same request (with its Idempotency-Key).
      request.log.error({ err: loggableError(err) }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'database_unavailable', message: 'The database is unavailable; retry shortly' } });
    }
    request.log.error({ err: loggableError(err) }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Internal server error' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
