import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getGateway, updateGateway } from '@smsgw/db';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { gatewaySchema, patchGatewaySchema } from '../../schemas/gateways.js';
import { buildGatewayPatch } from '../../services/gateway-admin.js';
import { gatewayView } from '../../views/gateways.js';
import { gatewaysChanged } from './changed.js';

/** `PATCH /v1/gateways/:name` (admin): checked against the gateway as it will be after the change. */
const updateGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/gateways/:name',
    {
      config: { admin: true },
      schema: {
        tags: ['gateways'],
        summary: 'Change a gateway (null removes a credential or setting)',
        params: nameParams,
        body: patchGatewaySchema,
        response: { 200: gatewaySchema, ...errorResponses(400, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const current = await getGateway(app.db, request.params.name);
      if (!current) throw notFound('Gateway');
      const patch = await buildGatewayPatch(current, request.body, app.config);
      const row = await updateGateway(app.db, current.name, patch);
      if (!row) throw notFound('Gateway');
      await gatewaysChanged(app);
      return gatewayView(row, app.config);
    },
  );
};

export default updateGatewayRoute;
