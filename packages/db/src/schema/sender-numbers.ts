import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * Numbers an account sends from and receives replies on. A reply to an owned number belongs to
 * its owner whatever other accounts sent to the same phone: without ownership, an account's
 * inbound text could only be guessed from sending history. A number has one owner in the whole
 * system (a phone number is one line, whichever gateway carries it); `gateway`, when set, limits
 * the ownership to replies arriving through that gateway.
 */
export const senderNumbers = pgTable(
  'sender_numbers',
  {
    /** E.164. */
    number: text('number').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Gateway name; null: replies through any gateway. No foreign key: gateway names are immutable, and a deleted gateway brings no replies. */
    gateway: text('gateway'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sender_numbers_account_idx').on(t.accountId, t.number)],
);
