import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getCredit } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeParams, creditSchema } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';
import { creditView } from '../../views/credit.js';

/** `GET /v1/billees/:type/:id/balance`: the credit's limit, what is reserved and spent, and what is left. */
const balanceRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billees/:type/:id/balance',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "A prepaid billee's balance",
        description: '404 when the billee has no credit (it is not prepaid).',
        params: billeeParams,
        response: { 200: creditSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const credit = await getCredit(app.db, principalOf(request).accountId, { type, id });
      if (!credit) throw notFound('Credit');
      return creditView(credit);
    },
  );
};

export default balanceRoute;
