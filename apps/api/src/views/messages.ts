import type { z } from 'zod';
import { messageWebhookData } from '@smsgw/core';
import type { MessageEventRow, MessageRow } from '@smsgw/db';
import type { eventSchema, messageSchema, messageWebhookFields } from '../schemas/messages.js';
import { multiplyDecimal } from './money.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type WebhookFields = { [K in keyof typeof messageWebhookFields]: z.infer<(typeof messageWebhookFields)[K]> };
export type MessageView = z.infer<typeof messageSchema>;
export type EventView = z.infer<typeof eventSchema>;

/**
 * The public shape of a message: what its webhooks carry, plus what only its owner reading it
 * back needs (content, route, attempts…). Internal columns (request hash, route index) stay inside.
 */
export function messageView(m: MessageRow): MessageView {
  // Typed here against the schema's `messageWebhookFields`: a field the payload and the schema
  // disagree on fails the type check, not a response.
  const webhook: WebhookFields = messageWebhookData(m);
  return {
    ...webhook,
    content: m.content,
    encoding: m.encoding,
    route: m.routeGateways,
    attempts: m.attempts,
    billed: m.billed,
    billedAt: iso(m.billedAt),
    billingRunId: m.billingRunId,
    rate: m.rate === null ? null : { amount: m.rate, currency: m.rateCurrency },
    estimatedCost: m.rate === null ? null : { amount: multiplyDecimal(m.rate, m.segments), currency: m.rateCurrency },
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
