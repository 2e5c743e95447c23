import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listSenderNumbers } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { senderNumberListQuery, senderNumberPage } from '../../schemas/sender-numbers.js';
import { senderNumberView } from '../../views/sender-numbers.js';

const listSenderNumbersRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/sender-numbers',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['sender-numbers'],
        summary: 'List sender numbers, in number order',
        querystring: senderNumberListQuery,
        response: { 200: senderNumberPage, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listSenderNumbers(app.db, { accountId: q.accountId, after: q.cursor, limit: q.limit });
      const last = rows.at(-1);
      return { data: rows.map(senderNumberView), nextCursor: rows.length === q.limit && last ? last.number : null };
    },
  );
};

export default listSenderNumbersRoute;
