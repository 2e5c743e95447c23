/** Read-only queries behind the console's pages: a message's delivery reports, and recent send outcomes per gateway. */
import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { messageEvents, statusReports } from '../schema/index.js';

export type StatusReportRow = typeof statusReports.$inferSelect;

/** Every delivery report stored for a message (the index on message_id), oldest first. */
export async function listReportsForMessage(db: Db, messageId: string): Promise<StatusReportRow[]> {
  return db.select().from(statusReports).where(eq(statusReports.messageId, messageId)).orderBy(asc(statusReports.id));
}

/** The event types the send path writes: what a send attempt came to. */
export const SEND_OUTCOMES = ['sent', 'retry', 'failover', 'failed', 'unknown', 'throttled'] as const;

export interface SendOutcomeCount {
  gateway: string;
  type: string;
  count: number;
}

/**
 * What the last sends came to, per gateway: counts by event type among the newest `window`
 * message events that are younger than `sinceMs`. Bounded by the primary key walked backwards,
 * so it costs the same on a table of ten million events as on one of ten; a quiet gateway whose
 * sends are older than the window shows none (its queue depth and balance still show).
 */
export async function recentSendOutcomes(db: Db, opts: { window: number; sinceMs: number }): Promise<SendOutcomeCount[]> {
  const recent = db
    .select({ gateway: messageEvents.gateway, type: messageEvents.type, at: messageEvents.at })
    .from(messageEvents)
    .orderBy(desc(messageEvents.id))
    .limit(opts.window)
    .as('recent');
  const rows = await db
    .select({ gateway: recent.gateway, type: recent.type, count: sql<number>`count(*)::int` })
    .from(recent)
    .where(and(isNotNull(recent.gateway), gte(recent.at, new Date(Date.now() - opts.sinceMs)), inArray(recent.type, [...SEND_OUTCOMES])))
    .groupBy(recent.gateway, recent.type)
    .orderBy(recent.gateway, recent.type);
  return rows.flatMap((r) => (r.gateway === null ? [] : [{ gateway: r.gateway, type: r.type, count: Number(r.count) }]));
}
