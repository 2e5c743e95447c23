import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAccounts } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { accountListQuery, adminAccountPage } from '../../schemas/keys.js';
import { adminAccountView } from '../../views/keys.js';

/** `GET /v1/admin/accounts` (scope `admin`): every account, oldest first. */
const listAccountsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/admin/accounts',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'List accounts, oldest first',
        querystring: accountListQuery,
        response: { 200: adminAccountPage, ...errorResponses(400, 403, 429) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const rows = await listAccounts(app.db, { after: cursor, limit });
      const last = rows.at(-1);
      return { data: rows.map(adminAccountView), nextCursor: rows.length === limit && last ? last.id : null };
    },
  );
};

export default listAccountsRoute;
