/** The bench's knobs, all from environment variables (see bench/README.md), validated at once. */

export interface Settings {
  adminDatabaseUrl: string;
  /** An existing Redis instead of a private redis-server (then command counts include others'). */
  externalRedisUrl: string | undefined;
  redisServer: string;
  /** Messages of the ceiling, the accept-only run, and each e2e run (1 worker, 2 workers). */
  n: number;
  /** Messages of the large e2e run (throughput and RSS at scale). */
  scaleN: number;
  /** 1,000-message requests of the batch-ingest runs (product and bare). */
  batchRequests: number;
  batchSize: number;
  batchConcurrency: number;
  /** Messages of the counting pass (statements, Redis commands, WAL per message). */
  countN: number;
  /** Seconds of the open-loop latency run at half the measured max rate. */
  latencySeconds: number;
  /** Requests in flight of the closed-loop (max offered load) runs. */
  concurrency: number;
  workers: number;
  workersAlt: number;
  sandboxLatencyMs: number;
  dlrDelayMs: number;
  rate: { n: number; max: number; intervalMs: number; slack: number };
  /** Time budget of each phase's load, and of the scale run. */
  phaseBudgetMs: number;
  scaleBudgetMs: number;
  /** The whole run (the scale run shrinks to fit; the rest is abandoned past it). */
  budgetMs: number;
  logLevel: string;
  phases: Set<string>;
}

export const ALL_PHASES = ['accept', 'ceiling', 'e2e', 'workers2', 'count', 'smpp', 'ratelimit', 'scale'] as const;

/** The URL's host (not its user name or anything else) is a loopback name. */
function isLoopback(url: string, protocols: string[]): boolean {
  try {
    const u = new URL(url);
    return protocols.includes(u.protocol) && ['127.0.0.1', 'localhost'].includes(u.hostname);
  } catch {
    return false;
  }
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const v = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return Number.isInteger(v) ? v : fallback;
  };
  const n = int('BENCH_N', 10_000, 100, 1_000_000);
  const phases = new Set(
    (env['BENCH_PHASES'] ?? ALL_PHASES.join(','))
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
  for (const p of phases)
    if (!(ALL_PHASES as readonly string[]).includes(p))
      problems.push(`BENCH_PHASES: unknown phase "${p}" (known: ${ALL_PHASES.join(', ')})`);
  const settings: Settings = {
    adminDatabaseUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    externalRedisUrl: env['BENCH_REDIS_URL'] || undefined,
    redisServer: env['BENCH_REDIS_SERVER'] ?? 'redis-server',
    n,
    scaleN: int('BENCH_SCALE_N', n * 10, 100, 1_000_000),
    batchRequests: int('BENCH_BATCH_REQUESTS', Math.max(2, Math.round(n / 1000)), 1, 1000),
    batchSize: 1000,
    batchConcurrency: int('BENCH_BATCH_CONCURRENCY', 4, 1, 64),
    countN: int('BENCH_COUNT_N', Math.min(1000, n), 100, 100_000),
    latencySeconds: int('BENCH_LATENCY_S', 20, 2, 600),
    concurrency: int('BENCH_CONCURRENCY', 32, 1, 1024),
    workers: int('BENCH_WORKERS', 1, 1, 16),
    workersAlt: int('BENCH_WORKERS_ALT', 2, 1, 16),
    sandboxLatencyMs: int('BENCH_SANDBOX_LATENCY_MS', 5, 0, 10_000),
    dlrDelayMs: int('BENCH_DLR_DELAY_MS', 10, 0, 60_000),
    rate: {
      n: int('BENCH_RATE_N', 250, 10, 100_000),
      max: int('BENCH_RATE_MAX', 50, 1, 100_000),
      intervalMs: 1000,
      slack: int('BENCH_RATE_SLACK', 5, 0, 1000),
    },
    phaseBudgetMs: int('BENCH_PHASE_BUDGET_S', 120, 5, 3600) * 1000,
    scaleBudgetMs: int('BENCH_SCALE_BUDGET_S', 200, 5, 3600) * 1000,
    // With teardown (children's grace, the janitor) the run stays under 10 minutes.
    budgetMs: int('BENCH_BUDGET_S', 540, 30, 24 * 3600) * 1000,
    logLevel: env['BENCH_LOG_LEVEL'] ?? 'warn',
    phases,
  };
  if (!isLoopback(settings.adminDatabaseUrl, ['postgres:', 'postgresql:'])) {
    problems.push('DATABASE_URL must be a postgres:// URL on 127.0.0.1 or localhost (the bench only talks to loopback)');
  }
  if (settings.externalRedisUrl && !isLoopback(settings.externalRedisUrl, ['redis:'])) {
    problems.push('BENCH_REDIS_URL must be a redis:// URL on 127.0.0.1 or localhost');
  }
  if (problems.length > 0) throw new Error(`invalid bench settings:\n  - ${problems.join('\n  - ')}`);
  return settings;
}
