import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * Prometheus metrics at /metrics: process metrics, HTTP responses by route and status, and the
 * depth of every queue (read at scrape time, so it costs nothing between scrapes).
 */
export function registerMetrics(app: FastifyInstance): void {
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
      for (const q of app.deps.queues.all()) {
        const counts = await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    responses.inc({ route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) });
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
