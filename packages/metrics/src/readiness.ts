import { migrationStatus, type Db } from '@smsgw/db';

/**
 * A probe must answer even when a dependency hangs: the Redis client queues commands while it
 * reconnects (BullMQ needs `maxRetriesPerRequest: null`), so an unbounded ping never returns.
 */
export const CHECK_TIMEOUT_MS = 2000;

export type CheckState = 'ok' | 'down';

export interface ReadinessReport {
  ready: boolean;
  checks: {
    database: CheckState;
    redis: CheckState;
    /** `pending`: the database lacks migrations this code ships; `unknown`: the database did not answer. */
    migrations: 'ok' | 'pending' | 'unknown';
  };
}

export interface ReadinessDeps {
  db: Db;
  /** The process's Redis command connection (ioredis fits). */
  redis: { ping(): Promise<unknown> };
  timeoutMs?: number;
}

/** The probe's value, or not ok when it failed or took longer than `ms`. */
async function bounded<T>(probe: () => Promise<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), ms);
  });
  try {
    const outcome = probe().then(
      (value) => ({ ok: true as const, value }),
      () => ({ ok: false as const }),
    );
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness of a process (API or worker): PostgreSQL answers and has every migration this code
 * ships, and Redis answers. The migration check is the database check (a failed query is `down`),
 * so a probe costs two small queries and a PING, each bounded by `timeoutMs`.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<ReadinessReport> {
  const ms = deps.timeoutMs ?? CHECK_TIMEOUT_MS;
  const [migrations, redis] = await Promise.all([bounded(() => migrationStatus(deps.db), ms), bounded(() => deps.redis.ping(), ms)]);
  const checks: ReadinessReport['checks'] = {
    database: migrations.ok ? 'ok' : 'down',
    redis: redis.ok ? 'ok' : 'down',
    migrations: migrations.ok ? (migrations.value.applied ? 'ok' : 'pending') : 'unknown',
  };
  return { ready: checks.database === 'ok' && checks.redis === 'ok' && checks.migrations === 'ok', checks };
}
