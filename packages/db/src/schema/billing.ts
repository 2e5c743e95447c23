import { sql } from 'drizzle-orm';
import { bigserial, index, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * Prices per segment, per gateway, optionally narrowed to a destination prefix or a country.
 * Versioned rows: a new price is a new row with a later `valid_from`, never an update, so a
 * message's `rate_id` keeps naming the price it was accepted at. The accept statement takes the
 * most specific rate valid now (longest prefix, then a country match, then the latest version).
 */
export const rates = pgTable(
  'rates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    gateway: text('gateway').notNull(),
    /** E.164 digits without `+` (`4477`): the recipient must start with them. Null: any. */
    prefix: text('prefix'),
    /** ISO 3166 alpha-2 of the recipient. Null: any. */
    country: text('country'),
    pricePerSegment: numeric('price_per_segment', { precision: 12, scale: 6 }).notNull(),
    currency: text('currency').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rates_gateway_idx').on(t.gateway, t.validFrom)],
);

/**
 * A billing run: the messages it marked billed point at it (`messages.billing_run_id`), with the
 * amount they were billed at, so its export never changes afterwards.
 */
export const billingRuns = pgTable(
  'billing_runs',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The billee it billed; both null for every billee of the account. */
    billeeType: text('billee_type'),
    billeeId: text('billee_id'),
    /** Messages accepted up to this instant were billed. */
    until: timestamp('until', { withTimezone: true }).notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The request the key was first used with: the same key with another body is a 409. */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('billing_runs_account_idx').on(t.accountId, t.id),
    uniqueIndex('billing_runs_idempotency_uq').on(t.accountId, t.idempotencyKey).where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);
