import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listGateways } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { gatewayList } from '../../schemas/gateways.js';
import { gatewayView } from '../../views/gateways.js';

const listGatewaysRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/gateways',
    {
      config: { scope: 'gateways:read' },
      schema: { tags: ['gateways'], summary: 'List gateways', response: { 200: gatewayList, ...errorResponses(403) } },
    },
    async () => {
      const rows = await listGateways(app.db);
      return { data: rows.map((r) => gatewayView(r, app.config)) };
    },
  );
};

export default listGatewaysRoute;
