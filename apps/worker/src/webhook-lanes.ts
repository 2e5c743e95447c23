import type { RedisClient } from '@smsgw/queues';
import type { Db } from '@smsgw/db';
import type { HttpLimits, HttpResult, RenderedRequest } from '@smsgw/gateways';
import type { Queues } from '@smsgw/queues';
import { processWebhook, type WebhookDeps } from './processors/webhook.js';
import { createWebhookBreaker, type BreakerOptions, type WebhookBreaker, type WebhookLane } from './webhook-breaker.js';
import { createJobWorker, type JobWorker, type WorkerOptions } from './worker.js';

/**
 * Workers on the slow lane. Few on purpose: the lane holds the deliveries of endpoints that
 * time out, and each of its slots may be held for a whole timeout; two keep those endpoints
 * probed (a success closes their breaker) without letting them take much.
 */
export const SLOW_LANE_CONCURRENCY = 2;

export interface WebhookLanesDeps {
  db: Db;
  queues: Queues;
  /** A command connection for the breaker's state (shared with the queues is fine). */
  connection: RedisClient;
  /** The worker's `webhookHttp` limits. */
  http: HttpLimits;
  /** The keep-alive client's `execute`, made with the same limits. */
  execute: (req: RenderedRequest) => Promise<HttpResult>;
  /** Breaker thresholds over BREAKER_DEFAULTS (tests shorten the cool-down). */
  breaker?: Partial<Omit<BreakerOptions, 'callTimeoutMs'>>;
  /** Told how each delivery attempt ended (the metrics' webhook counter). */
  onAttempt?: WebhookDeps['onAttempt'];
}

export interface WebhookLanes {
  workers: JobWorker[];
  breaker: WebhookBreaker;
}

/**
 * The webhook workers: the main lane at the worker's concurrency, and the slow lane for
 * endpoints whose circuit breaker is open, sharing one breaker (its state is in Redis, so it is
 * also shared with every other worker process).
 */
export function createWebhookLanes(deps: WebhookLanesDeps, o: WorkerOptions): WebhookLanes {
  const breaker = createWebhookBreaker(deps.connection, deps.queues.prefix, { ...deps.breaker, callTimeoutMs: deps.http.totalTimeoutMs });
  const depsFor = (lane: WebhookLane): WebhookDeps => ({
    db: deps.db,
    http: deps.http,
    execute: deps.execute,
    ...(deps.onAttempt ? { onAttempt: deps.onAttempt } : {}),
    lanes: {
      lane,
      breaker,
      toSlowLane: (deliveryId, attemptsMade) => deps.queues.enqueue('webhookSlow', { deliveryId }, { attemptsMade }),
    },
  });
  const main = depsFor('main');
  const slow = depsFor('slow');
  return {
    breaker,
    workers: [
      createJobWorker('webhook', (p, job) => processWebhook(p, main, job), o),
      createJobWorker('webhookSlow', (p, job) => processWebhook(p, slow, job), { ...o, concurrency: SLOW_LANE_CONCURRENCY }),
    ],
  };
}
