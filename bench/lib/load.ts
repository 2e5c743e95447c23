/** Starting a load generator process and measuring a window of work across processes. */
import type { LoadResult, LoadSpec } from '../procs/loadgen.js';
import { start, type Child } from './children.js';
import { backendPids, type BenchDatabase } from './database.js';
import { cpuDelta, snapshotCpu, type Roles } from './procstat.js';
import { commandDelta, type BenchRedis } from './redis.js';

export type { LoadResult, LoadSpec };

export interface Loadgen {
  child: Child;
  run(spec: LoadSpec): Promise<LoadResult>;
  stop(): Promise<void>;
}

/** A fresh load generator process (its start-up CPU stays outside any measured window). */
export async function startLoadgen(): Promise<Loadgen> {
  const child = start('loadgen', 'bench/procs/loadgen.ts', [], { ipc: true });
  await child.ready(60_000);
  return {
    child,
    run: (spec) => child.request<LoadResult>('run', spec, spec.budgetMs + 120_000),
    stop: () => child.stop(5000),
  };
}

export interface Window {
  wallMs: number;
  /** CPU milliseconds per role, `postgres` being the backends serving the bench database. */
  cpuMs: Record<string, number>;
  redis: { total: number; byCommand: Record<string, number> };
}

/**
 * Runs `work` and measures what every process did meanwhile: CPU per role from /proc (plus the
 * PostgreSQL backends of the bench database and redis-server), and Redis commands from
 * `INFO commandstats` on the bench's private Redis.
 */
export async function measureWindow<T>(
  db: BenchDatabase,
  redis: BenchRedis,
  roles: Roles,
  work: () => Promise<T>,
): Promise<{ result: T; window: Window }> {
  const withServers = async (): Promise<Roles> => ({
    ...roles,
    postgres: await backendPids(db.sql, db.name),
    ...(redis.pid !== undefined ? { redis: [redis.pid] } : {}),
  });
  const statsBefore = await redis.commandStats();
  const before = snapshotCpu(await withServers());
  const t0 = performance.now();
  const result = await work();
  const wallMs = performance.now() - t0;
  const after = snapshotCpu(await withServers());
  const statsAfter = await redis.commandStats();
  return { result, window: { wallMs, cpuMs: cpuDelta(before, after), redis: commandDelta(statsBefore, statsAfter) } };
}

/** CPU microseconds per message per role, rounded. */
export function perMessageUs(cpuMs: Record<string, number>, messages: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [role, ms] of Object.entries(cpuMs)) out[role] = messages > 0 ? Math.round((ms * 1000) / messages) : 0;
  return out;
}
