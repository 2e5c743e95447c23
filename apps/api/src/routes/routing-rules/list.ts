import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRoutes } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { routeList } from '../../schemas/routing-rules.js';
import { routeView } from '../../views/routing-rules.js';

const listRoutingRulesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/routes',
    {
      config: { scope: 'gateways:read' },
      schema: { tags: ['routing'], summary: 'List routing rules', response: { 200: routeList, ...errorResponses(403) } },
    },
    async () => ({ data: (await listRoutes(app.db)).map(routeView) }),
  );
};

export default listRoutingRulesRoute;
