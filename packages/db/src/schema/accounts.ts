import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** An account owns messages, replies and keys; every read and write is scoped to one. */
export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Default webhook for the account's messages; a message may name its own. */
  webhookUrl: text('webhook_url'),
  /** Secret our webhooks to this account are signed with (Standard Webhooks, `whsec_…`). */
  webhookSecret: text('webhook_secret').notNull(),
  /** Smart encoding for messages that do not say; null: the API's default (SMSGW_SMART_ENCODING). */
  smartEncoding: boolean('smart_encoding'),
  /** Set when an admin disables the account: its keys are refused at once, its data kept. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * API keys: only a SHA-256 of the key is stored (keys are 256-bit random, so a slow hash buys
 * nothing). Scopes, expiry and revocation are columns now so key management needs no migration.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    /** The first characters of the key, to recognise it in listings. */
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull().unique(),
    admin: boolean('admin').notNull().default(false),
    scopes: text('scopes').array().notNull().default([]),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Written in batches (the API's key-usage flush), so it may lag a few seconds. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** Requests per minute; null: the API's default (SMSGW_KEY_RATE_LIMIT_PER_MINUTE), 0: no limit. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('api_keys_account_idx').on(t.accountId)],
);
