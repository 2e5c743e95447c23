import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getGateway, updateGateway } from '@smsgw/db';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { gatewaySchema, patchGatewaySchema } from '../../schemas/gateways.js';
import { buildGatewayPatch } from '../../services/gateway-admin.js';
import { gatewayView } from '../../views/gateways.js';
import { gatewaysChanged } from './changed.js';
import { audit } from '../../services/audit.js';

/** `PATCH /v1/gateways/:name` (admin): checked against the gateway as it will be after the change. */
const updateGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/gateways/:name',
    {
      config: { scope: 'gateways:admin' },
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
      // The fields changed, never their values (credentials are among them).
      await audit(app, request, {
        action: 'gateway.updated',
        target: row.name,
        accountId: null,
        details: { fields: Object.keys(request.body).sort() },
      });
      return gatewayView(row, app.config);
    },
  );
};

export default updateGatewayRoute;
