import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';

/**
 * A probe must answer even when a dependency hangs: the Redis client queues commands while it
 * reconnects (BullMQ needs `maxRetriesPerRequest: null`), so an unbounded ping never returns.
 */
const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), CHECK_TIMEOUT_MS);
  });
  try {
    const outcome = probe().then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness says the process runs; readiness says its PostgreSQL and Redis answer. */
export function healthRoutes(app: FastifyInstance): void {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['ops'], hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { tags: ['ops'], hide: true } }, async (_request, reply) => {
    const [database, redis] = await Promise.all([
      check(() => app.deps.db.execute(sql`select 1`)),
      check(() => app.deps.queues.connection.ping()),
    ]);
    const checks = { database, redis };
    const ok = database === 'ok' && redis === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  });
}
