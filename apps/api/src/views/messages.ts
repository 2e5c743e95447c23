import type { z } from 'zod';
import { messageWebhookData, type MessageEventRow, type MessageRow } from '@smsgw/db';
import type { eventSchema, messageSchema, messageWebhookFields } from '../schemas/messages.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type WebhookFields = { [K in keyof typeof messageWebhookFields]: z.infer<(typeof messageWebhookFields)[K]> };
export type MessageView = z.infer<typeof messageSchema>;
export type EventView = z.infer<typeof eventSchema>;

/**
 * The public shape of a message: what its webhooks carry, plus what only its owner reading it
 * back needs (content, route, attempts…). Internal columns (request hash, route index) stay inside.
 */
export function messageView(m: MessageRow): MessageView {
  // `messageWebhookData` is typed as a plain record by @smsgw/db; its fields are the schema's
  // `messageWebhookFields`, which the response serializer checks on every answer.
  const webhook = messageWebhookData(m) as WebhookFields;
  return {
    ...webhook,
    content: m.content,
    encoding: m.encoding,
    route: m.routeGateways,
    attempts: m.attempts,
    billed: m.billed,
    billedAt: iso(m.billedAt),
    replyCallback: m.replyHandler,
    webhookUrl: m.webhookUrl,
    sendAt: iso(m.sendAt),
    validUntil: iso(m.validUntil),
  };
}

export function eventView(e: MessageEventRow): EventView {
  return {
    at: e.at.toISOString(),
    type: e.type,
    status: e.status,
    attempt: e.attempt,
    gateway: e.gateway,
    detail: e.detail,
  };
}
