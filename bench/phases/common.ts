/** Pieces every product phase uses: a fresh stack, a warm-up, bookkeeping of accepted ids. */
import type { Context } from '../lib/context.js';
import type { LoadResult, LoadSpec, Loadgen } from '../lib/load.js';
import { undeliveredDiagnosis, waitForDrain, type Drain } from '../lib/messages.js';
import type { SandboxSummary } from '../procs/sandbox.js';
import { startStack, type Stack, type StackOptions } from '../lib/product.js';
import { BLOCKS } from '../workload.js';

export async function freshStack(ctx: Context, opts: StackOptions, gateways?: string[]): Promise<Stack> {
  ctx.stacks++;
  return startStack(ctx.product, opts, ctx.redis.client, gateways);
}

/** A closed-loop run of single POST /v1/messages against `stack`. */
export function singles(ctx: Context, stack: Stack, block: number, n: number, extra: Partial<LoadSpec> = {}): LoadSpec {
  return {
    baseUrl: stack.apiUrl,
    key: ctx.product.apiKey,
    path: '/v1/messages',
    kind: 'single',
    n,
    concurrency: ctx.settings.concurrency,
    budgetMs: ctx.settings.phaseBudgetMs,
    block,
    gateway: 'sandbox',
    ...extra,
  };
}

/** Batches of 1,000 to POST /v1/messages/batch. */
export function batches(ctx: Context, stack: Stack, block: number, requests: number): LoadSpec {
  const s = ctx.settings;
  return {
    ...singles(ctx, stack, block, requests * s.batchSize),
    path: '/v1/messages/batch',
    kind: 'batch',
    batchSize: s.batchSize,
    concurrency: s.batchConcurrency,
  };
}

/** Notes the ids answered 202 (for the final check) and fails the run on any other answer. */
export function account(ctx: Context, what: string, r: LoadResult): LoadResult {
  ctx.acceptedIds.push(...r.ids);
  const bad = Object.entries(r.statuses).filter(([status]) => status !== '202');
  if (bad.length > 0) ctx.failures.push(`${what}: answers other than 202: ${JSON.stringify(Object.fromEntries(bad))}`);
  if (Object.keys(r.errors).length > 0) ctx.failures.push(`${what}: requests failed: ${JSON.stringify(r.errors)}`);
  if (r.stoppedByBudget) ctx.notes.push(`${what}: the time budget stopped the load after ${r.accepted} messages`);
  return r;
}

/**
 * Warms the stack (JIT, pools, prepared statements, keep-alive to the sandbox) with 200
 * messages of a block of its own; with workers running, waits until they are delivered.
 */
export async function warmup(ctx: Context, stack: Stack, lg: Loadgen, delivered: boolean): Promise<{ block: number; accepted: number }> {
  const block = BLOCKS.warmup + (ctx.stacks % 10);
  const r = account(ctx, 'warm-up', await lg.run(singles(ctx, stack, block, 200)));
  if (delivered) await drained(ctx, 'warm-up', block, r.accepted, Date.now() + 60_000);
  return { block, accepted: r.accepted };
}

/** Waits for `expected` messages of `block`(s) to be delivered; a failure when they are not. */
export async function drained(
  ctx: Context,
  what: string,
  block: number | number[],
  expected: number,
  deadline: number,
  until?: 'sent',
): Promise<Drain> {
  // Never past the run's own deadline: the remaining phases and the teardown need the time.
  const d = await waitForDrain(ctx.db.sql, block, expected, { deadline: Math.min(deadline, ctx.deadline), ...(until ? { until } : {}) });
  if (!d.ok) {
    const diagnosis = await undeliveredDiagnosis(ctx.db.sql, block);
    const provider = await ctx.sandbox.request<SandboxSummary>('summary', {}).catch(() => undefined);
    ctx.failures.push(
      `${what}: ${d.problem} (statuses ${JSON.stringify(d.last)}, expected ${expected}); not delivered (status / report state): ` +
        `${JSON.stringify(diagnosis)}; provider's report calls: ${JSON.stringify(provider?.reports ?? 'unknown')}`,
    );
  }
  return d;
}

/** Warn-level lines the product logged are worth a look, not a failure. */
export function noteWarnings(ctx: Context, what: string, stack: Stack): void {
  const w = stack.warnings();
  if (w.count > 0) ctx.notes.push(`${what}: the product logged ${w.count} warnings, e.g. ${w.sample[0] ?? ''}`);
}
