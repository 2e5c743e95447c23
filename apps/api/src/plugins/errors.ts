import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError, isAppError, isDatabaseUnavailable, statusOf, type ErrorCode, type ErrorDetails } from '@smsgw/core';
import { loggableError } from '../logging.js';
import { describeIssues, type ErrorBody } from '../schemas/errors.js';

/** Fastify's own client errors, by code, mapped onto our codes. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_request',
};

/** Other client errors (from plugins: static files, Bull Board) by status; the rest are `invalid_request`. */
const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

/** How a validation error names the part of the request an issue is about, when no field is named. */
const WHOLE: Readonly<Record<string, string>> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** The one way an error is answered: the status is the code's own. */
function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: ErrorDetails): FastifyReply {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(statusOf(code)).send(body);
}

/**
 * Request validation and the one error handler. Routes declare zod schemas: the zod type provider
 * validates requests with them (400 `invalid_request` naming the fields) and serializes responses
 * through them (nothing undeclared leaves). AppErrors answer with their code, Fastify's client
 * errors with ours, and everything else is a 500 whose details are logged, never returned. Bodies
 * other than JSON and URLs holding NUL are refused before any handler runs.
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    // The API takes JSON only (provider callbacks register their own parsers in their scope): a
    // text/plain body is a 415, not a string handed to a handler that expects an object.
    app.removeContentTypeParser('text/plain');
    // PostgreSQL text cannot hold NUL: a %00 in a path or query would reach a query and fail as a 500.
    app.addHook('onRequest', async (request) => {
      // Callbacks are the exception: their parsers replace NUL, and a 4xx there is retried forever.
      if (request.url.includes('%00') && !/^\/(?:callbacks|sms)\//.test(request.url)) {
        throw new AppError('invalid_request', 'The URL must not contain NUL characters (%00)');
      }
    });
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (isAppError(err)) {
        // Our own 5xx (a provider's unreadable answer): the message is for the client, the cause for us.
        if (err.status >= 500) request.log.warn({ err: loggableError(err) }, 'request failed');
        return sendError(reply, err.code, err.message, err.details);
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation.map((v) => ({
          path: v.instancePath.split('/').filter((p) => p !== ''),
          message: v.message ?? 'invalid',
        }));
        return sendError(reply, 'invalid_request', describeIssues(issues, WHOLE[err.validationContext ?? 'body'] ?? 'body'));
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500)
        return sendError(reply, FASTIFY_CODES[err.code] ?? BY_STATUS[status] ?? 'invalid_request', err.message);
      if (isDatabaseUnavailable(err)) {
        // Nothing was stored: the client may safely retry the same request (with its Idempotency-Key).
        request.log.error({ err: loggableError(err) }, 'database unavailable');
        void reply.header('retry-after', '5');
        return sendError(reply, 'database_unavailable', 'The database is unavailable; retry shortly');
      }
      request.log.error({ err: loggableError(err) }, 'request failed');
      return sendError(reply, 'internal_error', 'Internal server error');
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
    );
  },
  { name: 'smsgw-errors', fastify: '5.x' },
);
