/**
 * What the fault tests assert after each scenario: every accepted message settles in
 * PostgreSQL, and the sandbox (the provider) received each message at most once.
 */
import { inArray } from 'drizzle-orm';
import { messages, type Database } from '@smsgw/db';
import type { Sandbox } from '@smsgw/sandbox-gateway';
import { poll } from './procs.js';

/** Statuses a message may rest in once nothing of ours is working on it. */
const SETTLED = new Set(['sent', 'delivered', 'failed', 'unknown']);

export type StatusCounts = Record<string, number>;

export interface Settled {
  statuses: Map<string, string>;
  counts: StatusCounts;
}

async function statusesOf(database: Database, ids: readonly string[]): Promise<Map<string, string>> {
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

function countBy(values: Iterable<string>): StatusCounts {
  const counts: StatusCounts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/**
 * Waits until every id exists and is settled (never left queued or sending), then answers the
 * statuses. On timeout the error says how many are still unsettled and in which status.
 */
export async function waitSettled(database: Database, ids: readonly string[], timeoutMs: number): Promise<Settled> {
  let last = new Map<string, string>();
  try {
    await poll(
      async () => {
        last = await statusesOf(database, ids);
        return ids.every((id) => SETTLED.has(last.get(id) ?? 'missing')) ? true : undefined;
      },
      timeoutMs,
      'accepted messages to settle',
      250,
    );
  } catch (err) {
    const open = ids.map((id) => last.get(id) ?? 'missing').filter((s) => !SETTLED.has(s));
    throw new Error(`${(err as Error).message}: ${open.length} unsettled ${JSON.stringify(countBy(open))}`);
  }
  return { statuses: last, counts: countBy(last.values()) };
}

/** How many send requests the sandbox received per message id (the `reference` it was given). */
export function requestsPerMessage(sandbox: Sandbox): Map<string, number> {
  const per = new Map<string, number>();
  for (const r of sandbox.requests()) {
    const ref = r.params['reference'];
    if (ref !== undefined) per.set(ref, (per.get(ref) ?? 0) + 1);
  }
  return per;
}

/**
 * The provider's view: no message id reached it twice (over everything it ever received, not
 * only the ids given), and each sent or delivered message reached it exactly once. Returns the
 * problems found, empty when none.
 */
export function duplicateProblems(sandbox: Sandbox, statuses: Map<string, string>): string[] {
  const per = requestsPerMessage(sandbox);
  const problems: string[] = [];
  for (const [id, n] of per) if (n > 1) problems.push(`${id} was sent ${n} times (status ${statuses.get(id) ?? 'not checked'})`);
  for (const [id, status] of statuses) {
    const n = per.get(id) ?? 0;
    if ((status === 'sent' || status === 'delivered') && n !== 1) problems.push(`${id} is ${status} but the sandbox received it ${n} times`);
  }
  return problems;
}
