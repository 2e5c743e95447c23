import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { listMessages } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { messageListQuery, messagePage } from '../../schemas/messages.js';
import { e164Of } from '../../services/phone-input.js';
import { messageView } from '../../views/messages.js';

/** `GET /v1/messages`: this account's messages, newest first. */
const listMessagesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/messages',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['messages'],
        summary: 'List messages, newest first',
        description:
          "`billee` is `type:id`; `billed` and `gateway` filter as the original's admin did. `cursor` is the `nextCursor` of the previous page.",
        querystring: messageListQuery,
        response: { 200: messagePage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const to = q.to ? e164Of(q.to, app.config.defaultCountry, 'to') : undefined;
      let billeeType: string | undefined;
      let billeeId: string | undefined;
      if (q.billee) {
        const i = q.billee.indexOf(':');
        if (i <= 0) throw new AppError('invalid_request', 'billee must be type:id');
        billeeType = q.billee.slice(0, i);
        billeeId = q.billee.slice(i + 1);
      }
      const rows = await listMessages(app.readDb, principalOf(request).accountId, {
        status: q.status,
        to,
        billeeType,
        billeeId,
        billed: q.billed === undefined ? undefined : q.billed === 'true',
        gateway: q.gateway,
        before: q.cursor,
        limit: q.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(messageView), nextCursor: rows.length === q.limit && last ? last.id : null };
    },
  );
};

export default listMessagesRoute;
