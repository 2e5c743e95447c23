import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getGateway } from '@smsgw/db';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { gatewaySchema } from '../../schemas/gateways.js';
import { gatewayView } from '../../views/gateways.js';

const getGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/gateways/:name',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['gateways'],
        summary: 'A gateway, with its callback URLs',
        params: nameParams,
        response: { 200: gatewaySchema, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const row = await getGateway(app.db, request.params.name);
      if (!row) throw notFound('Gateway');
      return gatewayView(row, app.config);
    },
  );
};

export default getGatewayRoute;
