import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, notFound } from '@smsgw/core';
import { getAccount, listWebhookDeliveries, updateAccountWebhook, type WebhookDeliveryRow } from '@smsgw/db';
import { principalOf } from '../plugins/auth.js';
import { parseBody } from '../services/gateway-admin.js';
import { describeIssues } from '../services/message-input.js';
import { assertWebhookUrl } from '../services/webhooks.js';

const patchBody = z
  .object({
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .strict();

const deliveriesQuery = z
  .object({
    messageId: z.string().min(1).max(64).optional(),
    state: z.enum(['pending', 'retrying', 'delivered', 'failed']).optional(),
    cursor: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

function accountView(row: { id: string; name: string; webhookUrl: string | null; webhookSecret: string; createdAt: Date }) {
  return { id: row.id, name: row.name, webhookUrl: row.webhookUrl, webhookSecret: row.webhookSecret, createdAt: row.createdAt.toISOString() };
}

function deliveryView(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    eventType: d.eventType,
    url: d.url,
    messageId: d.messageId,
    replyId: d.replyId,
    state: d.state,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

/**
 * The caller's account: its default webhook URL and the secret our webhooks to it are signed
 * with (shown to the account itself only), and the record of webhook deliveries.
 */
export function accountRoutes(app: FastifyInstance): void {
  app.get('/v1/account', { schema: { tags: ['account'], summary: 'This account, with its webhook URL and signing secret' } }, async (request) => {
    const row = await getAccount(app.deps.db, principalOf(request).accountId);
    if (!row) throw notFound('Account');
    return accountView(row);
  });

  app.patch(
    '/v1/account',
    {
      schema: {
        tags: ['account'],
        summary: 'Set the default webhook URL (null removes it) or rotate the webhook secret',
        body: z.toJSONSchema(patchBody, { io: 'input' }),
      },
    },
    async (request) => {
      const input = parseBody(patchBody, request.body);
      if (input.webhookUrl) await assertWebhookUrl(input.webhookUrl, app.deps.config.allowPrivateWebhooks);
      const row = await updateAccountWebhook(app.deps.db, principalOf(request).accountId, {
        ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl } : {}),
        rotateSecret: input.rotateWebhookSecret ?? false,
      });
      if (!row) throw notFound('Account');
      return accountView(row);
    },
  );

  app.get(
    '/v1/webhook-deliveries',
    { schema: { tags: ['account'], summary: 'Webhook deliveries to this account, newest first, with their attempts and last error' } },
    async (request) => {
      const q = deliveriesQuery.safeParse(request.query);
      if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
      const rows = await listWebhookDeliveries(app.deps.db, principalOf(request).accountId, {
        messageId: q.data.messageId,
        state: q.data.state,
        before: q.data.cursor,
        limit: q.data.limit,
      });
      const last = rows.at(-1);
      return { data: rows.map(deliveryView), nextCursor: rows.length === q.data.limit && last ? last.id : null };
    },
  );
}
