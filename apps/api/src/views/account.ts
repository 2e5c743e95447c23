import type { z } from 'zod';
import type { WebhookDeliveryRow } from '@smsgw/db';
import type { accountSchema, deliverySchema } from '../schemas/account.js';

export function accountView(row: {
  id: string;
  name: string;
  webhookUrl: string | null;
  webhookSecret: string;
  smartEncoding: boolean | null;
  createdAt: Date;
}): z.infer<typeof accountSchema> {
  return {
    id: row.id,
    name: row.name,
    webhookUrl: row.webhookUrl,
    webhookSecret: row.webhookSecret,
    smartEncoding: row.smartEncoding,
    createdAt: row.createdAt.toISOString(),
  };
}

export function deliveryView(d: WebhookDeliveryRow): z.infer<typeof deliverySchema> {
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
