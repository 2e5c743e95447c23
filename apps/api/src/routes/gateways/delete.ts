import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nameParams, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { deleteUnusedGateway } from '../../services/gateway-admin.js';
import { gatewaysChanged } from './changed.js';

const deleteGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/gateways/:name',
    {
      config: { admin: true },
      schema: {
        tags: ['gateways'],
        summary: 'Remove a gateway (409 gateway_in_use while messages are pending on it)',
        params: nameParams,
        response: { 204: noContent, ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteUnusedGateway(app.db, request.params.name);
      await gatewaysChanged(app);
      return reply.status(204).send();
    },
  );
};

export default deleteGatewayRoute;
