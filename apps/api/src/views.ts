import { messageWebhookData, replyWebhookData, type MessageEventRow, type MessageRow } from '@smsgw/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The public shape of a message: what its webhooks carry, plus what only its owner reading it
 * back needs (content, route, attempts…). Internal columns (request hash, route index) stay inside.
 */
export function messageView(m: MessageRow) {
  return {
    ...messageWebhookData(m),
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

export function eventView(e: MessageEventRow) {
  return {
    at: e.at.toISOString(),
    type: e.type,
    status: e.status,
    attempt: e.attempt,
    gateway: e.gateway,
    detail: e.detail,
  };
}

/** One public shape for a reply: the API answers with what the webhooks send. */
export const replyView = replyWebhookData;
