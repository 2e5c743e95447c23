import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { updateRoute } from '@smsgw/db';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { patchRouteSchema, routeSchema } from '../../schemas/routing-rules.js';
import { routeView } from '../../views/routing-rules.js';
import { assertTargetsExist } from './targets.js';
import { audit } from '../../services/audit.js';

const updateRoutingRuleRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/routes/:name',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['routing'],
        summary: 'Change a routing rule',
        params: nameParams,
        body: patchRouteSchema,
        response: { 200: routeSchema, ...errorResponses(400, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const input = request.body;
      if (input.targets) await assertTargetsExist(app, input.targets);
      const row = await updateRoute(app.db, request.params.name, {
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.match !== undefined
          ? { matchPrefix: input.match.prefix?.replace(/^\+/, '') ?? null, matchCountry: input.match.country?.toUpperCase() ?? null }
          : {}),
        ...(input.targets ? { targets: input.targets } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      });
      if (!row) throw notFound('Route');
      app.directory.invalidate();
      await audit(app, request, {
        action: 'route.updated',
        target: row.name,
        accountId: null,
        details: { fields: Object.keys(input).sort() },
      });
      return routeView(row);
    },
  );
};

export default updateRoutingRuleRoute;
