import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { batchProgress, getBatch } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { batchSchema } from '../../schemas/batches.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { batchView } from '../../views/batches.js';

/** `GET /v1/batches/:id`: the batch's progress, its messages counted by status and the charges so far. */
const getBatchRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/batches/:id',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['batches'],
        summary: "A batch's progress: counts by status, percent complete, times and charges so far",
        params: idParams,
        response: { 200: batchSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const batch = await getBatch(app.db, principalOf(request).accountId, request.params.id);
      if (!batch) throw notFound('Batch');
      return batchView(batch, await batchProgress(app.db, batch.id));
    },
  );
};

export default getBatchRoute;
