import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nameParams, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { deleteUnusedGateway } from '../../services/gateway-admin.js';
import { gatewaysChanged } from './changed.js';
import { audit } from '../../services/audit.js';

const deleteGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/gateways/:name',
    {
      config: { scope: 'gateways:admin' },
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
      await audit(app, request, { action: 'gateway.deleted', target: request.params.name, accountId: null });
      return reply.status(204).send();
    },
  );
};

export default deleteGatewayRoute;
