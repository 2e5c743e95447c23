import { boolean, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A gateway = a preset (or a full custom config) + encrypted credentials + settings. Shared by
 * all accounts, managed with admin keys. `version` increases on every change so workers can
 * tell a cached copy is stale.
 */
export const gateways = pgTable('gateways', {
  id: text('id').primaryKey(),
  /** Immutable: it names the send queue and the callback URLs. */
  name: text('name').notNull().unique(),
  preset: text('preset'),
  /** The full config for a custom gateway, or overrides merged over the preset. */
  config: jsonb('config').$type<Record<string, unknown>>(),
  settings: jsonb('settings').$type<Record<string, string | number | boolean>>().notNull().default({}),
  /** AES-256-GCM of the JSON credentials object; never returned by the API. */
  credentialsEncrypted: text('credentials_encrypted'),
  /** Secret path segment of this gateway's callback URLs. */
  callbackToken: text('callback_token').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  isDefault: boolean('is_default').notNull().default(false),
  priority: integer('priority').notNull().default(0),
  /** Messages (or segments) per interval, shared by every worker (BullMQ limiter). */
  rateLimitMax: integer('rate_limit_max'),
  rateLimitIntervalMs: integer('rate_limit_interval_ms'),
  rateLimitPerSegment: boolean('rate_limit_per_segment').notNull().default(false),
  creditRemaining: numeric('credit_remaining', { precision: 14, scale: 5 }),
  creditCurrency: text('credit_currency'),
  lastBalanceCheck: timestamp('last_balance_check', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A route target: a gateway at a rank (lower is tried first), weighted within its rank. */
export interface RouteTarget {
  gateway: string;
  rank: number;
  weight: number;
}

/**
 * Routing rules, tried by `position`: the first rule whose prefix or country matches the
 * recipient gives the ordered gateway list (failover order). A rule with neither is the default.
 */
export const routes = pgTable('routes', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  position: integer('position').notNull().default(0),
  matchPrefix: text('match_prefix'),
  matchCountry: text('match_country'),
  targets: jsonb('targets').$type<RouteTarget[]>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
