import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount } from '@smsgw/db';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { adminAccountSchema } from '../../schemas/keys.js';
import { adminAccountView } from '../../views/keys.js';

/** `GET /v1/admin/accounts/:id` (scope `admin`): one account. */
const getAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/admin/accounts/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'One account',
        params: idParams,
        response: { 200: adminAccountSchema, ...errorResponses(403, 404, 429) },
      },
    },
    async (request) => {
      const row = await getAccount(app.db, request.params.id);
      if (!row) throw notFound('Account');
      return adminAccountView(row);
    },
  );
};

export default getAccountRoute;
