import { replyWebhookData, type MessageEventRow, type MessageRow } from '@smsgw/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public shape of a message. Internal columns (request hash, route index) stay inside. */
export function messageView(m: MessageRow) {
  return {
    id: m.id,
    status: m.status,
    statusMessage: m.statusMessage,
    to: m.to,
    from: m.from,
    content: m.content,
    encoding: m.encoding,
    segments: m.segments,
    gateway: m.gateway,
    route: m.routeGateways,
    gatewayMessageId: m.gatewayMessageId,
    attempts: m.attempts,
    billee: m.billeeType !== null && m.billeeId !== null ? { type: m.billeeType, id: m.billeeId } : null,
    billed: m.billed,
    billedAt: iso(m.billedAt),
    charge: m.gatewayCharge === null ? null : { amount: m.gatewayCharge, currency: m.chargeCurrency },
    replyCallback: m.replyHandler,
    webhookUrl: m.webhookUrl,
    metadata: m.metadata,
    sendAt: iso(m.sendAt),
    validUntil: iso(m.validUntil),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
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
