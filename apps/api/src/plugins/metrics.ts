import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { rowsOf } from '@smsgw/db';

/**
 * Prometheus metrics at /metrics: process metrics, HTTP responses by route and status, the
 * depth of every queue, and messages waiting for a person (read at scrape time, so they cost
 * nothing between scrapes).
 */
export const metricsPlugin = fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const responses = new Counter({
      name: 'smsgw_http_responses_total',
      help: 'HTTP responses by route and status',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    });
    new Gauge({
      name: 'smsgw_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const q of app.queues.all()) {
          const counts = await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'prioritized');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }
      },
    });
    new Gauge({
      name: 'smsgw_messages',
      help: 'Messages by status, for the statuses that need watching: unknown (the send may or may not have reached the gateway)',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          // A count over the in-flight partial index (status, updated_at): unknown rows only.
          const [row] = rowsOf(await app.db.execute(sql`SELECT count(*)::int AS n FROM messages WHERE status = 'unknown'`));
          this.set({ status: 'unknown' }, Number(row?.['n'] ?? 0));
        } catch (err) {
          // No series rather than a made-up 0, and the rest of the scrape still answers.
          app.log.warn({ err }, 'metrics: cannot count unknown messages');
        }
      },
    });
    app.addHook('onResponse', async (request, reply) => {
      responses.inc({ route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) });
    });
    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  },
  { name: 'smsgw-metrics', fastify: '5.x', dependencies: ['smsgw-database', 'smsgw-queues'] },
);
