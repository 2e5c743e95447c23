import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listBatches } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { batchListQuery, batchPage } from '../../schemas/batches.js';
import { errorResponses } from '../../schemas/errors.js';
import { batchSummaryView } from '../../views/batches.js';

/** `GET /v1/batches`: this account's batches, newest first. */
const listBatchesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/batches',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['batches'],
        summary: 'List batches, newest first',
        querystring: batchListQuery,
        response: { 200: batchPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const rows = await listBatches(app.db, principalOf(request).accountId, { before: cursor, limit });
      const last = rows.at(-1);
      return { data: rows.map(batchSummaryView), nextCursor: rows.length === limit && last ? last.id : null };
    },
  );
};

export default listBatchesRoute;
