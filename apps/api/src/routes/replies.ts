import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, forbidden, normalizePhone } from '@smsgw/core';
import { listReplies } from '@smsgw/db';
import { principalOf } from '../plugins/auth.js';
import { describeIssues } from '../services/message-input.js';
import { replyView } from '../views.js';

// PostgreSQL refuses years before 1 AD (a 500 at the query) and JavaScript reads them otherwise;
// no reply is dated outside 1970–9999, so such a bound is a typo: a 400 naming the parameter.
const isoDate = z.iso.datetime({ offset: true }).refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, 'a date from 1970 to 9999');

const query = z
  .object({
    from: z.string().min(1).max(64).optional(),
    messageId: z.string().min(1).max(64).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    unmatched: z.enum(['true', 'false']).optional(),
    cursor: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** `GET /v1/replies`: inbound messages, newest first. */
export function listRepliesRoute(app: FastifyInstance): void {
  app.get(
    '/v1/replies',
    {
      schema: {
        tags: ['replies'],
        summary: 'List replies (inbound messages), newest first',
        description:
          '`from` is the phone that replied; `since` / `until` bound the time received. `cursor` is the `nextCursor` of the previous page. ' +
          'A reply belongs to an account by the reference its provider echoed, by the sender number it was sent to, or when only that ' +
          'account wrote to the phone within the window; the others (nobody, or several accounts, wrote to it) belong to no account: ' +
          'admin keys list them with `unmatched=true`.',
      },
    },
    async (request) => {
      const q = query.safeParse(request.query);
      if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
      const principal = principalOf(request);
      const unmatched = q.data.unmatched === 'true';
      if (unmatched && !principal.admin) throw forbidden('Listing unmatched replies needs an admin key');
      let from: string | undefined;
      if (q.data.from) {
        const n = normalizePhone(q.data.from, app.deps.config.defaultCountry);
        // A reply may come from a short code that is no phone number: then filter on the text as given.
        from = n.ok ? n.e164 : q.data.from.trim();
      }
      const rows = await listReplies(app.deps.db, unmatched ? null : principal.accountId, {
        from,
        messageId: q.data.messageId,
        since: q.data.since ? new Date(q.data.since) : undefined,
        until: q.data.until ? new Date(q.data.until) : undefined,
        before: q.data.cursor,
        limit: q.data.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(replyView), nextCursor: rows.length === q.data.limit && last ? last.id : null };
    },
  );
}
