import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { messages, replies } from '../schema/index.js';
import { getMessageById, type MessageRow } from './messages.js';

export type ReplyRow = typeof replies.$inferSelect;
export type NewReply = typeof replies.$inferInsert;

/** A message's replies, oldest first (for `GET /v1/messages/:id`). */
export async function listRepliesForMessage(db: Db, messageId: string): Promise<ReplyRow[]> {
  return db.select().from(replies).where(eq(replies.messageId, messageId)).orderBy(asc(replies.id));
}

/** A reply by id alone: for workers, which act on ids they were given. */
export async function getReply(db: Db, id: string): Promise<ReplyRow | undefined> {
  const [row] = await db.select().from(replies).where(eq(replies.id, id));
  return row;
}

/**
 * Stores an inbound message once: a second delivery of the same provider id on the same gateway
 * (providers retry callbacks) returns the stored row with `created: false`.
 */
export async function insertReply(db: Db, values: NewReply): Promise<{ row: ReplyRow; created: boolean }> {
  const [row] = await db.insert(replies).values(values).onConflictDoNothing().returning();
  if (row) return { row, created: true };
  if (values.providerId) {
    const [existing] = await db
      .select()
      .from(replies)
      .where(and(eq(replies.gateway, values.gateway), eq(replies.providerId, values.providerId)));
    if (existing) return { row: existing, created: false };
  }
  throw new Error('reply insert conflicted but no stored reply was found');
}

export interface ReplyMatchQuery {
  gateway: string;
  /** The phone that replied, E.164 when it could be read as a number. */
  from: string;
  /** The number or sender id it replied to. */
  to: string | undefined;
  reference: string | undefined;
  /** Only messages sent at or after this time count for the recency match. */
  since: Date;
}

export interface ReplyMatch {
  message: MessageRow;
  by: 'reference' | 'recent';
}

async function byReference(db: Db, gateway: string, reference: string): Promise<MessageRow | undefined> {
  if (reference.startsWith('msg_')) {
    const row = await getMessageById(db, reference);
    // The reference is text the provider echoes: it only counts for a gateway the message went through.
    if (row && row.routeGateways.includes(gateway)) return row;
  }
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.gateway, gateway), eq(messages.gatewayMessageId, reference)))
    .limit(1);
  return row;
}

/**
 * The message a reply answers: the one whose reference the provider echoed, else the most recent
 * message sent to that phone through that gateway within the window, preferring those sent from
 * the number the reply went to. Undefined when nothing matches (the reply is still kept).
 */
export async function findReplyMatch(db: Db, q: ReplyMatchQuery): Promise<ReplyMatch | undefined> {
  if (q.reference) {
    const row = await byReference(db, q.gateway, q.reference);
    if (row) return { message: row, by: 'reference' };
  }
  const order = [desc(messages.sentAt)];
  if (q.to !== undefined) order.unshift(desc(sql`coalesce(${messages.from} = ${q.to}, false)`));
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.to, q.from), eq(messages.gateway, q.gateway), gte(messages.sentAt, q.since)))
    .orderBy(...order)
    .limit(1);
  return row ? { message: row, by: 'recent' } : undefined;
}

export interface ReplyFilter {
  from?: string | undefined;
  messageId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Replies older than this id (ids are time-ordered). */
  before?: string | undefined;
  limit: number;
}

/**
 * An account's replies, newest first; `accountId` null lists the replies that matched no message
 * (and so belong to no account).
 */
export async function listReplies(db: Db, accountId: string | null, f: ReplyFilter): Promise<ReplyRow[]> {
  const conds = [accountId === null ? isNull(replies.accountId) : eq(replies.accountId, accountId)];
  if (f.from) conds.push(eq(replies.from, f.from));
  if (f.messageId) conds.push(eq(replies.messageId, f.messageId));
  if (f.since) conds.push(gte(replies.receivedAt, f.since));
  if (f.until) conds.push(lt(replies.receivedAt, f.until));
  if (f.before) conds.push(lt(replies.id, f.before));
  return db
    .select()
    .from(replies)
    .where(and(...conds))
    .orderBy(desc(replies.id))
    .limit(f.limit);
}
