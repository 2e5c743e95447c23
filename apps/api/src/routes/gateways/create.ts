import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { getGateway, insertGateway } from '@smsgw/db';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { createGatewaySchema, gatewaySchema } from '../../schemas/gateways.js';
import { buildGatewayRow } from '../../services/gateway-admin.js';
import { gatewayView } from '../../views/gateways.js';
import { gatewaysChanged } from './changed.js';
import { audit } from '../../services/audit.js';

const exists = (name: string) => new AppError('gateway_exists', `A gateway named "${name}" exists`);

/** `POST /v1/gateways` (admin): a gateway from a preset or a full config, checked as it will be used. */
const createGatewayRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/gateways',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['gateways'],
        summary: 'Add a gateway from a preset or a full config',
        description: 'The answer holds its callback URLs: give them to the provider. Credentials are write-only.',
        body: createGatewaySchema,
        response: { 201: json(gatewaySchema, 'Created'), ...errorResponses(400, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (await getGateway(app.db, input.name)) throw exists(input.name);
      const row = await buildGatewayRow(input, app.config);
      const created = await insertGateway(app.db, row).catch(async (err: unknown) => {
        // Lost a race with a concurrent create of the same name.
        if (await getGateway(app.db, input.name)) throw exists(input.name);
        throw err;
      });
      await gatewaysChanged(app);
      await audit(app, request, { action: 'gateway.created', target: created.name, accountId: null, details: { preset: created.preset } });
      return reply.status(201).send(gatewayView(created, app.config));
    },
  );
};

export default createGatewayRoute;
