/**
 * The counting pass: statements, Redis commands and WAL bytes per message, counted. The API and
 * one worker reach PostgreSQL and Redis through the counting proxy (one listener per process
 * and protocol), so every statement is attributed to the process that sent it. The gateway's
 * send queue is paused (BullMQ's own pause, from outside) while accepting, so the windows
 * separate the accept cost from the send + delivery-report cost at max load; a steady window at
 * half the measured rate (open loop, queue running) gives the all-in cost per message, the
 * headline (group commit makes max-load figures lower than steady ones):
 *   idle -> steady -> pause, accept singles -> resume, drain -> pause, accept batches -> resume, drain.
 */
import { Queue } from 'bullmq';
import { start, type Child } from '../lib/children.js';
import type { Context } from '../lib/context.js';
import { holdWal, ownWalBytes, walBytes, walLsn } from '../lib/database.js';
import { startLoadgen } from '../lib/load.js';
import { sleep } from '../lib/net.js';
import { DEFAULT_GATEWAY, sendQueueName } from '../lib/product.js';
import { commandDelta } from '../lib/redis.js';
import type { ListenerCounts } from '../procs/count-proxy.js';
import { BLOCKS } from '../workload.js';
import { account, batches, drained, freshStack, noteWarnings, singles, warmup } from './common.js';

type Snapshot = Record<string, ListenerCounts>;

/** What one window cost, per process and in total. */
export interface WindowCount {
  messages: number;
  seconds: number;
  /** Q + E (statements executed) per process. */
  statements: Record<string, number>;
  /** Q + S (client round trips) per process. */
  roundTrips: Record<string, number>;
  /** P (statements parsed, i.e. not reused prepared) per process. */
  parses: Record<string, number>;
  /** Top-level commands each process sent (pipelined ones each count). */
  redisClientCommands: Record<string, number>;
  /** INFO commandstats total (commands run inside Lua scripts included), all processes. */
  redisServerCalls: number;
  redisTopCommands: Record<string, number>;
  /** The whole server's WAL (LSN difference): other databases' writes included. */
  serverWalBytes: number;
  /** WAL records of the bench database (pg_walinspect), or the server's figure without it. */
  walBytes: number;
  /** Of `walBytes`, full-page images (0 when only the server's figure is known). */
  walFpiBytes: number;
}

export interface CountingFigures {
  /** Messages of the steady window, at `steadyPerSec`. */
  messages: number;
  steadyPerSec: number;
  statementsPerMessage: number;
  roundTripsPerMessage: number;
  redisCommandsPerMessage: number;
  redisClientCommandsPerMessage: number;
  walBytesPerMessage: number;
  /** `database`: WAL records of the bench database only (pg_walinspect); `server`: the whole server's. */
  walSource: 'database' | 'server';
  /** Of walBytesPerMessage, full-page images written after checkpoints (database source only). */
  walFpiBytesPerMessage: number;
  /** The same, summed over the max-load accept and send windows. */
  maxLoad: {
    statementsPerMessage: number;
    roundTripsPerMessage: number;
    redisCommandsPerMessage: number;
    redisClientCommandsPerMessage: number;
    walBytesPerMessage: number;
  };
  windows: Record<string, WindowCount>;
  /** Per message, by window and process, e.g. acceptStatements.api. */
  perMessage: Record<string, Record<string, number>>;
  opaqueConnections: number;
}

const pgTarget = (url: string) => Number(new URL(url).port || 5432);
const redisTarget = (url: string) => Number(new URL(url).port || 6379);
const withPort = (url: string, port: number) => {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
};

/**
 * Per process (listener "api-pg" -> "api"), the growth of the `keys` counts (all counts when
 * omitted) of the listeners of `kind` between two snapshots.
 */
function diff(before: Snapshot, after: Snapshot, kind: 'pg' | 'redis', keys?: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, c] of Object.entries(after)) {
    if (c.kind !== kind) continue;
    const role = name.split('-')[0] ?? name;
    let grown = 0;
    for (const k of keys ?? Object.keys(c.counts)) grown += (c.counts[k] ?? 0) - (before[name]?.counts[k] ?? 0);
    out[role] = (out[role] ?? 0) + grown;
  }
  return out;
}

