import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getMessage, listEvents, listRepliesForMessage } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { messageDetailSchema } from '../../schemas/messages.js';
import { eventView, messageView } from '../../views/messages.js';
import { replyView } from '../../views/replies.js';

/** `GET /v1/messages/:id`: the message with its history (events) and its replies. */
const getMessageRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/messages/:id',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['messages'],
        summary: 'A message with its history (events) and replies',
        params: idParams,
        response: { 200: messageDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      // The read replica first; a message it has not received yet (just accepted) from the primary.
      let db = app.readDb;
      let message = await getMessage(db, accountId, request.params.id);
      if (!message && db !== app.db) {
        db = app.db;
        message = await getMessage(db, accountId, request.params.id);
      }
      if (!message) throw notFound('Message');
      const [events, replies] = await Promise.all([listEvents(db, message.id), listRepliesForMessage(db, message.id)]);
      return { ...messageView(message), events: events.map(eventView), replies: replies.map(replyView) };
    },
  );
};

export default getMessageRoute;
