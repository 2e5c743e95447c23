import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { setCreditLimit } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeParams, creditInputSchema, creditSchema } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';
import { creditView } from '../../views/credit.js';
import { audit } from '../../services/audit.js';

/**
 * `PUT /v1/billees/:type/:id/credit`: makes the billee prepaid (or changes its limit). From then
 * on each of its messages reserves segments × rate at accept, and one that does not fit is
 * refused with 402 `insufficient_credit` and not stored.
 */
const setCreditRoute: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/billees/:type/:id/credit',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Set a billee's credit limit (prepaid)",
        description: 'The change is written to the ledger as a `limit` entry (the difference).',
        params: billeeParams,
        body: creditInputSchema,
        response: { 200: creditSchema, ...errorResponses(400, 409) },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const r = await setCreditLimit(app.db, principalOf(request).accountId, { type, id }, request.body.limit, request.body.currency);
      if (r.kind === 'currency') throw new AppError('credit_currency_fixed', `This credit is in ${r.currency}`);
      await audit(app, request, {
        action: 'billee.credit_set',
        target: `${type}:${id}`,
        details: { limit: request.body.limit, currency: request.body.currency },
      });
      return creditView(r.credit);
    },
  );
};

export default setCreditRoute;
