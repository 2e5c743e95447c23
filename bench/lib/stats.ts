/** Small numeric helpers for the benchmark: percentiles, sliding and fixed windows, rounding. */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Percentiles of latencies in milliseconds, rounded to 0.1 ms. */
export function summarize(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted[sorted.length - 1] ?? 0, 1),
    mean: round(sorted.length === 0 ? 0 : sum / sorted.length, 1),
  };
}

/**
 * The most events falling in any window of `windowMs` (a sliding window anchored at each event,
 * end exclusive): what a provider counting "per second" from any instant would see.
 */
export function maxInWindow(timesMs: readonly number[], windowMs: number): number {
  const sorted = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    const from = sorted[start] ?? 0;
    while (end < sorted.length && (sorted[end] ?? 0) < from + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

/** The most events in consecutive fixed windows of `windowMs` starting at the first event. */
export function maxInFixedWindows(timesMs: readonly number[], windowMs: number): number {
  if (timesMs.length === 0) return 0;
  const first = Math.min(...timesMs);
  const counts = new Map<number, number>();
  for (const t of timesMs) {
    const w = Math.floor((t - first) / windowMs);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return Math.max(...counts.values());
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
