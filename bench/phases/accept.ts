/**
 * Accept only, against the bare baselines: the product's API process alone (no worker runs, so
 * nothing competes for the cores) next to the ceiling's bare API. They take turns in two rounds
 * (bare, product; then product, bare), each with half the messages: on a machine whose
 * neighbours come and go, a ratio is only fair between runs close in time. Rates are pooled over
 * the rounds (messages / wall time). Then workers start and drain the backlog: that drain is the
 * send path's rate with nothing else arriving.
 */
import type { Context } from '../lib/context.js';
import { measureWindow, perMessageUs, startLoadgen, type LoadResult, type LoadSpec } from '../lib/load.js';
import { blockFigures, rate } from '../lib/messages.js';
import { DEFAULT_GATEWAY } from '../lib/product.js';
import { BLOCKS } from '../workload.js';
import { CEILING_BLOCKS, clientRate, startBareApi } from './ceiling.js';
import { account, batches, drained, freshStack, noteWarnings, singles, warmup } from './common.js';

export interface AcceptFigures {
  acceptPerSec: number;
  bareAcceptPerSec: number;
  batchAcceptPerSec: number;
  bareBatchPerSec: number;
  /** Per round, for judging the noise: [product, bare] messages per second. */
  rounds: { single: [number, number][]; batch: [number, number][] };
  /** Sent per second while the workers drained the accepted backlog (nothing else arriving). */
  drainMsgPerSec: number;
  single: { accepted: number; clientLatencyMs: { p50: number; p99: number }; cpuUsPerMessage: Record<string, number> };
  batch: { accepted: number; requests: number; clientLatencyMs: { p50: number; p99: number }; cpuUsPerMessage: Record<string, number> };
}

const ROUNDS = 2;
const pooled = (runs: LoadResult[]) =>
  rate(
    runs.reduce((a, r) => a + r.accepted, 0),
    runs.reduce((a, r) => a + r.wallMs, 0),
  );
const addCpu = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

