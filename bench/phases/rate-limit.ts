/**
 * Rate-limit accuracy: a gateway limited to `max` per second, served by a sandbox of its own
 * (so its receive times are only these sends). All messages are accepted before any worker
 * runs, so the limiter, not the accept rate, paces the sends. The provider's view decides:
 * first -> last receive spacing, and the busiest sliding second.
 */
import { start } from '../lib/children.js';
import type { Context } from '../lib/context.js';
import { startLoadgen } from '../lib/load.js';
import { DEFAULT_GATEWAY } from '../lib/product.js';
import { maxInFixedWindows, maxInWindow } from '../lib/stats.js';
import type { SandboxSummary } from '../procs/sandbox.js';
import { BLOCKS } from '../workload.js';
import { account, batches, drained, freshStack, noteWarnings } from './common.js';

export interface RateLimitFigures {
  limit: { max: number; intervalMs: number };
  sent: number;
  spreadMs: number;
  idealMs: number;
  minimumMs: number;
  busiestSlidingWindow: number;
  busiestFixedWindow: number;
  slack: number;
  duplicates: number;
}

const GATEWAY = 'bench-limited';

async function api(ctx: Context, base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.product.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
}

export async function runRateLimit(ctx: Context): Promise<RateLimitFigures> {
  const s = ctx.settings;
  const { n, max, intervalMs, slack } = s.rate;
  const sandbox = start('sandbox-limited', 'bench/procs/sandbox.ts', [], {
    ipc: true,
    env: { BENCH_SANDBOX: JSON.stringify({ latencyMs: s.sandboxLatencyMs, dlrDelayMs: s.dlrDelayMs }) },
  });
  const stack = await freshStack(ctx, { workers: 0 });
  const lg = await startLoadgen();
  let created = false;
  try {
    const { url } = await sandbox.ready<{ url: string }>(60_000);
    const res = await api(ctx, stack.apiUrl, 'POST', '/v1/gateways', {
      name: GATEWAY,
      preset: 'sandbox',
      settings: { baseUrl: url },
      rateLimit: { max, intervalMs },
    });
    if (res.status !== 201) throw new Error(`creating gateway ${GATEWAY} answered ${res.status}: ${await res.text()}`);
    created = true;
    const spec = { ...batches(ctx, stack, BLOCKS.rateLimit, Math.ceil(n / s.batchSize)), n, gateway: GATEWAY };
    const accepted = account(ctx, 'rate limit', await lg.run(spec)).accepted;
    await stack.startWorkers(1, [DEFAULT_GATEWAY, GATEWAY]);
    await drained(ctx, 'rate limit', BLOCKS.rateLimit, accepted, Date.now() + ((n / max) * intervalMs + s.phaseBudgetMs));
    const summary = await sandbox.request<SandboxSummary>('summary', { idle: true, times: true });
    const times = summary.times ?? [];
    const spreadMs = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
    // A fixed-window limiter lets the first `max` go at once: the last window opens (n/max - 1) intervals later.
    const minimumMs = (Math.ceil(n / max) - 1) * intervalMs;
    const figures: RateLimitFigures = {
      limit: { max, intervalMs },
      sent: summary.received,
      spreadMs,
      idealMs: (n / max) * intervalMs,
      minimumMs,
      busiestSlidingWindow: maxInWindow(times, intervalMs),
      busiestFixedWindow: maxInFixedWindows(times, intervalMs),
      slack,
      duplicates: summary.extraSends,
    };
    if (figures.busiestSlidingWindow > max + slack) {
      ctx.failures.push(
        `rate limit: ${figures.busiestSlidingWindow} sends reached the provider within ${intervalMs} ms (limit ${max}, slack ${slack})`,
      );
    }
    if (spreadMs < minimumMs * 0.95)
      ctx.failures.push(`rate limit: ${n} sends took only ${spreadMs} ms (at least ${minimumMs} ms expected)`);
    if (summary.received !== accepted)
      ctx.failures.push(`rate limit: the provider received ${summary.received} sends for ${accepted} messages`);
    if (summary.extraSends > 0)
      ctx.failures.push(`rate limit: ${summary.extraSends} duplicate sends (${summary.duplicatedSample.join(', ')})`);
    ctx.out(
      `rate limit    ${summary.received} sends at ${max}/${intervalMs} ms: first->last ${spreadMs} ms (ideal ${figures.idealMs}, fixed-window minimum ${minimumMs}); ` +
        `busiest second: ${figures.busiestSlidingWindow} sliding, ${figures.busiestFixedWindow} fixed (limit ${max} + slack ${slack})`,
    );
    noteWarnings(ctx, 'rate limit', stack);
    return figures;
  } finally {
    // Later stacks must not carry an idle worker for this gateway.
    if (created) await api(ctx, stack.apiUrl, 'DELETE', `/v1/gateways/${GATEWAY}`).catch(() => undefined);
    await lg.stop();
    await stack.stop();
    await sandbox.stop(10_000);
  }
}
