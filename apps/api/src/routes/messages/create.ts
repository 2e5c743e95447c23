import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { idempotencyHeaders, messageInputSchema, messageSchema } from '../../schemas/messages.js';
import { acceptDepsOf, acceptMessage } from '../../services/accept.js';
import { idempotencyKeyOf } from '../../services/idempotency.js';
import { messageView } from '../../views/messages.js';

/** `POST /v1/messages`: the accept path (one grouped statement, then the send job). */
const createMessageRoute: FastifyPluginAsyncZod = async (app) => {
  const accept = acceptDepsOf(app);
  app.post(
    '/v1/messages',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['messages'],
        summary: 'Send a message',
        description:
          'Validates, stores and queues one SMS. Answers 202 with the message; `Idempotency-Key` makes retries safe (a repeat answers 200 ' +
          'with the first message). The header `smsgw-enqueue: deferred` says the message is stored but its send job is queued later.',
        headers: idempotencyHeaders,
        body: messageInputSchema,
        response: {
          202: json(messageSchema, 'Accepted: stored and queued (or scheduled)'),
          200: json(messageSchema, 'A repeat of an Idempotency-Key: the first message'),
          ...errorResponses(400, 402, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = idempotencyKeyOf(request);
      const { row, created, enqueued } = await acceptMessage(accept, principal.accountId, request.body, key);
      // Stored but not yet queued (Redis slow or down): still accepted, the sweep queues it.
      if (!enqueued) void reply.header('smsgw-enqueue', 'deferred');
      return reply.status(created ? 202 : 200).send(messageView(row));
    },
  );
};

export default createMessageRoute;
