/**
 * End to end: accept (single POSTs, max offered load) -> workers -> sandbox (5 ms) -> delivery
 * report -> API, on a fresh stack. Rates and latencies are read from the messages table; CPU and
 * peak RSS from /proc; Redis commands from the private Redis. Optionally followed, on the same
 * stack, by an open-loop run at half the measured rate for honest latency percentiles.
 */
import type { Context } from '../lib/context.js';
import { measureWindow, perMessageUs, startLoadgen } from '../lib/load.js';
import { blockFigures, rate, type BlockFigures } from '../lib/messages.js';
import { peakRss } from '../lib/procstat.js';
import { BLOCKS } from '../workload.js';
import { clientRate } from './ceiling.js';
import { account, drained, freshStack, noteWarnings, singles, warmup } from './common.js';

export interface E2eFigures {
  workers: number;
  requested: number;
  accepted: number;
  sent: number;
  delivered: number;
  /** From the database: (rows - 1) over first -> last created_at. */
  acceptPerSec: number;
  clientAcceptPerSec: number;
  /** Rows over first created_at -> last sent_at / last report applied. */
  sentPerSec: number;
  deliveredPerSec: number;
  acceptToSentMs: BlockFigures['acceptToSent'];
  acceptToDeliveredMs: BlockFigures['acceptToDelivered'];
  cpuUsPerMessage: Record<string, number>;
  rssMB: Record<string, number>;
  redisCommandsPerMessage: number;
  wallMs: number;
}

export interface LatencyFigures {
  targetPerSec: number;
  offeredPerSec: number;
  generatorMaxLagMs: number;
  messages: number;
  acceptToSentMs: BlockFigures['acceptToSent'];
  acceptToDeliveredMs: BlockFigures['acceptToDelivered'];
}

export interface E2eOptions {
  name: string;
  block: number;
  n: number;
  /** What was asked for when `n` was shrunk to fit a budget (reported as `requested`). */
  requested?: number;
  workers: number;
  budgetMs: number;
  /** Also run the open-loop latency measurement at half the measured sent rate. */
  latency?: boolean;
}

export async function runE2e(ctx: Context, o: E2eOptions): Promise<{ e2e: E2eFigures; latency?: LatencyFigures }> {
  const stack = await freshStack(ctx, { workers: o.workers });
  const lg = await startLoadgen();
  try {
    await warmup(ctx, stack, lg, true);
    const roles = { ...stack.roles(), sandbox: [ctx.sandbox.pid], loadgen: [lg.child.pid] };
    const { result: load, window } = await measureWindow(ctx.db, ctx.redis, roles, async () => {
      const r = account(ctx, o.name, await lg.run(singles(ctx, stack, o.block, o.n, { budgetMs: o.budgetMs })));
      await drained(ctx, o.name, o.block, r.accepted, Date.now() + o.budgetMs * 2);
      return r;
    });
    // Redis's peak covers the whole run so far (one private server for every phase).
    const rssMB = peakRss({ ...roles, ...(ctx.redis.pid !== undefined ? { redis: [ctx.redis.pid] } : {}) });
    const f = await blockFigures(ctx.db.sql, o.block);
    if (f.n !== load.accepted) ctx.failures.push(`${o.name}: ${load.accepted} messages answered 202 but ${f.n} rows exist`);
    const e2e: E2eFigures = {
      workers: o.workers,
      requested: o.requested ?? o.n,
      accepted: load.accepted,
      sent: f.sent,
      delivered: f.delivered,
      acceptPerSec: rate(f.n - 1, f.lastCreatedMs - f.firstCreatedMs),
      clientAcceptPerSec: clientRate(load),
      sentPerSec: rate(f.sent, f.lastSentMs - f.firstCreatedMs),
      deliveredPerSec: rate(f.delivered, f.lastDeliveredMs - f.firstCreatedMs),
      acceptToSentMs: f.acceptToSent,
      acceptToDeliveredMs: f.acceptToDelivered,
      cpuUsPerMessage: perMessageUs(window.cpuMs, f.sent),
      rssMB,
      redisCommandsPerMessage: Math.round((window.redis.total / Math.max(1, f.sent)) * 10) / 10,
      wallMs: Math.round(window.wallMs),
    };
    ctx.out(
      `${o.name.padEnd(13)} ${e2e.accepted} msgs, ${o.workers} worker(s): accepted ${e2e.acceptPerSec}/s, sent ${e2e.sentPerSec}/s, delivered ${e2e.deliveredPerSec}/s; ` +
        `accept->sent p50 ${f.acceptToSent.p50} ms p99 ${f.acceptToSent.p99} ms (at max load); RSS api ${rssMB['api']} MB worker ${rssMB['worker']} MB`,
    );
    let latency: LatencyFigures | undefined;
    if (o.latency && e2e.sentPerSec > 0) latency = await latencyRun(ctx, stack.apiUrl, lg, Math.max(1, Math.round(e2e.sentPerSec / 2)));
    noteWarnings(ctx, o.name, stack);
    return { e2e, ...(latency ? { latency } : {}) };
  } finally {
    await lg.stop();
    await stack.stop();
  }
}

/** Open loop at `ratePerSec` (half the max): per-message latencies without a standing queue. */
async function latencyRun(
  ctx: Context,
  apiUrl: string,
  lg: Awaited<ReturnType<typeof startLoadgen>>,
  ratePerSec: number,
): Promise<LatencyFigures> {
  const seconds = ctx.settings.latencySeconds;
  const n = Math.max(10, Math.round(ratePerSec * seconds));
  const spec = {
    baseUrl: apiUrl,
    key: ctx.product.apiKey,
    path: '/v1/messages',
    kind: 'single' as const,
    n,
    // Enough connections that the client never queues at this rate.
    concurrency: Math.max(64, ctx.settings.concurrency),
    ratePerSec,
    budgetMs: seconds * 1000 + 10_000,
    block: BLOCKS.latency,
    gateway: 'sandbox',
  };
  const r = account(ctx, 'latency', await lg.run(spec));
  await drained(ctx, 'latency', BLOCKS.latency, r.accepted, Date.now() + ctx.settings.phaseBudgetMs);
  const f = await blockFigures(ctx.db.sql, BLOCKS.latency);
  const figures: LatencyFigures = {
    targetPerSec: ratePerSec,
    offeredPerSec: r.openLoop?.offeredPerSec ?? 0,
    generatorMaxLagMs: r.openLoop?.maxLagMs ?? 0,
    messages: f.n,
    acceptToSentMs: f.acceptToSent,
    acceptToDeliveredMs: f.acceptToDelivered,
  };
  if (figures.generatorMaxLagMs > 100)
    ctx.notes.push(`latency: the open-loop generator fell up to ${figures.generatorMaxLagMs} ms behind its schedule`);
  ctx.out(
    `latency       open loop ${ratePerSec} msg/s for ${seconds} s (${f.n} msgs): accept->sent p50 ${f.acceptToSent.p50} ms p99 ${f.acceptToSent.p99} ms; ` +
      `accept->delivered p50 ${f.acceptToDelivered.p50} ms p99 ${f.acceptToDelivered.p99} ms`,
  );
  return figures;
}
