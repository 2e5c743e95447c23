import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOptOuts } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { optOutListQuery, optOutPage } from '../../schemas/opt-outs.js';
import { optOutView } from '../../views/opt-outs.js';

const listOptOutsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/opt-outs',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['opt-outs'],
        summary: "Numbers that opted out of this account's messages (and of everyone's)",
        querystring: optOutListQuery,
        response: { 200: optOutPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listOptOuts(app.db, principalOf(request).accountId, q.limit, q.cursor);
      const last = rows.at(-1);
      return { data: rows.map(optOutView), nextCursor: rows.length === q.limit && last ? String(last.id) : null };
    },
  );
};

export default listOptOutsRoute;
