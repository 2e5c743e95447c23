import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CANCELLABLE, notFound } from '@smsgw/core';
import { batchMessageIds, batchProgress, getBatch, transitionMany } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { batchCancelSchema } from '../../schemas/batches.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { batchView } from '../../views/batches.js';

/** The statuses a message may still be cancelled from, as the transition's `from` list. */
const FROM = [...CANCELLABLE];
/** Messages per cancel statement: a batch retried with more items may hold more than one request's worth. */
const CHUNK = 1000;

/**
 * `POST /v1/batches/:id/cancel`: cancels every message of the batch not yet handed to a worker.
 * The same conditional update as a single cancel (and the workers' claim): a message a worker
 * claimed first is sent, never both. Each cancelled message gets its event and webhook row, and
 * the last one to become final completes the batch (`batch.completed`), all in the statement.
 */
const cancelBatchRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/batches/:id/cancel',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['batches'],
        summary: 'Cancel the messages of a batch that have not been sent yet',
        params: idParams,
        response: { 200: batchCancelSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { db } = app;
      const batch = await getBatch(db, principalOf(request).accountId, request.params.id);
      if (!batch) throw notFound('Batch');
      const ids = await batchMessageIds(db, batch.id, FROM);
      let cancelled = 0;
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await transitionMany(
          db,
          ids.slice(i, i + CHUNK),
          FROM,
          { status: 'cancelled' },
          { type: 'cancelled', detail: { batch: batch.id } },
        );
        // Each statement wrote its webhook rows and woke their deliveries.
        cancelled += rows.length;
      }
      const fresh = (await getBatch(db, batch.accountId, batch.id)) ?? batch;
      return { cancelled, batch: batchView(fresh, await batchProgress(db, batch.id)) };
    },
  );
};

export default cancelBatchRoute;
