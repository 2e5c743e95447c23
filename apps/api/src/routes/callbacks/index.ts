import type { FastifyPluginAsync } from 'fastify';
import legacyReply from './legacy-reply.js';
import legacyStatus from './legacy-status.js';
import reply from './reply.js';
import status from './status.js';

const MAX_CALLBACK_BYTES = 256 * 1024;

/**
 * Provider callbacks. Public (the path token authenticates the gateway), and bodies are kept as
 * raw strings: signatures are computed over the exact bytes, and each gateway's config says
 * whether fields are in the query, a form or JSON.
 */
export const callbackRoutes: FastifyPluginAsync = async (scope) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES }, (_req, body, done) => done(null, body));
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  await scope.register(status);
  await scope.register(reply);
  await scope.register(legacyStatus);
  await scope.register(legacyReply);
};
