import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { MessageStatus } from '@smsgw/core';
import { accounts } from './accounts.js';
import { batches } from './batches.js';
import { billingRuns } from './billing.js';

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    to: text('to').notNull(),
    /** ISO 3166 alpha-2 of the recipient, as parsed at accept (rates may be per country). */
    country: text('country'),
    from: text('from'),
    content: text('content').notNull(),
    encoding: text('encoding').$type<'gsm7' | 'ucs2'>().notNull(),
    segments: integer('segments').notNull(),
    status: text('status').$type<MessageStatus>().notNull(),
    statusMessage: text('status_message'),
    /** The gateway it is (or was last) queued for. */
    gateway: text('gateway'),
    /** Ordered failover list fixed at accept time, and where in it the message is. */
    routeGateways: text('route_gateways').array().notNull().default([]),
    routeIndex: integer('route_index').notNull().default(0),
    gatewayMessageId: text('gateway_message_id'),
    /** Send attempts on the current gateway (throttling does not count). */
    attempts: integer('attempts').notNull().default(0),
    /**
     * The token of the claimed-not-sent marker (queues' unsent.ts) the last claim was made under.
     * The sweep re-queues a stuck send only when the marker it finds is this claim's: a marker of
     * a later job still waiting to claim says nothing about whether this claim's request left.
     */
    claimToken: text('claim_token'),
    /** The batch it was sent in (POST /v1/messages/batch), if any. */
    batchId: text('batch_id').references(() => batches.id),
    billeeType: text('billee_type'),
    billeeId: text('billee_id'),
    billed: boolean('billed').notNull().default(false),
    billedAt: timestamp('billed_at', { withTimezone: true }),
    /** The run that billed it, and the amount it was billed at (the charge, else the estimate). */
    billingRunId: text('billing_run_id').references(() => billingRuns.id),
    billedAmount: numeric('billed_amount', { precision: 12, scale: 6 }),
    billedCurrency: text('billed_currency'),
    /** The price per segment at accept (`rates` row): segments × rate is the estimated cost. */
    rateId: bigint('rate_id', { mode: 'number' }),
    rate: numeric('rate', { precision: 12, scale: 6 }),
    rateCurrency: text('rate_currency'),
    /** What the billee's credit holds for it (segments × rate), when the billee is prepaid: settled or released when final. */
    creditReserved: numeric('credit_reserved', { precision: 12, scale: 6 }),
    /** The provider's charge for the whole message, from its delivery report: the final cost. */
    gatewayCharge: numeric('gateway_charge', { precision: 12, scale: 6 }),
    chargeCurrency: text('charge_currency'),
    replyHandler: text('reply_handler'),
    webhookUrl: text('webhook_url'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the request the idempotency key was first used with (a different body is a 409). */
    requestHash: text('request_hash'),
    sendAt: timestamp('send_at', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  // Indexes cost WAL on every non-HOT update: each covers only the rows its queries look for.
  (t) => [
    uniqueIndex('messages_gateway_msgid_uq').on(t.gateway, t.gatewayMessageId).where(sql`${t.gatewayMessageId} IS NOT NULL`),
    uniqueIndex('messages_idempotency_uq').on(t.accountId, t.idempotencyKey).where(sql`${t.idempotencyKey} IS NOT NULL`),
    index('messages_account_id_idx').on(t.accountId, t.id),
    // The list's status filter, newest first: `status = ? ORDER BY id DESC` reads one index range.
    // Only the statuses a page could otherwise take long to find: `delivered` (most rows) is found
    // at once by the account's index, in-flight ones by messages_inflight_idx. Every status change
    // writes an entry into each index whose predicate the new row meets (no update is HOT:
    // updated_at is indexed), so leaving out the transient and the commonest status saves about
    // three index entries per message.
    index('messages_account_status_idx')
      .on(t.accountId, t.status, t.id)
      .where(sql`${t.status} IN ('sent', 'failed', 'expired', 'cancelled')`),
    // The list's billee filter and per-billee billing; messages without a billee stay out.
    index('messages_account_billee_idx').on(t.accountId, t.billeeType, t.billeeId, t.id).where(sql`${t.billeeId} IS NOT NULL`),
    // The sweep's scans: only messages still in flight, so finished ones leave this index.
    index('messages_inflight_idx').on(t.status, t.updatedAt).where(sql`${t.status} IN ('queued', 'scheduled', 'sending', 'unknown')`),
    // Reply matching (to, sent_at >= window) and the list's `to` filter (which also wants unsent
    // rows): a phone has few messages, so that filter reads them all and sorts.
    index('messages_to_sent_idx').on(t.to, t.sentAt),
    // A batch's messages (its counts by status, its listing, its cancel); single messages stay out.
    index('messages_batch_idx').on(t.batchId, t.id).where(sql`${t.batchId} IS NOT NULL`),
    index('messages_billing_run_idx').on(t.billingRunId, t.id).where(sql`${t.billingRunId} IS NOT NULL`),
    // The billing run's rows only: unbilled AND billable (the predicate is billing.ts's BILLABLE,
    // written the same way so the planner can prove it). A failed or cancelled message is never
    // billed, so an index on `billed = false` alone would keep those forever. The id in "C"
    // order, which for ids is the same order: a page of unbilled rows `ORDER BY id COLLATE "C"`
    // can only come from here, where `ORDER BY id` lets the planner walk the primary key through
    // the whole billed history (it cannot know the unbilled rows are the newest).
    index('messages_billable_idx')
      .on(t.accountId, sql`(${t.id} COLLATE "C")`)
      .where(sql`${t.billed} = false AND (${t.status} IN ('sent', 'delivered') OR ${t.gatewayCharge} IS NOT NULL)`),
  ],
);

/** Append-only history of a message: every status change, attempt, failover and report. */
export const messageEvents = pgTable(
  'message_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type').notNull(),
    status: text('status').$type<MessageStatus>(),
    attempt: integer('attempt'),
    gateway: text('gateway'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('message_events_message_idx').on(t.messageId, t.id)],
);
