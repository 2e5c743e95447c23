import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listUnbilled, unbilledTotals } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { unbilledQuery, unbilledSchema } from '../../schemas/billing.js';
import { parseBillee } from '../../services/billing.js';
import { messageView } from '../../views/messages.js';

/** `GET /v1/billing/unbilled`: totals per billee, and the messages, of what no run has billed yet. */
const unbilledRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billing/unbilled',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: 'What is not billed yet: totals per billee (messages, segments, cost, currency) and the messages',
        description:
          'Billable messages are those the gateway took (sent, delivered) or charged for, accepted up to `until`. The cost is the ' +
          "provider's charge when its report gave one, else segments × the rate at accept. The list is oldest first; `cursor` pages it.",
        querystring: unbilledQuery,
        response: { 200: unbilledSchema, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const accountId = principalOf(request).accountId;
      const query = { billee: parseBillee(q.billee), until: q.until === undefined ? new Date() : new Date(q.until) };
      const [totals, rows] = await Promise.all([
        unbilledTotals(app.db, accountId, query),
        listUnbilled(app.db, accountId, { ...query, after: q.cursor, limit: q.limit }),
      ]);
      const last = rows.at(-1);
      return {
        until: query.until.toISOString(),
        totals,
        data: rows.map(messageView),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      };
    },
  );
};

export default unbilledRoute;
