import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

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

const state = z.enum(['ok', 'down']);
const readiness = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.object({ database: state, redis: state }) });

/** Readiness: PostgreSQL and Redis answer (503 naming the one that does not). */
const readyRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['ops'], hide: true, response: { 200: readiness, 503: readiness } } },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([check(() => app.db.execute(sql`select 1`)), check(() => app.queues.connection.ping())]);
      const ok = database === 'ok' && redis === 'ok';
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks: { database, redis } });
    },
  );
};

export default readyRoute;
