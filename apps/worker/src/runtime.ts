import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JOBS, sendQueueName } from '@smsgw/core';
import { createHotPath, listGateways, statusWebhookHook, type Db, type MessageRow } from '@smsgw/db';
import { createHttpClient } from '@smsgw/gateways';
import { createPacer, createUnsentMarkers, onGatewaysChanged, type Queues } from '@smsgw/queues';
import type { WorkerConfig } from './config.js';
import { createGatewayCache } from './gateway-cache.js';
import { refreshBalances } from './processors/balances.js';
import { reconcileUnknown, sweep } from './processors/maintenance.js';
import { processReplyHandler } from './processors/reply-handler.js';
import { processSend, type SendDeps } from './processors/send.js';
import { createReplyHandlerRegistry, type ReplyHandlerRegistry } from './reply-handlers.js';
import { createWebhookLanes, SLOW_LANE_CONCURRENCY } from './webhook-lanes.js';
import { createJobWorker, createSendWorker } from './worker.js';

export interface WorkerRuntimeDeps {
  db: Db;
  queues: Queues;
  connection: Redis;
  config: WorkerConfig;
  logger: Logger;
  /** Called after every status change the workers make, after its webhook is queued. */
  onChange?: (message: MessageRow) => Promise<void>;
  /** Reply handlers messages may name (`replyCallback`); none when absent. */
  replyHandlers?: ReplyHandlerRegistry;
  /** Test-only: the fault suite's kill points (SMSGW_FAULT_PAUSE); absent in production. */
  faultPoint?: SendDeps['faultPoint'];
  /** Extra workers to run and close with the rest (webhooks, reply handlers). */
  extraWorkers?: (opts: { connection: Redis; prefix: string; logger: Logger }) => Worker[];
}

export interface WorkerRuntime {
  /** Re-reads gateways now: new ones get a worker, changed limits restart theirs. */
  sync(): Promise<void>;
  sendDeps: SendDeps;
  close(): Promise<void>;
}

/**
 * Runs the workers of one process: a send worker per gateway queue (with that gateway's rate
 * limit), kept in step with the gateways table by polling and by Redis notifications, plus the
 * maintenance sweep. `close()` lets in-flight sends finish.
 */
