import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { batchBodySchema, batchRejectedSchema, batchResultSchema, idempotencyHeaders, MAX_BATCH } from '../../schemas/messages.js';
import { acceptDepsOf } from '../../services/accept.js';
import { acceptBatch } from '../../services/batch-accept.js';
import { idempotencyKeyOf } from '../../services/idempotency.js';

/**
 * Many messages in one request, as one batch (the original's MessageSet): each item is validated
 * on its own (a bad item is reported by index and does not stop the others, unless `atomic`);
 * the valid ones are stored with their batch in one statement and queued in bulk.
 */
const batchMessagesRoute: FastifyPluginAsyncZod = async (app) => {
  const accept = acceptDepsOf(app);
  app.post(
    '/v1/messages/batch',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['messages', 'batches'],
        summary: `Send up to ${MAX_BATCH} messages as a batch`,
        description:
          'Each item is checked on its own: the answer has one result per item, a message or the error that refused it. The stored ' +
          "messages share the answer's `batchId`. With `atomic: true` any refused item refuses the whole batch (422, nothing stored). " +
          'A `batch.completed` webhook is sent once every message of the batch is delivered, failed, expired or cancelled.',
        headers: idempotencyHeaders,
        body: batchBodySchema,
        response: {
          202: json(batchResultSchema, 'At least one item was accepted'),
          422: json(batchRejectedSchema, 'Nothing was stored (`batch_rejected`): no item was valid, or an atomic batch had a refused item'),
          ...errorResponses(400, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const outcome = await acceptBatch(accept, principalOf(request).accountId, request.body, idempotencyKeyOf(request), request.log);
      const summary = { accepted: outcome.accepted, rejected: outcome.rejected, data: outcome.data };
      if (outcome.status === 422 || outcome.batchId === null) {
        return reply.status(422).send({ error: outcome.error ?? { code: 'batch_rejected', message: 'Nothing was stored' }, ...summary });
      }
      return reply.status(202).send({ batchId: outcome.batchId, ...summary });
    },
  );
};

export default batchMessagesRoute;
