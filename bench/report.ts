/** The readable table and the one-line JSON summary (always the last line printed). */
import type { AcceptFigures } from './phases/accept.js';
import type { CeilingFigures } from './phases/ceiling.js';
import type { CountingFigures } from './phases/counting.js';
import type { E2eFigures, LatencyFigures } from './phases/e2e.js';
import type { RateLimitFigures } from './phases/rate-limit.js';
import type { SmppFigures } from './phases/smpp.js';

export interface Results {
  ceiling?: CeilingFigures;
  accept?: AcceptFigures;
  e2e?: E2eFigures;
  latency?: LatencyFigures;
  workers2?: E2eFigures;
  counting?: CountingFigures;
  rateLimit?: RateLimitFigures;
  smpp?: SmppFigures;
  /** The N-message run just before the large one (the pair compared for flatness). */
  scaleSmall?: E2eFigures;
  scale?: E2eFigures;
  correctness?: {
    lost: number;
    duplicates: number;
    undelivered: number;
    strangers: number;
    missingRows: number;
    statuses: Record<string, number>;
  };
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : null;
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function scaleSummary(r: Results): Record<string, unknown> {
  const point = (f: E2eFigures | undefined) =>
    f
      ? {
          requested: f.requested,
          reached: f.accepted,
          sentPerSec: f.sentPerSec,
          deliveredPerSec: f.deliveredPerSec,
          apiRssMB: f.rssMB['api'] ?? null,
          workerRssMB: f.rssMB['worker'] ?? null,
        }
      : null;
  const small = r.scaleSmall;
  return {
    small: point(small),
    large: point(r.scale),
    throughputRatio: ratio(r.scale?.sentPerSec, small?.sentPerSec),
    apiRssRatio: ratio(r.scale?.rssMB['api'], small?.rssMB['api']),
    workerRssRatio: ratio(r.scale?.rssMB['worker'], small?.rssMB['worker']),
  };
}

/** The one-line summary: the keys the brief asks for, null where a phase did not run. */
export function summaryLine(r: Results, machine: Record<string, unknown>, ok: boolean): Record<string, unknown> {
  const e2e = r.e2e?.sentPerSec;
  const ceiling = r.ceiling?.ceilingMsgPerSec;
  return {
    e2eMsgPerSec: orNull(e2e),
    ceilingMsgPerSec: orNull(ceiling),
    ratio: ratio(e2e, ceiling),
    e2eDeliveredPerSec: orNull(r.e2e?.deliveredPerSec),
    acceptPerSec: orNull(r.accept?.acceptPerSec),
    bareAcceptPerSec: orNull(r.accept?.bareAcceptPerSec),
    acceptRatio: ratio(r.accept?.acceptPerSec, r.accept?.bareAcceptPerSec),
    batchAcceptPerSec: orNull(r.accept?.batchAcceptPerSec),
    bareBatchPerSec: orNull(r.accept?.bareBatchPerSec),
    batchRatio: ratio(r.accept?.batchAcceptPerSec, r.accept?.bareBatchPerSec),
    drainMsgPerSec: orNull(r.accept?.drainMsgPerSec),
    p50AcceptToSentMs: orNull(r.latency?.acceptToSentMs.p50),
    p99AcceptToSentMs: orNull(r.latency?.acceptToSentMs.p99),
    p99AcceptToDeliveredMs: orNull(r.latency?.acceptToDeliveredMs.p99),
    statementsPerMessage: orNull(r.counting?.statementsPerMessage),
    redisCommandsPerMessage: orNull(r.counting?.redisCommandsPerMessage),
    walBytesPerMessage: orNull(r.counting?.walBytesPerMessage),
    walFpiBytesPerMessage: orNull(r.counting?.walFpiBytesPerMessage),
    cpuUsPerMessage: orNull(r.e2e?.cpuUsPerMessage),
    rssMB: orNull(r.e2e?.rssMB),
    workers2MsgPerSec: orNull(r.workers2?.sentPerSec),
    scale: scaleSummary(r),
    rateLimit: r.rateLimit
      ? {
          max: r.rateLimit.limit.max,
          spreadMs: r.rateLimit.spreadMs,
          idealMs: r.rateLimit.idealMs,
          busiestSecond: r.rateLimit.busiestSlidingWindow,
          busiestFixedSecond: r.rateLimit.busiestFixedWindow,
        }
      : null,
    smppSubmitPerSec: r.smpp ?? null,
    lost: orNull(r.correctness?.lost),
    duplicates: orNull(r.correctness?.duplicates),
    undelivered: orNull(r.correctness?.undelivered),
    ok,
    machine,
  };
}

function table(rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) =>
    r.map((c) => (c === null || c === undefined || (typeof c === 'number' && Number.isNaN(c)) ? '-' : String(c))),
  );
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

