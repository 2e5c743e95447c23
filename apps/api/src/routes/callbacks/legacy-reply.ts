import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { replyDepsOf } from './context.js';
import { legacyGateway, legacySchema, legacyUrls } from './legacy-gateway.js';
import { handleReplyCallback } from './reply.js';

/** `/sms/reply_postback/`, kept for gateways configured for the original. */
const legacyReplyRoute: FastifyPluginAsyncZod = async (app) => {
  const deps = replyDepsOf(app);
  for (const url of legacyUrls('/sms/reply_postback')) {
    app.route({
      method: ['GET', 'POST'],
      url,
      // The slash-less twin is the same endpoint: one entry in the document is enough.
      schema: url.endsWith('/') ? legacySchema : { ...legacySchema, hide: true },
      handler: async (request, reply) => handleReplyCallback(app, await legacyGateway(app, request), request, reply, deps),
    });
  }
};

export default legacyReplyRoute;
