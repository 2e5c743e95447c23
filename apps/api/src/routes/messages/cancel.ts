import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, CANCELLABLE, notFound } from '@smsgw/core';
import { getMessage, transition } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { messageSchema } from '../../schemas/messages.js';
import { messageView } from '../../views/messages.js';

/** The statuses a client may still cancel from, as the transition's `from` list. */
const FROM = [...CANCELLABLE];

/** `POST /v1/messages/:id/cancel`: stops a message that has not been sent yet. */
const cancelMessageRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/messages/:id/cancel',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['messages'],
        summary: 'Cancel a message that has not been sent yet',
        params: idParams,
        response: { 200: messageSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { db } = app;
      const message = await getMessage(db, principalOf(request).accountId, request.params.id);
      if (!message) throw notFound('Message');
      // The same conditional update as the worker's claim: whichever runs first wins.
      const row = await transition(db, message.id, FROM, { status: 'cancelled' }, { type: 'cancelled' });
      if (!row) throw new AppError('not_cancellable', `The message is ${message.status} and can no longer be cancelled`);
      // The statement wrote the `cancelled` webhook's row (and `batch.completed`'s, if it was the last) and woke them.
      return messageView(row);
    },
  );
};

export default cancelMessageRoute;
