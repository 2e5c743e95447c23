import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { deleteRoute } from '@smsgw/db';
import { nameParams, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { audit } from '../../services/audit.js';

const deleteRoutingRuleRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/routes/:name',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['routing'],
        summary: 'Remove a routing rule',
        params: nameParams,
        response: { 204: noContent, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteRoute(app.db, request.params.name))) throw notFound('Route');
      app.directory.invalidate();
      await audit(app, request, { action: 'route.deleted', target: request.params.name, accountId: null });
      return reply.status(204).send();
    },
  );
};

export default deleteRoutingRuleRoute;
