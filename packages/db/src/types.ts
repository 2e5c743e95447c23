import type { ReportStatus } from '@smsgw/core';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

/**
 * The types that client.ts, hot/ and queries/ share, in a module of types only: when each took
 * them from the others, the modules imported each other (hot/index.ts ↔ queries/messages.ts,
 * hot/runner.ts ↔ client.ts). Everything here depends on the schema and nothing else.
 */

export type Schema = typeof schema;
/** Either driver's database: queries are written once against the common Drizzle type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type MessageRow = typeof schema.messages.$inferSelect;
export type NewMessage = typeof schema.messages.$inferInsert;
export type MessageEventRow = typeof schema.messageEvents.$inferSelect;
export type ReplyRow = typeof schema.replies.$inferSelect;
export type NewReply = typeof schema.replies.$inferInsert;

/** A delivery report as parsed from a provider's callback, with the status already mapped. */
export interface IncomingReport {
  gateway: string;
  gatewayMessageId: string;
  status: ReportStatus | undefined;
  providerStatus: string;
  errorCode?: string | undefined;
  at?: Date | undefined;
  charge?: string | undefined;
  currency?: string | undefined;
  /** Our message id, when the provider echoes the reference it was given. */
  reference?: string | undefined;
  partIndex?: number | undefined;
  partCount?: number | undefined;
  raw?: unknown;
}

export type ReportState = 'applied' | 'parked' | 'recorded' | 'ignored' | 'unmatched';
