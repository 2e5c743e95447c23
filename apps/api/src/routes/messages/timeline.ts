import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import {
  getMessage,
  listEvents,
  listReportsForMessage,
  listRepliesForMessage,
  listWebhookDeliveries,
  type StatusReportRow,
} from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams } from '../../schemas/common.js';
import { timelineSchema, type reportSchema } from '../../schemas/console.js';
import { errorResponses } from '../../schemas/errors.js';
import type { z } from 'zod';
import { deliveryView } from '../../views/account.js';
import { eventView } from '../../views/messages.js';
import { replyView } from '../../views/replies.js';

/** A message's webhooks are a handful (one per status change and reply); more than this is not a timeline. */
const MAX_DELIVERIES = 200;

/** The provider's raw body stays out: it may carry numbers and text the console does not need. */
function reportView(r: StatusReportRow): z.infer<typeof reportSchema> {
  return {
    id: r.id,
    gateway: r.gateway,
    status: r.status,
    providerStatus: r.providerStatus,
    errorCode: r.errorCode,
    reportedAt: r.reportedAt?.toISOString() ?? null,
    receivedAt: r.receivedAt.toISOString(),
    charge: r.charge,
    part: r.partIndex !== null && r.partCount !== null ? { index: r.partIndex, count: r.partCount } : null,
    state: r.state,
  };
}

/**
 * `GET /v1/messages/:id/timeline`: everything recorded about one message in one answer (its
 * events, delivery reports, replies and webhook deliveries), for the console's message page.
 */
const timelineRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/messages/:id/timeline',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['messages'],
        summary: "A message's timeline: events, delivery reports, replies and webhook deliveries",
        params: idParams,
        response: { 200: timelineSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { db } = app;
      const accountId = principalOf(request).accountId;
      const message = await getMessage(db, accountId, request.params.id);
      if (!message) throw notFound('Message');
      const [events, reports, replies, deliveries] = await Promise.all([
        listEvents(db, message.id),
        listReportsForMessage(db, message.id),
        listRepliesForMessage(db, message.id),
        listWebhookDeliveries(db, accountId, { messageId: message.id, limit: MAX_DELIVERIES }),
      ]);
      return {
        messageId: message.id,
        events: events.map(eventView),
        reports: reports.map(reportView),
        replies: replies.map(replyView),
        // Listed newest first for paging; a timeline reads oldest first.
        webhookDeliveries: deliveries.map(deliveryView).reverse(),
      };
    },
  );
};

export default timelineRoute;
