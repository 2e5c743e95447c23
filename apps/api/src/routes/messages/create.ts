import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../plugins/auth.js';
import { acceptMessage, type AcceptDeps } from '../../services/accept.js';
import { idempotencyKeyOf } from '../../services/idempotency.js';
import { messageInputSchema, parseMessageInput } from '../../services/message-input.js';
import { messageView } from '../../views.js';
import { z } from 'zod';

export function createMessageRoute(app: FastifyInstance, accept: AcceptDeps): void {
  app.post(
    '/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Send a message',
        description: 'Validates, stores and queues one SMS. Answers 202 with the message; `Idempotency-Key` makes retries safe.',
        body: z.toJSONSchema(messageInputSchema, { io: 'input' }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const key = idempotencyKeyOf(request);
      const input = parseMessageInput(request.body);
      const { row, created, enqueued } = await acceptMessage(accept, principal.accountId, input, key);
      // Stored but not yet queued (Redis slow or down): still accepted, the sweep queues it.
      if (!enqueued) void reply.header('smsgw-enqueue', 'deferred');
      return reply.status(created ? 202 : 200).send(messageView(row));
    },
  );
}
