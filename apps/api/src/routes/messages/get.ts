import type { FastifyInstance } from 'fastify';
import { notFound } from '@smsgw/core';
import { getMessage, listEvents, listRepliesForMessage } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { eventView, messageView, replyView } from '../../views.js';

export function getMessageRoute(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>(
    '/v1/messages/:id',
    { schema: { tags: ['messages'], summary: 'A message with its history (events) and replies' } },
    async (request) => {
      const { db } = app.deps;
      const message = await getMessage(db, principalOf(request).accountId, request.params.id);
      if (!message) throw notFound('Message');
      const [events, replies] = await Promise.all([listEvents(db, message.id), listRepliesForMessage(db, message.id)]);
      return { ...messageView(message), events: events.map(eventView), replies: replies.map(replyView) };
    },
  );
}
