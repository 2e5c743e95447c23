import type { FastifyInstance } from 'fastify';
import { conflict, notFound } from '@smsgw/core';
import { getMessage, transition } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { messageView } from '../../views.js';

export function cancelMessageRoute(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>(
    '/v1/messages/:id/cancel',
    { schema: { tags: ['messages'], summary: 'Cancel a message that has not been sent yet' } },
    async (request) => {
      const { db } = app.deps;
      const accountId = principalOf(request).accountId;
      const message = await getMessage(db, accountId, request.params.id);
      if (!message) throw notFound('Message');
      // The same conditional update as the worker's claim: whichever runs first wins.
      const row = await transition(db, message.id, ['queued', 'scheduled'], { status: 'cancelled' }, { type: 'cancelled' });
      if (!row) throw conflict('not_cancellable', `The message is ${message.status} and can no longer be cancelled`);
      // The statement wrote the `cancelled` webhook's row; this only wakes its delivery.
      if (row.webhookId) app.deps.queues.wakeWebhooks([row.webhookId]);
      return messageView(row);
    },
  );
}
