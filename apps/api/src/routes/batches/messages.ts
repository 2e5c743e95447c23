import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getBatch, listMessages } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { batchMessagesQuery } from '../../schemas/batches.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { messagePage } from '../../schemas/messages.js';
import { messageView } from '../../views/messages.js';

/** `GET /v1/batches/:id/messages`: the batch's messages, newest first, optionally of one status. */
const batchMessagesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/batches/:id/messages',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['batches'],
        summary: "A batch's messages, newest first",
        description: '`cursor` is the `nextCursor` of the previous page.',
        params: idParams,
        querystring: batchMessagesQuery,
        response: { 200: messagePage, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const accountId = principalOf(request).accountId;
      const batch = await getBatch(app.db, accountId, request.params.id);
      if (!batch) throw notFound('Batch');
      const q = request.query;
      const rows = await listMessages(app.db, accountId, { batchId: batch.id, status: q.status, before: q.cursor, limit: q.limit });
      const last = rows.at(-1);
      return { data: rows.map(messageView), nextCursor: rows.length === q.limit && last ? last.id : null };
    },
  );
};

export default batchMessagesRoute;
