import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * A billee's defaults, the original's `billee.sms_gateway` and more: the gateway its messages use
 * when they name none, and its time zone, in which `sendAt: {local}` and its quiet hours are read.
 * A billee needs a row only when it has defaults; the accept path reads them from a per-account
 * cache, so a billee without a row costs nothing.
 */
export const billees = pgTable(
  'billees',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    billeeType: text('billee_type').notNull(),
    billeeId: text('billee_id').notNull(),
    gateway: text('gateway'),
    /** An IANA zone name, e.g. `Europe/Berlin`. */
    timeZone: text('time_zone'),
    /** Local `HH:MM`: no sends from `quiet_start` until `quiet_end` (which may be the next day). */
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.billeeType, t.billeeId] })],
);
