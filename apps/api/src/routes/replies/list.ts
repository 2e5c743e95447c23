import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, normalizePhone } from '@smsgw/core';
import { listReplies } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { replyListQuery, replyPage } from '../../schemas/replies.js';
import { replyView } from '../../views/replies.js';

/** `GET /v1/replies`: inbound messages, newest first. */
const listRepliesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/replies',
    {
      config: { scope: 'replies:read' },
      schema: {
        tags: ['replies'],
        summary: 'List replies (inbound messages), newest first',
        description:
          '`from` is the phone that replied; `since` / `until` bound the time smsgw stored the reply. `cursor` is the `nextCursor` of the previous page. ' +
          'A reply belongs to an account by the reference its provider echoed, by the sender number it was sent to, or when only that ' +
          'account wrote to the phone within the window; the others (nobody, or several accounts, wrote to it) belong to no account: ' +
          'admin keys list them with `unmatched=true`.',
        querystring: replyListQuery,
        response: { 200: replyPage, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      const principal = principalOf(request);
      const unmatched = q.unmatched === 'true';
      if (unmatched && !principal.admin) throw forbidden('Listing unmatched replies needs an admin key');
      let from: string | undefined;
      if (q.from) {
        const n = normalizePhone(q.from, app.config.defaultCountry);
        // A reply may come from a short code that is no phone number: then filter on the text as given.
        from = n.ok ? n.e164 : q.from.trim();
      }
      const rows = await listReplies(app.readDb, unmatched ? null : principal.accountId, {
        from,
        messageId: q.messageId,
        since: q.since ? new Date(q.since) : undefined,
        until: q.until ? new Date(q.until) : undefined,
        before: q.cursor,
        limit: q.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(replyView), nextCursor: rows.length === q.limit && last ? last.id : null };
    },
  );
};

export default listRepliesRoute;
