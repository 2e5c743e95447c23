import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, MESSAGE_STATUSES, normalizePhone } from '@smsgw/core';
import { listMessages } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { describeIssues } from '../../services/message-input.js';
import { messageView } from '../../views.js';

const query = z
  .object({
    status: z.enum(MESSAGE_STATUSES).optional(),
    to: z.string().max(64).optional(),
    billee: z.string().max(200).optional(),
    cursor: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export function listMessagesRoute(app: FastifyInstance): void {
  app.get(
    '/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'List messages, newest first',
        description: '`billee` is `type:id`. `cursor` is the `nextCursor` of the previous page.',
      },
    },
    async (request) => {
      const q = query.safeParse(request.query);
      if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
      let to: string | undefined;
      if (q.data.to) {
        const n = normalizePhone(q.data.to, app.deps.config.defaultCountry);
        if (!n.ok) throw badRequest('invalid_request', `to: ${n.reason}`);
        to = n.e164;
      }
      let billeeType: string | undefined;
      let billeeId: string | undefined;
      if (q.data.billee) {
        const i = q.data.billee.indexOf(':');
        if (i <= 0) throw badRequest('invalid_request', 'billee must be type:id');
        billeeType = q.data.billee.slice(0, i);
        billeeId = q.data.billee.slice(i + 1);
      }
      const rows = await listMessages(app.deps.db, principalOf(request).accountId, {
        status: q.data.status,
        to,
        billeeType,
        billeeId,
        before: q.data.cursor,
        limit: q.data.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(messageView), nextCursor: rows.length === q.data.limit && last ? last.id : null };
    },
  );
}
