import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { legacyGateway, legacySchema, legacyUrls } from './legacy-gateway.js';
import { handleStatusCallback } from './status.js';

/** `/sms/status_postback/`, kept for gateways configured for the original. */
const legacyStatusRoute: FastifyPluginAsyncZod = async (app) => {
  for (const url of legacyUrls('/sms/status_postback')) {
    app.route({
      method: ['GET', 'POST'],
      url,
      // The slash-less twin is the same endpoint: one entry in the document is enough.
      schema: url.endsWith('/') ? legacySchema : { ...legacySchema, hide: true },
      handler: async (request, reply) => handleStatusCallback(app, await legacyGateway(app, request), request, reply),
    });
  }
};

export default legacyStatusRoute;