export function readableTable(r: Results): string {
  const c = r.counting;
  const main = table([
    ['figure', 'product', 'bare', 'ratio'],
    [
      'e2e sent msg/s (max load, 1 worker)',
      r.e2e?.sentPerSec,
      r.ceiling?.ceilingMsgPerSec,
      ratio(r.e2e?.sentPerSec, r.ceiling?.ceilingMsgPerSec),
    ],
    ['e2e delivered msg/s', r.e2e?.deliveredPerSec, null, null],
    [
      `e2e sent msg/s (${r.workers2?.workers ?? 2} workers)`,
      r.workers2?.sentPerSec,
      null,
      ratio(r.workers2?.sentPerSec, r.e2e?.sentPerSec),
    ],
    [
      'accept msg/s (single POST, API only)',
      r.accept?.acceptPerSec,
      r.accept?.bareAcceptPerSec,
      ratio(r.accept?.acceptPerSec, r.accept?.bareAcceptPerSec),
    ],
    [
      'accept msg/s (batches of 1000)',
      r.accept?.batchAcceptPerSec,
      r.accept?.bareBatchPerSec,
      ratio(r.accept?.batchAcceptPerSec, r.accept?.bareBatchPerSec),
    ],
    ['drain msg/s (backlog, no arrivals)', r.accept?.drainMsgPerSec, null, null],
    [
      'accept->sent p50 / p99 ms (50% load)',
      r.latency ? `${r.latency.acceptToSentMs.p50} / ${r.latency.acceptToSentMs.p99}` : null,
      null,
      null,
    ],
    [
      'accept->delivered p50 / p99 ms',
      r.latency ? `${r.latency.acceptToDeliveredMs.p50} / ${r.latency.acceptToDeliveredMs.p99}` : null,
      null,
      null,
    ],
    ['statements / msg (Q+E, 50% load)', c?.statementsPerMessage, c ? 1 : null, null],
    ['statements / msg (max load)', c?.maxLoad.statementsPerMessage, c ? 1 : null, null],
    ['DB round trips / msg (Q+Sync, 50% load)', c?.roundTripsPerMessage, null, null],
    [
      'Redis calls / msg (commandstats, max load)',
      r.e2e?.redisCommandsPerMessage,
      r.ceiling?.pipeline.redisCommandsPerMessage,
      ratio(r.e2e?.redisCommandsPerMessage, r.ceiling?.pipeline.redisCommandsPerMessage),
    ],
    ['Redis calls / msg (commandstats, 50% load)', c?.redisCommandsPerMessage, null, null],
    ['Redis commands sent / msg (50% load)', c?.redisClientCommandsPerMessage, null, null],
    [`WAL bytes / msg (${c?.walSource === 'server' ? 'whole server' : 'bench database'}, 50% load)`, c?.walBytesPerMessage, null, null],
    ['  of which full-page images', c?.walSource === 'database' ? c.walFpiBytesPerMessage : null, null, null],
    [
      'scale sent msg/s (small -> large)',
      r.scale ? `${r.scaleSmall?.sentPerSec ?? '-'} -> ${r.scale.sentPerSec}` : null,
      null,
      ratio(r.scale?.sentPerSec, r.scaleSmall?.sentPerSec),
    ],
    [
      'scale messages (small -> large/requested)',
      r.scale ? `${r.scaleSmall?.accepted ?? '-'} -> ${r.scale.accepted}/${r.scale.requested}` : null,
      null,
      null,
    ],
    [
      'rate limit busiest second / limit',
      r.rateLimit ? `${r.rateLimit.busiestSlidingWindow} / ${r.rateLimit.limit.max}` : null,
      null,
      null,
    ],
    ['rate limit first->last ms / ideal', r.rateLimit ? `${r.rateLimit.spreadMs} / ${r.rateLimit.idealMs}` : null, null, null],
    [
      'lost / duplicated / undelivered',
      r.correctness ? `${r.correctness.lost} / ${r.correctness.duplicates} / ${r.correctness.undelivered}` : null,
      null,
      null,
    ],
  ]);
  const roles = ['api', 'worker', 'sandbox', 'postgres', 'redis', 'loadgen'];
  const cpu = r.e2e?.cpuUsPerMessage ?? {};
  const bare = r.ceiling?.pipeline.cpuUsPerMessage ?? {};
  const rows: (string | number | null | undefined)[][] = [
    ['process', 'CPU us/msg', 'bare CPU us/msg', 'peak RSS MB', 'RSS scale small', 'RSS scale large'],
  ];
  for (const role of roles) {
    if (cpu[role] === undefined && bare[role] === undefined) continue;
    rows.push([role, cpu[role], bare[role], r.e2e?.rssMB[role], r.scaleSmall?.rssMB[role], r.scale?.rssMB[role]]);
  }
  // The load generator is the client, not the system: left out of the total.
  const total = (m: Record<string, number>) => Object.entries(m).reduce((a, [k, v]) => (k === 'loadgen' ? a : a + v), 0);
  rows.push(['total (without loadgen)', total(cpu), total(bare), null, null, null]);
  return `${main}\n\n${table(rows)}`;
}
