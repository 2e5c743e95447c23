import { monitorEventLoopDelay } from 'node:perf_hooks';
import { round } from './stats.js';

export interface ProcessLoad {
  /** CPU time of this process (user + system) over wall time; 100 = one core busy all along. */
  cpuPercent: number;
  /** Event loop delay: how late timers ran, a direct measure of in-process queueing. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/**
 * Measures this process while `work` runs: whether it was busy (CPU) and how long callbacks
 * waited for the event loop. Low CPU with a slow result means waiting on something outside
 * (the database, Redis, or a machine shared with other work).
 */
export async function withProcessLoad<T>(work: () => Promise<T>): Promise<{ result: T; load: ProcessLoad }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - start;
    return {
      result,
      load: {
        cpuPercent: Math.round(((used.user + used.system) / 1000 / wallMs) * 100),
        loopDelayP99Ms: round(histogram.percentile(99) / 1e6, 1),
        loopDelayMaxMs: round(histogram.max / 1e6, 1),
      },
    };
  } finally {
    histogram.disable();
  }
}

/** The suffix printed after a scenario's line. */
export function describeLoad(load: ProcessLoad): string {
  return `[process cpu ${load.cpuPercent}%, event loop delay p99 ${load.loopDelayP99Ms} ms, max ${load.loopDelayMaxMs} ms]`;
}
