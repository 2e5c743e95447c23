import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';

/** Liveness says the process runs; readiness says its PostgreSQL and Redis answer. */
export function healthRoutes(app: FastifyInstance): void {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['ops'], hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { tags: ['ops'], hide: true } }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'down'> = { database: 'ok', redis: 'ok' };
    await app.deps.db.execute(sql`select 1`).catch(() => (checks['database'] = 'down'));
    await app.deps.queues.connection.ping().catch(() => (checks['redis'] = 'down'));
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  });
}
