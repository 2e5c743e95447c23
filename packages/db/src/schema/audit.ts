import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What admins (and account admins) did: keys, accounts, gateways, billing runs. Append-only: the
 * code only inserts (queries/audit.ts has no update or delete), and a trigger created by the
 * migration `audit_log_append_only` refuses UPDATE, DELETE and TRUNCATE for everyone else. No
 * foreign keys, on purpose: deleting an account or a key must not take its history with it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** `aud_…`, time-ordered: the list's cursor. */
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The key that acted; null when the system did (bootstrap). */
    actorKeyId: text('actor_key_id'),
    /** The account acted on (or the actor's, when the action is not about an account). */
    accountId: text('account_id'),
    /** `key.created`, `account.disabled`, `gateway.updated`, … */
    action: text('action').notNull(),
    /** The id or name of what was acted on. */
    target: text('target'),
    /** What changed, never a secret (no keys, no credentials, no bodies). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_action_idx').on(t.action, t.id), index('audit_log_account_idx').on(t.accountId, t.id)],
);