const per = (v: number, n: number) => (n > 0 ? Math.round((v / n) * 100) / 100 : 0);
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export async function runCounting(ctx: Context, steadyPerSec: number): Promise<CountingFigures> {
  const s = ctx.settings;
  const pgPort = pgTarget(ctx.db.url);
  const redisPort = redisTarget(ctx.redis.url);
  const proxy: Child = start('count-proxy', 'bench/procs/count-proxy.ts', [], {
    ipc: true,
    env: {
      BENCH_PROXY: JSON.stringify([
        { name: 'api-pg', kind: 'pg', targetPort: pgPort },
        { name: 'worker-pg', kind: 'pg', targetPort: pgPort },
        { name: 'api-redis', kind: 'redis', targetPort: redisPort },
        { name: 'worker-redis', kind: 'redis', targetPort: redisPort },
      ]),
    },
  });
  const queue = new Queue(sendQueueName(DEFAULT_GATEWAY), { connection: ctx.redis.client, prefix: ctx.product.prefix });
  let stack: Awaited<ReturnType<typeof freshStack>> | undefined;
  let lg: Awaited<ReturnType<typeof startLoadgen>> | undefined;
  let walHold: Awaited<ReturnType<typeof holdWal>>;
  try {
    const { ports } = await proxy.ready<{ ports: Record<string, number> }>(60_000);
    const port = (name: string) => ports[name] ?? 0;
    stack = await freshStack(ctx, {
      workers: 1,
      api: { dbUrl: withPort(ctx.db.url, port('api-pg')), redisUrl: withPort(ctx.redis.url, port('api-redis')) },
      worker: { dbUrl: withPort(ctx.db.url, port('worker-pg')), redisUrl: withPort(ctx.redis.url, port('worker-redis')) },
    });
    const st = stack;
    lg = await startLoadgen();
    const gen = lg;
    await warmup(ctx, st, gen, true);

    const windows: Record<string, WindowCount> = {};
    let walSource: 'database' | 'server' = 'database';
    const measure = async (name: string, messages: number, work: () => Promise<void>) => {
      const p0 = await proxy.request<Snapshot>('snapshot');
      const r0 = await ctx.redis.commandStats();
      const w0 = await walLsn(ctx.db.sql);
      const t0 = performance.now();
      await work();
      const seconds = (performance.now() - t0) / 1000;
      const p1 = await proxy.request<Snapshot>('snapshot');
      const r1 = await ctx.redis.commandStats();
      const w1 = await walLsn(ctx.db.sql);
      const redis = commandDelta(r0, r1);
      const serverWal = await walBytes(ctx.db.sql, w0, w1);
      const own = await ownWalBytes(ctx.db, w0, w1);
      if ('error' in own && walSource === 'database') {
        walSource = 'server';
        ctx.notes.push(`count: WAL of the bench database alone not measurable (${own.error}); WAL figures are the whole server's`);
      }
      windows[name] = {
        messages,
        seconds: Math.round(seconds * 10) / 10,
        statements: diff(p0, p1, 'pg', ['Q', 'E']),
        roundTrips: diff(p0, p1, 'pg', ['Q', 'S']),
        parses: diff(p0, p1, 'pg', ['P']),
        redisClientCommands: diff(p0, p1, 'redis'),
        redisServerCalls: redis.total,
        redisTopCommands: Object.fromEntries(Object.entries(redis.byCommand).slice(0, 8)),
        serverWalBytes: serverWal,
        walBytes: 'own' in own ? own.own : serverWal,
        walFpiBytes: 'own' in own ? own.ownFpi : 0,
      };
    };

    walHold = await holdWal(ctx.db);
    await measure('idle', 0, () => sleep(3000));
    const m = s.countN;
    let steady = 0;
    await measure('steady', m, async () => {
      const spec = singles(ctx, st, BLOCKS.countSteady, m, { ratePerSec: steadyPerSec, concurrency: Math.max(64, s.concurrency) });
      steady = account(ctx, 'count steady', await gen.run(spec)).accepted;
      await drained(ctx, 'count steady', BLOCKS.countSteady, steady, Date.now() + s.phaseBudgetMs);
    });
    await queue.pause();
    let accepted = 0;
    await measure('accept', m, async () => {
      accepted = account(ctx, 'count accept', await gen.run(singles(ctx, st, BLOCKS.countSingle, m))).accepted;
    });
    await measure('send', m, async () => {
      await queue.resume();
      await drained(ctx, 'count send', BLOCKS.countSingle, accepted, Date.now() + s.phaseBudgetMs);
    });
    await queue.pause();
    const requests = Math.max(1, Math.min(s.batchRequests, Math.ceil(m / s.batchSize)));
    let batchAccepted = 0;
    await measure('acceptBatch', requests * s.batchSize, async () => {
      batchAccepted = account(ctx, 'count batch', await gen.run(batches(ctx, st, BLOCKS.countBatch, requests))).accepted;
    });
    await measure('sendBatch', requests * s.batchSize, async () => {
      await queue.resume();
      await drained(ctx, 'count batch send', BLOCKS.countBatch, batchAccepted, Date.now() + s.phaseBudgetMs);
    });
    noteWarnings(ctx, 'count', st);

    const st0 = windows['steady'];
    const a = windows['accept'];
    const d = windows['send'];
    const ab = windows['acceptBatch'];
    const db = windows['sendBatch'];
    if (!st0 || !a || !d || !ab || !db) throw new Error('counting windows missing');
    const both = (f: (w: WindowCount) => number) => f(a) + f(d);
    // One source for every WAL figure: if any window could not be attributed, all use the server's.
    const wal = (w: WindowCount) => (walSource === 'database' ? w.walBytes : w.serverWalBytes);
    const perMessage: Record<string, Record<string, number>> = {};
    for (const [key, w, n] of [
      ['steady', st0, steady],
      ['accept', a, accepted],
      ['send', d, accepted],
      ['acceptBatch', ab, batchAccepted],
      ['sendBatch', db, batchAccepted],
    ] as const) {
      perMessage[`${key}Statements`] = Object.fromEntries(Object.entries(w.statements).map(([k, v]) => [k, per(v, n)]));
      perMessage[`${key}Parses`] = Object.fromEntries(Object.entries(w.parses).map(([k, v]) => [k, per(v, n)]));
      perMessage[`${key}RedisCommands`] = Object.fromEntries(Object.entries(w.redisClientCommands).map(([k, v]) => [k, per(v, n)]));
    }
    perMessage['acceptBatchStatementsPerRequest'] = Object.fromEntries(
      Object.entries(ab.statements).map(([k, v]) => [k, per(v, requests)]),
    );
    const idle = windows['idle'];
    if (idle)
      perMessage['idleStatementsPerSecond'] = Object.fromEntries(
        Object.entries(idle.statements).map(([k, v]) => [k, per(v, idle.seconds)]),
      );
    const snap = await proxy.request<Snapshot>('snapshot');
    const figures: CountingFigures = {
      messages: steady,
      steadyPerSec,
      statementsPerMessage: per(sum(st0.statements), steady),
      roundTripsPerMessage: per(sum(st0.roundTrips), steady),
      redisCommandsPerMessage: per(st0.redisServerCalls, steady),
      redisClientCommandsPerMessage: per(sum(st0.redisClientCommands), steady),
      walBytesPerMessage: Math.round(wal(st0) / Math.max(1, steady)),
      walSource,
      walFpiBytesPerMessage: walSource === 'database' ? Math.round(st0.walFpiBytes / Math.max(1, steady)) : 0,
      maxLoad: {
        statementsPerMessage: per(
          both((w) => sum(w.statements)),
          accepted,
        ),
        roundTripsPerMessage: per(
          both((w) => sum(w.roundTrips)),
          accepted,
        ),
        redisCommandsPerMessage: per(
          both((w) => w.redisServerCalls),
          accepted,
        ),
        redisClientCommandsPerMessage: per(
          both((w) => sum(w.redisClientCommands)),
          accepted,
        ),
        walBytesPerMessage: Math.round(both(wal) / Math.max(1, accepted)),
      },
      windows,
      perMessage,
      opaqueConnections: Object.values(snap).reduce((x, c) => x + c.opaque, 0),
    };
    if (figures.opaqueConnections > 0)
      ctx.failures.push(`count: ${figures.opaqueConnections} connections could not be parsed by the counting proxy`);
    ctx.out(
      `count steady  ${steady} msgs at ${steadyPerSec}/s: ${figures.statementsPerMessage} statements/msg ${JSON.stringify(perMessage['steadyStatements'])}, ` +
        `parsed (not reused prepared) ${JSON.stringify(perMessage['steadyParses'])}; ` +
        `round trips ${figures.roundTripsPerMessage}/msg; Redis ${figures.redisCommandsPerMessage} calls/msg (${figures.redisClientCommandsPerMessage} sent by clients); ` +
        `WAL ${figures.walBytesPerMessage} B/msg (${walSource === 'database' ? `this database, ${figures.walFpiBytesPerMessage} of it full-page images` : 'whole server'}; ` +
        `server-wide ${Math.round(st0.serverWalBytes / Math.max(1, steady))})`,
    );
    ctx.out(
      `count max     ${accepted} msgs: ${figures.maxLoad.statementsPerMessage} statements/msg (accept ${JSON.stringify(perMessage['acceptStatements'])}, ` +
        `send+report ${JSON.stringify(perMessage['sendStatements'])}); Redis ${figures.maxLoad.redisCommandsPerMessage} calls/msg; WAL ${figures.maxLoad.walBytesPerMessage} B/msg`,
    );
    ctx.out(
      `count batch   ${requests} x ${s.batchSize}: API statements per request ${JSON.stringify(perMessage['acceptBatchStatementsPerRequest'])}, ` +
        `send+report ${JSON.stringify(perMessage['sendBatchStatements'])} per msg`,
    );
    return figures;
  } finally {
    await walHold?.release();
    await queue.resume().catch(() => undefined);
    await queue.close();
    await lg?.stop();
    await stack?.stop();
    await proxy.stop(5000);
  }
}
