import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * A batch of messages sent in one request: the original's MessageSet. `done` counts the
 * messages in a terminal status; the statement that moves a message into (or out of) a terminal
 * status adds to it under the batch row's lock, so exactly one statement sees it reach `total`
 * and writes the `batch.completed` webhook row (the counts by status are read from the messages).
 */
export const batches = pgTable(
  'batches',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    /** Messages stored in the batch (a retry that stores items refused the first time adds to it). */
    total: integer('total').notNull().default(0),
    /** Messages of the batch in a terminal status. */
    done: integer('done').notNull().default(0),
    /** All-or-nothing: one invalid item refused the whole request. */
    atomic: boolean('atomic').notNull().default(false),
    /** Where `batch.completed` goes; the account's default webhook when null. */
    webhookUrl: text('webhook_url'),
    /** The request's Idempotency-Key (the id is derived from it, so a retry names the same batch). */
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the last message reached a terminal status; null while any is still in flight. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('batches_account_idx').on(t.accountId, t.createdAt, t.id)],
);