export async function startWorkers(deps: WorkerRuntimeDeps): Promise<WorkerRuntime> {
  const { config, logger, queues } = deps;
  const onChange = statusWebhookHook(queues, logger, deps.onChange);
  const gateways = createGatewayCache(deps.db, config.encryptionKey);
  // One hot path and one keep-alive HTTP client per process, shared by every gateway's worker.
  const hot = createHotPath(deps.db, {
    wake: (ids) => queues.wakeWebhooks(ids),
    maxRows: config.groupMaxRows,
    concurrency: config.groupConcurrency,
  });
  const unsent = createUnsentMarkers(deps.connection, queues.prefix);
  const http = createHttpClient(config.http, { connectionsPerOrigin: config.concurrency });
  const sendDeps: SendDeps = {
    db: deps.db,
    queues,
    gateways,
    hot,
    http: (request) => http.execute(request),
    publicUrl: config.publicUrl,
    pacer: createPacer(deps.connection, queues.prefix),
    // Half the sweep's patience: a wait this long hands the claim back long before it looks stuck.
    maxPaceWaitMs: Math.floor(config.stuckSendingMs / 2),
    unsent,
    ...(deps.faultPoint ? { faultPoint: deps.faultPoint } : {}),
    onChange,
  };
  const base = { connection: deps.connection, prefix: queues.prefix, logger };
  const senders = new Map<string, { worker: Worker; limiterKey: string }>();
  let closing = false;

  const sync = async () => {
    if (closing) return;
    await gateways.sync();
    const rows = await listGateways(deps.db);
    const names = new Set(rows.map((r) => r.name));
    for (const [name, sender] of senders) {
      // A deleted gateway's worker stays until its queue is drained (its jobs fail over), then goes.
      if (names.has(name)) continue;
      const counts = await queues.get(sendQueueName(name)).getJobCounts('wait', 'delayed', 'active', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) {
        senders.delete(name);
        await sender.worker.close();
        logger.info({ gateway: name }, 'send worker stopped (gateway deleted)');
      }
    }
    for (const row of rows) {
      const limiter =
        row.rateLimitMax !== null && row.rateLimitIntervalMs !== null ? { max: row.rateLimitMax, duration: row.rateLimitIntervalMs } : undefined;
      const limiterKey = limiter ? `${limiter.max}/${limiter.duration}` : 'none';
      const current = senders.get(row.name);
      if (current?.limiterKey === limiterKey) continue;
      if (current) await current.worker.close();
      if (closing) return;
      const worker = createSendWorker(row.name, (payload, ctx) => processSend(payload, sendDeps, ctx), {
        ...base,
        concurrency: config.concurrency,
        limiter,
      });
      senders.set(row.name, { worker, limiterKey });
      logger.info({ gateway: row.name, limiter: limiterKey }, 'send worker started');
    }
  };
  let syncing: Promise<void> = Promise.resolve();
  const syncSerial = () => {
    syncing = syncing.then(sync).catch((err: unknown) => logger.error({ err }, 'gateway sync failed'));
    return syncing;
  };

  await syncSerial();
  const poll = setInterval(() => void syncSerial(), config.gatewayPollMs);
  poll.unref();
  const unsubscribe = await onGatewaysChanged(config.redisUrl, queues.prefix, () => void syncSerial());

  const maintenance = createJobWorker(
    'maintenance',
    JOBS.maintenance.queue,
    async (payload, job) => {
      if (payload.task === 'sweep') return sweep({ db: deps.db, queues, stuckSendingMs: config.stuckSendingMs, unsent, onChange, log: job.log });
      if (payload.task === 'reconcile') return reconcileUnknown({ db: deps.db, gateways, limits: config.http, onChange, log: job.log });
      return refreshBalances(deps.db, gateways, config.http, job.log);
    },
    { ...base, concurrency: 1 },
  );
  await queues
    .get(JOBS.maintenance.queue)
    .upsertJobScheduler('sweep', { every: config.sweepEveryMs }, { name: 'sweep', data: { task: 'sweep' }, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  await queues
    .get(JOBS.maintenance.queue)
    .upsertJobScheduler('balances', { every: config.balanceEveryMs }, { name: 'balances', data: { task: 'balances' }, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  const registry = deps.replyHandlers ?? createReplyHandlerRegistry();
  // Webhooks: a main lane and a slow lane for endpoints whose circuit breaker is open, over one
  // keep-alive client with a socket per job either lane can run at once.
  const webhookClient = createHttpClient(config.webhookHttp, { connectionsPerOrigin: config.concurrency + SLOW_LANE_CONCURRENCY });
  const webhooks = createWebhookLanes(
    { db: deps.db, queues, connection: deps.connection, http: config.webhookHttp, execute: (request) => webhookClient.execute(request) },
    { ...base, concurrency: config.concurrency },
  );
  const notifiers = [
    ...webhooks.workers,
    createJobWorker('replyHandler', JOBS.replyHandler.queue, (p, job) => processReplyHandler(p, { db: deps.db, registry }, job), { ...base, concurrency: config.concurrency }),
  ];
  const extra = deps.extraWorkers?.(base) ?? [];

  return {
    sync: syncSerial,
    sendDeps,
    async close() {
      closing = true;
      clearInterval(poll);
      await syncing;
      await unsubscribe();
      // Worker.close() waits for active jobs: an in-flight send finishes and stores its outcome.
      await Promise.all([...[...senders.values()].map((s) => s.worker.close()), maintenance.close(), ...notifiers.map((w) => w.close()), ...extra.map((w) => w.close())]);
      await hot.drain();
      await http.close();
      await webhookClient.close();
      await unsent.close();
    },
  };
}