export async function runAccept(ctx: Context): Promise<AcceptFigures> {
  const s = ctx.settings;
  const stack = await freshStack(ctx, { workers: 0 });
  const bare = await startBareApi(ctx).catch(async (err: unknown) => {
    await stack.stop();
    throw err;
  });
  const lg = await startLoadgen();
  try {
    const warm = await warmup(ctx, stack, lg, false);
    const half = Math.ceil(s.n / ROUNDS);
    const batchHalf = Math.max(1, Math.ceil(s.batchRequests / ROUNDS));
    const bareSingle = (offset: number): LoadSpec => ({
      baseUrl: bare.url,
      path: '/accept',
      kind: 'single',
      n: half,
      offset,
      concurrency: s.concurrency,
      budgetMs: s.phaseBudgetMs,
      block: CEILING_BLOCKS.accept,
    });
    const bareBatch = (offset: number): LoadSpec => ({
      ...bareSingle(offset),
      path: '/batch',
      kind: 'batch',
      n: batchHalf * s.batchSize,
      batchSize: s.batchSize,
      concurrency: s.batchConcurrency,
      block: CEILING_BLOCKS.batch,
    });
    // The bare API's warm-up: JIT, connections, its prepared multi-row INSERT.
    await lg.run({ ...bareSingle(900_000), n: 500 });
    await lg.run({ ...bareBatch(900_000), n: s.batchSize });

    const roles = { ...stack.roles(), loadgen: [lg.child.pid] };
    const runs = { single: [] as LoadResult[], bareSingle: [] as LoadResult[], batch: [] as LoadResult[], bareBatch: [] as LoadResult[] };
    const cpu = { single: {} as Record<string, number>, batch: {} as Record<string, number> };
    const product = async (spec: LoadSpec, into: LoadResult[], cpuInto: Record<string, number>, what: string) => {
      const { result, window } = await measureWindow(ctx.db, ctx.redis, roles, () => lg.run(spec));
      into.push(account(ctx, what, result));
      addCpu(cpuInto, window.cpuMs);
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so a trend in the neighbours' load favours neither.
      const productFirst = round % 2 === 1;
      const single = singles(ctx, stack, BLOCKS.acceptSingle, half, { offset: round * half });
      const batch = { ...batches(ctx, stack, BLOCKS.acceptBatch, batchHalf), offset: round * batchHalf * s.batchSize };
      if (productFirst) await product(single, runs.single, cpu.single, 'accept');
      runs.bareSingle.push(await lg.run(bareSingle(round * half)));
      if (!productFirst) await product(single, runs.single, cpu.single, 'accept');
      if (productFirst) await product(batch, runs.batch, cpu.batch, 'accept batch');
      runs.bareBatch.push(await lg.run(bareBatch(round * batchHalf * s.batchSize)));
      if (!productFirst) await product(batch, runs.batch, cpu.batch, 'accept batch');
    }
    const acceptedSingle = runs.single.reduce((a, r) => a + r.accepted, 0);
    const acceptedBatch = runs.batch.reduce((a, r) => a + r.accepted, 0);
    const figures = {
      acceptPerSec: pooled(runs.single),
      bareAcceptPerSec: pooled(runs.bareSingle),
      batchAcceptPerSec: pooled(runs.batch),
      bareBatchPerSec: pooled(runs.bareBatch),
    };
    const pairs = (p: LoadResult[], b: LoadResult[]) => p.map((r, i): [number, number] => [clientRate(r), clientRate(b[i] ?? r)]);
    ctx.out(
      `accept        single ${figures.acceptPerSec} msg/s vs bare ${figures.bareAcceptPerSec} (${acceptedSingle}/${half * ROUNDS}); ` +
        `batch ${figures.batchAcceptPerSec} vs bare ${figures.bareBatchPerSec} (${acceptedBatch} in ${batchHalf * ROUNDS} requests of ${s.batchSize}); ` +
        `rounds [product, bare]: single ${JSON.stringify(pairs(runs.single, runs.bareSingle))}, batch ${JSON.stringify(pairs(runs.batch, runs.bareBatch))}`,
    );

    // Everything accepted must still be delivered: start the workers and let them drain it.
    await stack.startWorkers(s.workers, [DEFAULT_GATEWAY]);
    const total = acceptedSingle + acceptedBatch + warm.accepted;
    await drained(ctx, 'accept drain', [BLOCKS.acceptSingle, BLOCKS.acceptBatch, warm.block], total, Date.now() + s.phaseBudgetMs * 2);
    const a = await blockFigures(ctx.db.sql, BLOCKS.acceptSingle);
    const b = await blockFigures(ctx.db.sql, BLOCKS.acceptBatch);
    const drainMsgPerSec = rate(a.sent + b.sent, Math.max(a.lastSentMs, b.lastSentMs) - Math.min(a.firstSentMs, b.firstSentMs));
    if (a.n !== acceptedSingle) ctx.failures.push(`accept: ${acceptedSingle} messages answered 202 but ${a.n} rows exist`);
    if (b.n !== acceptedBatch) ctx.failures.push(`accept batch: ${acceptedBatch} messages answered 202 but ${b.n} rows exist`);
    ctx.out(`accept        drain by ${s.workers} worker(s): ${drainMsgPerSec} msg/s sent`);
    noteWarnings(ctx, 'accept', stack);
    const latency = (runs: LoadResult[]) => ({
      p50: Math.max(...runs.map((r) => r.latency.p50)),
      p99: Math.max(...runs.map((r) => r.latency.p99)),
    });
    return {
      ...figures,
      rounds: { single: pairs(runs.single, runs.bareSingle), batch: pairs(runs.batch, runs.bareBatch) },
      drainMsgPerSec,
      single: {
        accepted: acceptedSingle,
        clientLatencyMs: latency(runs.single),
        cpuUsPerMessage: perMessageUs(cpu.single, acceptedSingle),
      },
      batch: {
        accepted: acceptedBatch,
        requests: batchHalf * ROUNDS,
        clientLatencyMs: latency(runs.batch),
        cpuUsPerMessage: perMessageUs(cpu.batch, acceptedBatch),
      },
    };
  } finally {
    await lg.stop();
    await bare.stop();
    await stack.stop();
  }
}
