import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { listGateways, type Db } from '@smsgw/db';
import { messageMetrics, pipelineQueueNames, queueDepthGauge, type MessageMetrics } from '@smsgw/metrics';
import type { Queues } from '@smsgw/queues';

export interface WorkerMetricsDeps {
  db: Db;
  queues: Queues;
  logger: Logger;
  /** A registry to add to (the one-process demo shares the API's); a new one with process metrics when absent. */
  registry?: Registry;
  /** How long one queue-depth reading serves scrapes. */
  queueDepthTtlMs?: number;
}

/**
 * The worker's instruments: the pipeline's (status changes, gateway answers, latencies, webhook
 * results) and the queue depths, read from Redis when scraped. The gateway list that names the
 * send queues is read with the depths, so it too costs one query per cache period, not per scrape.
 */
export function createWorkerMetrics(deps: WorkerMetricsDeps): MessageMetrics {
  let registry = deps.registry;
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  const metrics = messageMetrics(registry);
  queueDepthGauge(registry, {
    queues: async () => pipelineQueueNames((await listGateways(deps.db)).map((g) => g.name)).map((name) => deps.queues.get(name)),
    ...(deps.queueDepthTtlMs !== undefined ? { ttlMs: deps.queueDepthTtlMs } : {}),
    onError: (err) => deps.logger.warn({ err }, 'metrics: queue depths could not be read'),
  });
  return metrics;
}
