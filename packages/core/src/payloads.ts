import type { MessageStatus } from './statuses.js';

/**
 * The public shapes of a message and a reply: what the webhooks carry and what the API answers
 * with. One definition, so a field cannot be added to one and forgotten in the other. The
 * `message.status` webhook body is also built in SQL (packages/db/src/hot/outbox.ts), for the
 * statement that changes the status; a test there holds that copy to `messageWebhookData`.
 */

/** The stored message fields the public shape is built from (a `messages` row fits). */
export interface MessageFields {
  readonly id: string;
  readonly status: MessageStatus;
  readonly statusMessage: string | null;
  readonly to: string;
  readonly from: string | null;
  readonly gateway: string | null;
  readonly gatewayMessageId: string | null;
  readonly segments: number;
  readonly batchId: string | null;
  readonly gatewayCharge: string | null;
  readonly chargeCurrency: string | null;
  readonly billeeType: string | null;
  readonly billeeId: string | null;
  readonly metadata: Record<string, unknown>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly sentAt: Date | null;
  readonly deliveredAt: Date | null;
}

/** The message as the application sees it in a webhook: its own data, without the content. */
export interface MessageWebhookData {
  id: string;
  status: MessageStatus;
  statusMessage: string | null;
  to: string;
  from: string | null;
  gateway: string | null;
  gatewayMessageId: string | null;
  segments: number;
  /** The batch it was sent in, if any. */
  batchId: string | null;
  charge: { amount: string; currency: string | null } | null;
  billee: { type: string; id: string } | null;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
}

/** The stored reply fields the public shape is built from (a `replies` row fits). */
export interface ReplyFields {
  readonly id: string;
  readonly messageId: string | null;
  readonly gateway: string;
  readonly from: string;
  readonly to: string | null;
  readonly content: string;
  readonly receivedAt: Date;
  readonly providerId: string | null;
  readonly matchedBy: string | null;
  readonly keyword: string | null;
  readonly createdAt: Date;
}

/** A reply as the application sees it, in a `message.reply` webhook as in the API. */
export interface ReplyWebhookData {
  id: string;
  messageId: string | null;
  gateway: string;
  from: string;
  to: string | null;
  content: string;
  receivedAt: string;
  providerId: string | null;
  matchedBy: string | null;
  keyword: string | null;
  createdAt: string;
}

/** `batch.completed`: every message of a batch reached a terminal status (built in SQL: db hot/effects.ts). */
export type WebhookEventType = 'message.status' | 'message.reply' | 'batch.completed';

/** The body of every webhook: what happened, when, and its data. */
export interface WebhookPayload<T extends WebhookEventType, D> {
  type: T;
  timestamp: string;
  data: D;
}

/** The data of a `message.reply` webhook: the reply, and the message it answers (if matched). */
export interface ReplyEventData {
  reply: ReplyWebhookData;
  messageId: string | null;
  message: MessageWebhookData | null;
}

export type MessageStatusPayload = WebhookPayload<'message.status', MessageWebhookData>;
export type MessageReplyPayload = WebhookPayload<'message.reply', ReplyEventData>;

export function messageWebhookData(m: MessageFields): MessageWebhookData {
  return {
    id: m.id,
    status: m.status,
    statusMessage: m.statusMessage,
    to: m.to,
    from: m.from,
    gateway: m.gateway,
    gatewayMessageId: m.gatewayMessageId,
    segments: m.segments,
    batchId: m.batchId,
    charge: m.gatewayCharge === null ? null : { amount: m.gatewayCharge, currency: m.chargeCurrency },
    billee: m.billeeType !== null && m.billeeId !== null ? { type: m.billeeType, id: m.billeeId } : null,
    metadata: m.metadata,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
  };
}

export function replyWebhookData(r: ReplyFields): ReplyWebhookData {
  return {
    id: r.id,
    messageId: r.messageId,
    gateway: r.gateway,
    from: r.from,
    to: r.to,
    content: r.content,
    receivedAt: r.receivedAt.toISOString(),
    providerId: r.providerId,
    matchedBy: r.matchedBy,
    keyword: r.keyword,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The `message.reply` webhook body: the reply, and the message it answers; timed by the reply's arrival. */
export function replyWebhookPayload(reply: ReplyFields, message: MessageFields | undefined): MessageReplyPayload {
  return {
    type: 'message.reply',
    timestamp: reply.receivedAt.toISOString(),
    data: { reply: replyWebhookData(reply), messageId: message?.id ?? null, message: message ? messageWebhookData(message) : null },
  };
}
