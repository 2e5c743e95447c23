import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkReadiness } from '@smsgw/metrics';

const state = z.enum(['ok', 'down']);
const readiness = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: state, redis: state, migrations: z.enum(['ok', 'pending', 'unknown']) }),
});

/**
 * Readiness: PostgreSQL and Redis answer, and the database has every migration this code ships
 * (503 naming what is not: a process must not take traffic against an older schema).
 */
const readyRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/readyz',
    { config: { public: true }, schema: { tags: ['ops'], hide: true, response: { 200: readiness, 503: readiness } } },
    async (_request, reply) => {
      const report = await checkReadiness({ db: app.db, redis: app.queues.connection });
      return reply.status(report.ready ? 200 : 503).send({ status: report.ready ? 'ok' : 'unavailable', checks: report.checks });
    },
  );
};

export default readyRoute;
