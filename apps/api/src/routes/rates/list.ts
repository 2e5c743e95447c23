import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRates } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { rateList, rateListQuery } from '../../schemas/billing.js';
import { rateView } from '../../views/billing.js';

/** `GET /v1/rates`: the prices in force (one per gateway, prefix and country), or every version. */
const listRatesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/rates',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: 'The prices per segment in force, or their history',
        querystring: rateListQuery,
        response: { 200: rateList, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listRates(app.db, { gateway: q.gateway, history: q.history === 'true' });
      return { data: rows.map(rateView) };
    },
  );
};

export default listRatesRoute;
