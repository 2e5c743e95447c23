/**
 * CPU time and memory of processes, read from /proc, so every process (the product's, Redis,
 * PostgreSQL backends, the bench's own) is measured the same way and from outside.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime (almost always 100, i.e. 10 ms resolution). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU milliseconds of `pid` so far, or undefined when it is gone or unreadable. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Peak resident set (VmHWM) and current resident set (VmRSS) in MiB. */
export function memoryMB(pid: number): { peak: number; current: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { peak: Math.round(kb('VmHWM') / 102.4) / 10, current: Math.round(kb('VmRSS') / 102.4) / 10 };
  } catch {
    return undefined;
  }
}

/** Named groups of processes (a role may have several: two workers, many PostgreSQL backends). */
export type Roles = Record<string, readonly number[]>;

export type CpuSnapshot = Record<string, Map<number, number>>;

export function snapshotCpu(roles: Roles): CpuSnapshot {
  const snap: CpuSnapshot = {};
  for (const [role, pids] of Object.entries(roles)) {
    const m = new Map<number, number>();
    for (const pid of pids) {
      const ms = cpuMs(pid);
      if (ms !== undefined) m.set(pid, ms);
    }
    snap[role] = m;
  }
  return snap;
}

/**
 * CPU milliseconds each role used between two snapshots. A process seen only in `after` (a
 * PostgreSQL backend opened meanwhile) counts whole; one gone by `after` is lost (noted in README).
 */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [role, now] of Object.entries(after)) {
    let sum = 0;
    for (const [pid, ms] of now) sum += ms - (before[role]?.get(pid) ?? 0);
    out[role] = sum;
  }
  return out;
}

/** Peak RSS per role in MiB (the sum over a role's processes). */
export function peakRss(roles: Roles): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [role, pids] of Object.entries(roles)) {
    let sum = 0;
    for (const pid of pids) sum += memoryMB(pid)?.peak ?? 0;
    out[role] = Math.round(sum * 10) / 10;
  }
  return out;
}
