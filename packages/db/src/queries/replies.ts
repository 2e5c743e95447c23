import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { idAtTime } from '@smsgw/core';
import type { Db } from '../client.js';
import { messages, replies } from '../schema/index.js';
import type { MessageRow, NewReply, ReplyRow } from '../types.js';
import { getMessageById } from './messages.js';
import { senderNumberOwner } from './sender-numbers.js';

export type { NewReply, ReplyRow } from '../types.js';

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
 * Writes a reply row and nothing else (seeding, tests, imports). Inbound callbacks use
 * `storeReply`, which writes the reply's opt-out and webhook in the same statement. A second
 * row with the same provider id on the same gateway returns the stored one (`created: false`).
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

export type MatchedBy = 'reference' | 'recent' | 'number';

/** Whose a reply is. `accountId` null: nobody's for certain (no candidate, or several). */
export interface ReplyMatch {
  accountId: string | null;
  message: MessageRow | undefined;
  by: MatchedBy | null;
  /**
   * The accounts the reply could be for: the one it belongs to, or, when it belongs to none,
   * every account that sent to the phone through the gateway within the window (a STOP stops
   * them all). Empty when nobody did.
   */
  candidates: string[];
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

/** Messages to the phone that replied, through this gateway, within the window. */
const sentTo = (q: ReplyMatchQuery) => and(eq(messages.to, q.from), eq(messages.gateway, q.gateway), gte(messages.sentAt, q.since));

/**
 * The account's most recent message to the phone within the window, preferring those sent from
 * the number the reply went to (which only refines the choice inside one account: a message's
 * sender is whatever its client asked for, so it proves nothing across accounts).
 */
async function latestOfAccount(db: Db, q: ReplyMatchQuery, accountId: string): Promise<MessageRow | undefined> {
  const order = [desc(messages.sentAt)];
  if (q.to !== undefined) order.unshift(desc(sql`coalesce(${messages.from} = ${q.to}, false)`));
  const [row] = await db
    .select()
    .from(messages)
    .where(and(sentTo(q), eq(messages.accountId, accountId)))
    .orderBy(...order)
    .limit(1);
  return row;
}

/**
 * Whose a reply is, and the message it answers. In order: the message whose reference the
 * provider echoed (on this gateway); else the owner of the number replied to (a sender number
 * of one account) and that account's latest message to the phone; else, when the messages sent
 * to the phone through this gateway within the window are all of one account, that account's
 * latest. When they span several accounts the reply belongs to none of them: one account's
 * inbound text is never handed to another on a guess.
 */
export async function findReplyMatch(db: Db, q: ReplyMatchQuery): Promise<ReplyMatch> {
  if (q.reference) {
    const row = await byReference(db, q.gateway, q.reference);
    if (row) return { accountId: row.accountId, message: row, by: 'reference', candidates: [row.accountId] };
  }
  // Sender numbers are E.164: a reply to a sender id or short code cannot be to one (no lookup).
  const owner = q.to?.startsWith('+') ? await senderNumberOwner(db, q.to, q.gateway) : undefined;
  if (owner) {
    const message = await latestOfAccount(db, q, owner);
    return { accountId: owner, message, by: message ? 'recent' : 'number', candidates: [owner] };
  }
  const rows = await db.selectDistinct({ accountId: messages.accountId }).from(messages).where(sentTo(q));
  const candidates = rows.map((r) => r.accountId).sort();
  const [only] = candidates;
  const message = candidates.length === 1 && only ? await latestOfAccount(db, q, only) : undefined;
  if (!message) return { accountId: null, message: undefined, by: null, candidates };
  return { accountId: message.accountId, message, by: 'recent', candidates };
}

/** Marks the reply's handler run ('done': also after an earlier failure, run again by hand). */
export async function setReplyHandlerState(db: Db, id: string, state: 'done' | 'failed'): Promise<void> {
  const from: ('pending' | 'failed')[] = state === 'done' ? ['pending', 'failed'] : ['pending'];
  await db
    .update(replies)
    .set({ handlerState: state })
    .where(and(eq(replies.id, id), inArray(replies.handlerState, from)));
}

/**
 * Replies whose handler is still due since before `olderThan`, oldest first: the sweep checks
 * their jobs still exist (the job was only a wake-up after the reply committed).
 */
export async function stalePendingReplyHandlers(db: Db, olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: replies.id })
    .from(replies)
    // 'pending' as a literal: a generic plan for `handler_state = $1` cannot use the partial index.
    .where(and(sql`${replies.handlerState} = 'pending'`, lt(replies.createdAt, olderThan)))
    .orderBy(asc(replies.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

export interface ReplyFilter {
  from?: string | undefined;
  messageId?: string | undefined;
  /** Replies stored at or after this instant (an id bound). */
  since?: Date | undefined;
  /** Replies stored before this instant (an id bound). */
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
  // Ids are time-ordered (made when smsgw stored the reply): time bounds become bounds on the id,
  // the last column of both list indexes, instead of a filter on received_at row by row.
  if (f.since) conds.push(gte(replies.id, idAtTime('rpl', f.since)));
  if (f.until) conds.push(lt(replies.id, idAtTime('rpl', f.until)));
  if (f.before) conds.push(lt(replies.id, f.before));
  return db
    .select()
    .from(replies)
    .where(and(...conds))
    .orderBy(desc(replies.id))
    .limit(f.limit);
}
