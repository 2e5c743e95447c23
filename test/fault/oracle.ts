/**
 * What the fault tests assert after each scenario: every accepted message comes to rest in
 * PostgreSQL (a terminal status, or `unknown`), the sandbox (the provider) took each message at
 * most once, `unknown` only where the request may really have reached it, and every message's
 * history moved forward only.
 */
import { asc, inArray } from 'drizzle-orm';
import { messageEvents, messages, type Database } from '@smsgw/db';
import type { RecordedRequest, Sandbox } from '@smsgw/sandbox-gateway';
import { poll } from './procs.js';

/** Where a message rests once nothing of ours is working on it, and no report is still due. */
export const RESTING: ReadonlySet<string> = new Set(['delivered', 'failed', 'expired', 'cancelled', 'unknown']);

export type StatusCounts = Record<string, number>;

export interface Settled {
  statuses: Map<string, string>;
  counts: StatusCounts;
}

export async function statusesOf(database: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Chunks keep the parameter list of one statement small.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database.db
      .select({ id: messages.id, status: messages.status })
      .from(messages)
      .where(inArray(messages.id, ids.slice(i, i + 500)));
    for (const r of rows) out.set(r.id, r.status);
  }
  return out;
}

export function countBy(values: Iterable<string>): StatusCounts {
  const counts: StatusCounts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/**
 * Waits until every id exists and rests in one of `rest` (default: terminal or unknown), then
 * answers the statuses. On timeout the error says how many are still elsewhere, and where.
 */
export async function waitSettled(
  database: Database,
  ids: readonly string[],
  timeoutMs: number,
  rest: ReadonlySet<string> = RESTING,
): Promise<Settled> {
  let last = new Map<string, string>();
  try {
    await poll(
      async () => {
        last = await statusesOf(database, ids);
        return ids.every((id) => rest.has(last.get(id) ?? 'missing')) ? true : undefined;
      },
      timeoutMs,
      'accepted messages to settle',
      250,
    );
  } catch (err) {
    const open = ids.map((id) => last.get(id) ?? 'missing').filter((s) => !rest.has(s));
    throw new Error(`${(err as Error).message}: ${open.length} unsettled ${JSON.stringify(countBy(open))}`);
  }
  return { statuses: last, counts: countBy(last.values()) };
}

/** The statuses each message moved through, oldest first (events that changed nothing have none). */
export async function historiesOf(database: Database, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database.db
      .select({ id: messageEvents.messageId, status: messageEvents.status })
      .from(messageEvents)
      .where(inArray(messageEvents.messageId, ids.slice(i, i + 500)))
      .orderBy(asc(messageEvents.id));
    for (const r of rows) if (r.status !== null) out.set(r.id, [...(out.get(r.id) ?? []), r.status]);
  }
  return out;
}

/**
 * Answers the provider gave that certainly mean "not taken": a refusal the sender may retry
 * (503, 429) or a rejection of the request itself. Anything else — an acceptance, a 500, no
 * answer at all (hang, reset, cut off) — may have been taken, so a second one would be a duplicate.
 */
const REFUSED = new Set([400, 401, 415, 429, 503]);
export const mayHaveTaken = (r: RecordedRequest): boolean => r.status === null || !REFUSED.has(r.status);

export interface ProviderCount {
  /** Every request that named the message. */
  total: number;
  /** Those the provider may have taken (see mayHaveTaken). */
  taken: number;
  /** Those it did accept (answered with an id, or accepted and then hung up). */
  accepted: number;
}

/** What the sandbox received per message id (the `reference` it was given). */
export function providerCounts(sandbox: Sandbox): Map<string, ProviderCount> {
  const per = new Map<string, ProviderCount>();
  for (const r of sandbox.requests()) {
    const ref = r.params['reference'];
    if (ref === undefined) continue;
    const c = per.get(ref) ?? { total: 0, taken: 0, accepted: 0 };
    c.total += 1;
    if (mayHaveTaken(r)) c.taken += 1;
    if (r.id !== null) c.accepted += 1;
    per.set(ref, c);
  }
  return per;
}

/** Ranks of the forward order: waiting < unknown < sent < terminal. */
const RANK: Record<string, number> = {
  queued: 0,
  scheduled: 0,
  sending: 0,
  unknown: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  expired: 3,
  cancelled: 3,
};

/** A history that ever moved backwards, or changed after a terminal status; undefined when none. */
export function backwardMove(history: readonly string[]): string | undefined {
  let prev: string | undefined;
  for (const s of history) {
    if (prev !== undefined) {
      if ((RANK[s] ?? -1) < (RANK[prev] ?? -1)) return `${prev} → ${s}`;
      if (RANK[prev] === 3 && s !== prev) return `${prev} → ${s} (after a terminal status)`;
    }
    prev = s;
  }
  return undefined;
}

export interface CaseCheck {
  statuses: Map<string, string>;
  histories: Map<string, string[]>;
  provider: Map<string, ProviderCount>;
  /** Messages the fault itself cut off after their request was written: unknown is expected there. */
  cutAfterRequest?: ReadonlySet<string>;
  /** Duplicates an earlier case already reported: not reported again by later ones. */
  reported?: ReadonlySet<string>;
}

/**
 * The invariants every case ends with; returns the problems found, empty when none.
 * - at most one request per message that the provider may have taken (over everything it ever
 *   received, not only this case's ids: a stray resend of an older message counts too);
 * - sent / delivered means the provider accepted it exactly once;
 * - unknown only when the request may have been written: the provider received it, or the fault
 *   struck after the request;
 * - the history moved forward only.
 */
export function caseProblems(c: CaseCheck): string[] {
  const problems: string[] = [];
  for (const [id, n] of c.provider)
    if (n.taken > 1 && (c.statuses.has(id) || !c.reported?.has(id)))
      problems.push(`${id} reached the provider ${n.taken} times (status ${c.statuses.get(id) ?? 'not in this case'})`);
  for (const [id, status] of c.statuses) {
    const n = c.provider.get(id) ?? { total: 0, taken: 0, accepted: 0 };
    if ((status === 'sent' || status === 'delivered') && n.accepted !== 1)
      problems.push(`${id} is ${status} but the provider accepted it ${n.accepted} times`);
    if (status === 'unknown' && n.taken === 0 && !c.cutAfterRequest?.has(id))
      problems.push(`${id} is unknown but its request never reached the provider (${n.total} refused)`);
    const back = backwardMove(c.histories.get(id) ?? []);
    if (back) problems.push(`${id} moved backwards: ${back} (history ${(c.histories.get(id) ?? []).join(' → ')})`);
  }
  return problems;
}

/** How many of `ids` had more than one request the provider may have taken. */
export function duplicatesAmong(provider: Map<string, ProviderCount>, ids: Iterable<string>): number {
  let n = 0;
  for (const id of ids) if ((provider.get(id)?.taken ?? 0) > 1) n++;
  return n;
}
