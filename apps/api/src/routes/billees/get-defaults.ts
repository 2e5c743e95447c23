import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getBilleeDefaults } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeDefaultsSchema } from '../../schemas/billees.js';
import { billeeParams } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';
import { billeeDefaultsView } from './defaults-view.js';

/** `GET /v1/billees/:type/:id`: a billee's defaults, 404 when it has none. */
const getBilleeDefaultsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billees/:type/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Get a billee's defaults",
        params: billeeParams,
        response: { 200: billeeDefaultsSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const row = await getBilleeDefaults(app.db, principalOf(request).accountId, request.params);
      if (!row) throw notFound('Billee defaults');
      return billeeDefaultsView(row);
    },
  );
};

export default getBilleeDefaultsRoute;
