/**
 * The plans side of bench:explain: the shapes of a captured JSON plan, a drizzle handle whose
 * every statement reports its plan (auto_explain), and the checks made on the plans.
 */
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@smsgw/db';
import * as schema from '../../packages/db/src/schema/index.js';
import { BIG_TABLES } from './data.js';

/** One node of a JSON plan (the fields this module reads). */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface CapturedPlan {
  query: string;
  durationMs: number;
  plan: PlanNode;
}

/** Sample keys of the generated data the queries look up. */
export interface Samples {
  queued: { id: string; gateway: string };
  sending: { id: string; attempts: number };
  sent: { gateway: string; gatewayMessageId: string };
  /** A delivered message of the big account, halfway through the data. */
  middle: string;
  /** An id near the big account's oldest: the cursor of a list's last page. */
  lastPageCursor: string;
  billeeId: string;
  phone: string;
  batchId: string;
  runId: string;
  /** A message with a reply and a webhook delivery. */
  withReply: string;
  replyFrom: string;
  gateway: string;
}

export interface PlanQuery {
  name: string;
  /** Index names the plan must use; `a|b` accepts either. */
  uses: string[];
  /** Writes: run in a transaction that is rolled back. */
  writes?: boolean;
  run(db: Db, s: Samples): Promise<unknown>;
}

/**
 * A drizzle handle on ONE connection with auto_explain on: every statement's plan comes back as
 * a NOTICE, collected by `take()`. `analyze` adds actual rows, times and buffers (EXPLAIN
 * (ANALYZE, BUFFERS)); without it only the plan is made, as in production.
 */
export async function explainingDb(url: string, analyze: boolean) {
  let captured: CapturedPlan[] = [];
  const client = postgres(url, {
    max: 1,
    onnotice: (notice) => {
      const text = String(notice['message'] ?? '');
      const at = text.indexOf('plan:');
      if (at < 0) return;
      const parsed = JSON.parse(text.slice(at + 5)) as { 'Query Text': string; Plan: PlanNode };
      const duration = /duration: ([\d.]+) ms/.exec(text);
      captured.push({ query: parsed['Query Text'], durationMs: Number(duration?.[1] ?? 0), plan: parsed.Plan });
    },
  });
  await client.unsafe(`LOAD 'auto_explain'`);
  await client.unsafe(`SET auto_explain.log_min_duration = 0`);
  await client.unsafe(`SET auto_explain.log_level = notice`);
  await client.unsafe(`SET auto_explain.log_format = json`);
  await client.unsafe(`SET auto_explain.log_analyze = ${analyze ? 'on' : 'off'}`);
  await client.unsafe(`SET auto_explain.log_buffers = ${analyze ? 'on' : 'off'}`);
  // The CTE bodies of the hot statements are planned as part of them; nested SQL (functions) too.
  await client.unsafe(`SET auto_explain.log_nested_statements = on`);
  const db = drizzlePg(client, { schema }) as unknown as Db;
  return {
    db,
    client,
    /** Runs one query (rolled back when it writes) and returns the plans of its statements. */
    async explain(q: PlanQuery, samples: Samples): Promise<CapturedPlan[]> {
      captured = [];
      if (q.writes) await client.unsafe('BEGIN');
      try {
        await q.run(db, samples);
      } finally {
        if (q.writes) await client.unsafe('ROLLBACK');
      }
      // BEGIN/ROLLBACK have plans of their own (utility statements): not interesting.
      return captured.filter((c) => !/^\s*(BEGIN|ROLLBACK)\s*$/i.test(c.query));
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Every node of a plan, depth first. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** Index names the plans read (Index Scan, Index Only Scan, Bitmap Index Scan). */
export function indexesUsed(plans: CapturedPlan[]): Set<string> {
  const names = plans.flatMap((p) => planNodes(p.plan)).flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
  return new Set(names);
}

/** Big tables read by a sequential scan. */
export function seqScans(plans: CapturedPlan[]): string[] {
  const big = new Set<string>(BIG_TABLES);
  return plans
    .flatMap((p) => planNodes(p.plan))
    .filter((n) => n['Node Type'] === 'Seq Scan' && big.has(n['Relation Name'] ?? ''))
    .map((n) => n['Relation Name'] ?? '');
}

/** What is wrong with a query's plans: missing indexes and sequential scans on big tables. */
export function planProblems(q: PlanQuery, plans: CapturedPlan[]): string[] {
  const used = indexesUsed(plans);
  const problems = q.uses.filter((want) => !want.split('|').some((name) => used.has(name))).map((want) => `does not use ${want}`);
  for (const table of seqScans(plans)) problems.push(`sequential scan on ${table}`);
  if (plans.length === 0) problems.push('no statement was planned');
  return problems;
}
