import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listWebhookDeliveries } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { deliveryListQuery, deliveryPage } from '../../schemas/account.js';
import { errorResponses } from '../../schemas/errors.js';
import { deliveryView } from '../../views/account.js';

/** `GET /v1/webhook-deliveries`: the record of webhooks sent to this account. */
const listDeliveriesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/webhook-deliveries',
    {
      config: { scope: 'webhooks:read' },
      schema: {
        tags: ['account'],
        summary: 'Webhook deliveries to this account, newest first, with their attempts and last error',
        querystring: deliveryListQuery,
        response: { 200: deliveryPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listWebhookDeliveries(app.readDb, principalOf(request).accountId, {
        messageId: q.messageId,
        state: q.state,
        before: q.cursor,
        limit: q.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(deliveryView), nextCursor: rows.length === q.limit && last ? last.id : null };
    },
  );
};

export default listDeliveriesRoute;
