import fp from 'fastify-plugin';
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { listGateways, rowsOf } from '@smsgw/db';
import { messageMetrics, pipelineQueueNames, queueDepthGauge, type MessageMetrics } from '@smsgw/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    /** The pipeline's instruments (status changes, report delays) in this process's registry. */
    metrics: MessageMetrics;
  }
}

/** How long one reading of the queue depths serves scrapes. */
const SCRAPE_CACHE_MS = 5000;

/**
 * The process's registry and the pipeline's instruments as `app.metrics`, registered before the
 * hot path so its statements are counted (apps/api/src/plugins/hot-path.ts). Nothing is served here.
 */
export const metricsRegistryPlugin = fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    app.decorate('metrics', messageMetrics(registry));
  },
  { name: 'smsgw-metrics-registry', fastify: '5.x' },
);

/**
 * Prometheus metrics at /metrics: process metrics, HTTP responses by route and status, the
 * pipeline's counters and histograms (docs/metrics.md), the depth of every queue, and messages
 * waiting for a person. Both are read at scrape time, so they cost nothing between scrapes; the
 * depths (a Redis call per queue) are kept a few seconds, so frequent scrapes cost little more.
 */
export const metricsPlugin = fp(
  async (app) => {
    const registry = app.metrics.registry;
    const responses = new Counter({
      name: 'smsgw_http_responses_total',
      help: 'HTTP responses by route and status',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    });
    queueDepthGauge(registry, {
      queues: async () => pipelineQueueNames((await listGateways(app.db)).map((g) => g.name)).map((name) => app.queues.get(name)),
      ttlMs: SCRAPE_CACHE_MS,
      onError: (err) => app.log.warn({ err }, 'metrics: queue depths could not be read'),
    });
    new Gauge({
      name: 'smsgw_messages',
      help: 'Messages by status, for the statuses that need watching: unknown (the send may or may not have reached the gateway)',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          // A count over the in-flight partial index (status, updated_at): unknown rows only. Not
          // cached: one indexed count, and an operator acting on unknown messages wants it current.
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
  { name: 'smsgw-metrics', fastify: '5.x', dependencies: ['smsgw-database', 'smsgw-queues', 'smsgw-metrics-registry'] },
);
