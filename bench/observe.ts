import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { messages, statusReports, type Db } from '@smsgw/db';
import { summarize, type LatencySummary } from './stats.js';

export type StatusCounts = Record<string, number>;

/** How many of a gateway's messages are in each status. */
export async function statusCounts(db: Db, gateway: string): Promise<StatusCounts> {
  const rows = await db.select({ status: messages.status, n: count() }).from(messages).where(eq(messages.gateway, gateway)).groupBy(messages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Statuses a message does not leave on its own: one of them means the run cannot complete. */
const STUCK = ['failed', 'expired', 'cancelled', 'unknown'] as const;

export interface Progress {
  /** Milliseconds from `startedAt` until all were sent (or delivered), when that happened. */
  sentMs?: number;
  deliveredMs?: number;
  last: StatusCounts;
  /** Why the wait ended without everything delivered (or sent, when only sending was awaited). */
  problem?: string;
}

/**
 * Polls the database every `intervalMs` until `n` messages of `gateway` are sent (and, with
 * `untilDelivered`, delivered), noting when each milestone was first seen. Ends early when a
 * message is stuck in a status it does not leave on its own or nothing changed for `stallMs`,
 * and at the deadline at the latest.
 */
export async function waitForProgress(
  db: Db,
  gateway: string,
  opts: { n: number; startedAt: number; deadlineMs: number; untilDelivered: boolean; stallMs?: number; intervalMs?: number },
): Promise<Progress> {
  const progress: Progress = { last: {} };
  const deadline = opts.startedAt + opts.deadlineMs;
  const stallMs = opts.stallMs ?? 10_000;
  let lastChange = performance.now();
  for (;;) {
    const counts = await statusCounts(db, gateway);
    const now = performance.now();
    if (JSON.stringify(counts) !== JSON.stringify(progress.last)) lastChange = now;
    progress.last = counts;
    const delivered = counts['delivered'] ?? 0;
    if (progress.sentMs === undefined && (counts['sent'] ?? 0) + delivered >= opts.n) progress.sentMs = now - opts.startedAt;
    if (progress.deliveredMs === undefined && delivered >= opts.n) progress.deliveredMs = now - opts.startedAt;
    if (opts.untilDelivered ? progress.deliveredMs !== undefined : progress.sentMs !== undefined) return progress;
    const stuck = STUCK.filter((s) => (counts[s] ?? 0) > 0);
    if (stuck.length > 0) return { ...progress, problem: `messages ended ${stuck.map((s) => `${s}: ${counts[s]}`).join(', ')}` };
    if (now - lastChange > stallMs) return { ...progress, problem: `no status changed for ${stallMs} ms (${JSON.stringify(counts)})` };
    if (now > deadline) return { ...progress, problem: `deadline of ${opts.deadlineMs} ms passed (${JSON.stringify(counts)})` };
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 25));
  }
}

/** Per-message time from acceptance (row created) to the gateway's acceptance (sent), from the rows. */
export async function acceptToSentLatency(db: Db, gateway: string): Promise<LatencySummary> {
  const rows = await db.select({ createdAt: messages.createdAt, sentAt: messages.sentAt }).from(messages).where(eq(messages.gateway, gateway));
  return summarize(rows.flatMap((r) => (r.sentAt ? [r.sentAt.getTime() - r.createdAt.getTime()] : [])));
}

/**
 * For messages of `gateway` that are not delivered: their status and the states of the delivery
 * reports stored for them, e.g. `{"sent / parked": 1}`. Tells a lost report (parked and never
 * applied) from one that never arrived.
 */
export async function undeliveredDiagnosis(db: Db, gateway: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: messages.status, report: statusReports.state, n: count() })
    .from(messages)
    .leftJoin(statusReports, eq(statusReports.messageId, messages.id))
    .where(and(eq(messages.gateway, gateway), ne(messages.status, 'delivered')))
    .groupBy(messages.status, statusReports.state);
  return Object.fromEntries(rows.map((r) => [`${r.status} / ${r.report ?? 'no report'}`, r.n]));
}

/** Stored reports of `gateway` that matched no message (the provider's id was not known yet). */
export async function unmatchedReports(db: Db, gateway: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(statusReports)
    .where(and(eq(statusReports.gateway, gateway), inArray(statusReports.state, ['unmatched'])));
  return row?.n ?? 0;
}
