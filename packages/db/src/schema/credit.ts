import { sql } from 'drizzle-orm';
import { bigserial, index, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/**
 * A prepaid billee's credit: `credit_limit` is what it may spend, `reserved` what messages in
 * flight hold (segments × rate, taken at accept), `spent` what final messages cost. Available =
 * limit − reserved − spent, and the ledger's entries always sum to it. The accept statement locks
 * the row, so concurrent accepts see each other's reservations and never overdraw it.
 */
export const billeeCredits = pgTable(
  'billee_credits',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    billeeType: text('billee_type').notNull(),
    billeeId: text('billee_id').notNull(),
    /** Reservations count only for rates in this currency; a message priced otherwise is refused. */
    currency: text('currency').notNull(),
    creditLimit: numeric('credit_limit', { precision: 14, scale: 6 }).notNull(),
    reserved: numeric('reserved', { precision: 14, scale: 6 }).notNull().default('0'),
    spent: numeric('spent', { precision: 14, scale: 6 }).notNull().default('0'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.billeeType, t.billeeId] })],
);

/**
 * Every change to a credit, signed as its effect on the available balance: `limit` (the limit
 * set or changed: the difference), `reserve` (−estimate, at accept), `settle` (+estimate −
 * final cost, when delivered), `release` (+estimate: failed, cancelled, expired). A message has
 * at most one reserve and one settle-or-release: the unique indexes make a replay a no-op.
 */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').notNull(),
    billeeType: text('billee_type').notNull(),
    billeeId: text('billee_id').notNull(),
    messageId: text('message_id'),
    kind: text('kind').$type<'limit' | 'reserve' | 'settle' | 'release'>().notNull(),
    amount: numeric('amount', { precision: 14, scale: 6 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_billee_idx').on(t.accountId, t.billeeType, t.billeeId, t.id),
    uniqueIndex('credit_ledger_reserve_uq').on(t.messageId).where(sql`${t.kind} = 'reserve'`),
    uniqueIndex('credit_ledger_final_uq').on(t.messageId).where(sql`${t.kind} IN ('settle', 'release')`),
  ],
);
