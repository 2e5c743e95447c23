import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { billingRunTotals, getBillingRun } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { billingRunSchema } from '../../schemas/billing.js';
import { billingRunView } from '../../views/billing.js';

/** `GET /v1/billing/runs/:id`: a run and what it billed, per currency. */
const getRunRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billing/runs/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: 'A billing run and its totals',
        params: idParams,
        response: { 200: billingRunSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const run = await getBillingRun(app.db, principalOf(request).accountId, request.params.id);
      if (!run) throw notFound('Billing run');
      return billingRunView(run, await billingRunTotals(app.db, run.id));
    },
  );
};

export default getRunRoute;
