import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { messages } from './messages.js';

/** Inbound SMS. Kept even when no message matches (message_id null): a reply is never dropped. */
export const replies = pgTable(
  'replies',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').references(() => accounts.id),
    messageId: text('message_id').references(() => messages.id),
    gateway: text('gateway').notNull(),
    from: text('from').notNull(),
    to: text('to'),
    content: text('content').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    providerId: text('provider_id'),
    reference: text('reference'),
    /**
     * How it was matched: 'reference' (echoed), 'recent' (latest message to that phone within the
     * window, in the one possible account), 'number' (to a number the account owns, no message
     * found), or null when unmatched (no account, or more than one possible).
     */
    matchedBy: text('matched_by'),
    /** Opt-out keyword handling: 'stop', 'start', 'help' or null. */
    keyword: text('keyword'),
    /**
     * The message's reply handler: 'pending' from the statement that stores the reply until a
     * worker sets 'done' or 'failed'; null when there is none to run. The job is only a wake-up:
     * the sweep re-queues replies left 'pending' whose job Redis lost.
     */
    handlerState: text('handler_state').$type<'pending' | 'done' | 'failed'>(),
    raw: jsonb('raw').$type<unknown>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('replies_gateway_provider_uq').on(t.gateway, t.providerId),
    index('replies_account_idx').on(t.accountId, t.id),
    // `GET /v1/replies?from=`: one phone's replies to an account, newest first.
    index('replies_account_from_idx').on(t.accountId, t.from, t.id),
    index('replies_message_idx').on(t.messageId),
    // The sweep's look for handlers due: only replies still waiting for theirs are in it.
    index('replies_handler_pending_idx').on(t.createdAt).where(sql`${t.handlerState} = 'pending'`),
  ],
);

/**
 * Every delivery report received. `state` says what it did: applied, parked (arrived before the
 * send was stored; applied later), recorded (informational), ignored (stale/replay), unmatched.
 */
export const statusReports = pgTable(
  'status_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gateway: text('gateway').notNull(),
    gatewayMessageId: text('gateway_message_id').notNull(),
    messageId: text('message_id').references(() => messages.id),
    status: text('status'),
    providerStatus: text('provider_status').notNull(),
    errorCode: text('error_code'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    charge: numeric('charge', { precision: 12, scale: 6 }),
    partIndex: integer('part_index'),
    partCount: integer('part_count'),
    state: text('state').notNull(),
    raw: jsonb('raw').$type<unknown>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('status_reports_message_idx').on(t.messageId),
    // Reports still waiting for their send to be stored: looked for after every send outcome.
    // `applying` too: one whose applier died mid-way is found by the sweep through it.
    index('status_reports_pending_idx').on(t.gateway, t.gatewayMessageId).where(sql`${t.state} IN ('unmatched', 'parked', 'applying')`),
  ],
);

/**
 * Numbers that replied STOP. account_id null means every account (a STOP from a phone no account
 * had written to); a STOP that could be for several accounts stops each of them.
 */
export const optOuts = pgTable(
  'opt_outs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').references(() => accounts.id),
    number: text('number').notNull(),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('opt_outs_account_number_uq').on(t.number, t.accountId).nullsNotDistinct()],
);

/** One webhook event to the application; the BullMQ job carries only this row's id. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    messageId: text('message_id'),
    replyId: text('reply_id'),
    url: text('url').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_account_idx').on(t.accountId, t.id),
    // A message's deliveries (its timeline, `?messageId=`, and retention deleting them with it).
    index('webhook_deliveries_message_idx').on(t.messageId).where(sql`${t.messageId} IS NOT NULL`),
    // Deliveries not attempted yet: the sweep's re-queue (in id order, which is creation order)
    // and `?state=pending`. Small: a row leaves it at its first attempt. Queries must write
    // 'pending' as a literal, or a generic plan cannot prove the predicate.
    index('webhook_deliveries_pending_idx').on(t.id).where(sql`${t.state} = 'pending'`),
  ],
);
