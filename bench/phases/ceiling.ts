/**
 * The yardstick, measured in the same run on the same machine: the bare-library pipeline of
 * bench/ceiling/ (Fastify -> Queue.add -> Worker -> undici -> 5 ms gateway -> one INSERT), each
 * part its own process. It runs right before the product's e2e run, so both see about the same
 * neighbours. The bare accept baselines run interleaved with the product's (phases/accept.ts).
 */
import { start, type Child } from '../lib/children.js';
import type { Context } from '../lib/context.js';
import { measureWindow, perMessageUs, startLoadgen, type LoadResult } from '../lib/load.js';
import { rate } from '../lib/messages.js';
import { sleep } from '../lib/net.js';
import { peakRss } from '../lib/procstat.js';
import { deletePrefix } from '../lib/redis.js';
import { blockPrefix } from '../workload.js';

export interface CeilingFigures {
  ceilingMsgPerSec: number;
  pipeline: {
    n: number;
    sent: number;
    cpuUsPerMessage: Record<string, number>;
    redisCommandsPerMessage: number;
    rssMB: Record<string, number>;
  };
}

/** Recipient blocks of the ceiling's tables (the product's are in workload.ts). */
export const CEILING_BLOCKS = { warmup: 60, pipeline: 61, accept: 62, batch: 63 } as const;

/** Messages per second as the client saw it: accepted over the load generator's wall time. */
export const clientRate = (r: LoadResult) => rate(r.accepted, r.wallMs);

/** The ceiling's BullMQ prefix and the environment of its processes. */
function ceilingEnv(ctx: Context): { prefix: string; env: Record<string, string> } {
  const prefix = `${ctx.product.prefix}-ceiling`;
  return { prefix, env: { BENCH_REDIS_URL: ctx.redis.url, BENCH_PREFIX: prefix, BENCH_DB_URL: ctx.db.url } };
}

/** The bare API alone (accept-only and batch routes), for the interleaved accept baselines. */
export async function startBareApi(ctx: Context): Promise<{ url: string; child: Child; stop(): Promise<void> }> {
  const { prefix, env } = ceilingEnv(ctx);
  const child = start('ceiling-api', 'bench/ceiling/api.ts', [], { ipc: true, env });
  const { url } = await child.ready<{ url: string }>(60_000);
  return {
    url,
    child,
    async stop() {
      await child.stop(10_000);
      await deletePrefix(ctx.redis.client, prefix);
    },
  };
}

async function waitRows(ctx: Context, block: number, expected: number, deadline: number): Promise<number> {
  for (;;) {
    const [row] = await ctx.db.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM bench_ceiling_sent WHERE left("to", 7) = ${blockPrefix(block)}`;
    const n = row?.n ?? 0;
    if (n >= expected || Date.now() > deadline) return n;
    await sleep(250);
  }
}

export async function runCeiling(ctx: Context): Promise<CeilingFigures> {
  const s = ctx.settings;
  const { prefix, env } = ceilingEnv(ctx);
  const children: Child[] = [];
  try {
    const gateway = start('ceiling-gateway', 'bench/ceiling/gateway.ts', [], {
      ipc: true,
      env: { BENCH_LATENCY_MS: String(s.sandboxLatencyMs) },
    });
    children.push(gateway);
    const api = start('ceiling-api', 'bench/ceiling/api.ts', [], { ipc: true, env });
    children.push(api);
    const { url: gatewayUrl } = await gateway.ready<{ url: string }>(60_000);
    const { url: apiUrl } = await api.ready<{ url: string }>(60_000);
    const worker = start('ceiling-worker', 'bench/ceiling/worker.ts', [], {
      ipc: true,
      env: { ...env, BENCH_GATEWAY_URL: gatewayUrl, BENCH_CONCURRENCY: String(Number(process.env['SMSGW_WORKER_CONCURRENCY'] ?? 20)) },
    });
    children.push(worker);
    await worker.ready(60_000);
    const lg = await startLoadgen();
    children.push(lg.child);
    const budgetMs = s.phaseBudgetMs;
    const send = (block: number, n: number) =>
      ({ baseUrl: apiUrl, path: '/send', kind: 'single', n, concurrency: s.concurrency, budgetMs, block }) as const;

    // Warm-up (JIT, connections, prepared INSERT), like the product's, not counted.
    await lg.run(send(CEILING_BLOCKS.warmup, 200));
    await waitRows(ctx, CEILING_BLOCKS.warmup, 200, Date.now() + 30_000);
    const roles = { api: [api.pid], worker: [worker.pid], sandbox: [gateway.pid], loadgen: [lg.child.pid] };
    const { result, window } = await measureWindow(ctx.db, ctx.redis, roles, async () => {
      const load = await lg.run(send(CEILING_BLOCKS.pipeline, s.n));
      const sent = await waitRows(ctx, CEILING_BLOCKS.pipeline, load.accepted, Math.min(Date.now() + budgetMs, ctx.deadline));
      return { load, sent };
    });
    const [span] = await ctx.db.sql<{ ms: number | null }[]>`
      SELECT (extract(epoch FROM max(sent_at) - min(accepted_at)) * 1000)::float8 AS ms
      FROM bench_ceiling_sent WHERE left("to", 7) = ${blockPrefix(CEILING_BLOCKS.pipeline)}`;
    const ceilingMsgPerSec = rate(result.sent, span?.ms ?? Number.NaN);
    if (result.sent < result.load.accepted)
      ctx.notes.push(`ceiling: only ${result.sent} of ${result.load.accepted} messages stored within the budget`);
    const rssMB = peakRss(roles);
    ctx.out(
      `ceiling       pipeline ${ceilingMsgPerSec} msg/s (${result.sent} stored of ${result.load.accepted} accepted, accepted ${clientRate(result.load)} msg/s)`,
    );
    return {
      ceilingMsgPerSec,
      pipeline: {
        n: result.load.accepted,
        sent: result.sent,
        cpuUsPerMessage: perMessageUs(window.cpuMs, result.sent),
        redisCommandsPerMessage: Math.round((window.redis.total / Math.max(1, result.sent)) * 10) / 10,
        rssMB,
      },
    };
  } finally {
    await Promise.all(children.map((c) => c.stop(10_000)));
    await deletePrefix(ctx.redis.client, prefix);
  }
}
