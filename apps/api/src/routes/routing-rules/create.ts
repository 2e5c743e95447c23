import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, newId } from '@smsgw/core';
import { getRoute, insertRoute } from '@smsgw/db';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { createRouteSchema, routeSchema } from '../../schemas/routing-rules.js';
import { routeView } from '../../views/routing-rules.js';
import { assertTargetsExist } from './targets.js';
import { audit } from '../../services/audit.js';

const createRoutingRuleRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/routes',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['routing'],
        summary: 'Add a routing rule',
        body: createRouteSchema,
        response: { 201: json(routeSchema, 'Created'), ...errorResponses(400, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (await getRoute(app.db, input.name)) throw new AppError('route_exists', `A route named "${input.name}" exists`);
      await assertTargetsExist(app, input.targets);
      const row = await insertRoute(app.db, {
        id: newId('rte'),
        name: input.name,
        position: input.position ?? 0,
        matchPrefix: input.match?.prefix?.replace(/^\+/, '') ?? null,
        matchCountry: input.match?.country?.toUpperCase() ?? null,
        targets: input.targets,
        enabled: input.enabled ?? true,
      });
      app.directory.invalidate();
      await audit(app, request, { action: 'route.created', target: row.name, accountId: null });
      return reply.status(201).send(routeView(row));
    },
  );
};

export default createRoutingRuleRoute;
