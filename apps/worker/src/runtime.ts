import type { RedisClient } from '@smsgw/queues';
import type { Logger } from 'pino';
import { attachChangeObserver, attachOutboxWaker, createHotPath, listGateways, type Db } from '@smsgw/db';
import { createHttpClient, gatewayKindOf } from '@smsgw/gateways';
import { instrumentHotPath, transitionObserver, type MessageMetrics } from '@smsgw/metrics';
import { createPacer, createUnsentMarkers, onGatewaysChanged, type Queues } from '@smsgw/queues';
import type { WorkerConfig } from './config.js';
import { createGatewayCache } from './gateway-cache.js';
import { createWorkerMetrics } from './metrics.js';
import { refreshBalances } from './processors/balances.js';
import { reconcileUnknown, sweep } from './processors/maintenance.js';
import { runRetention, scheduleRetention } from './processors/retention.js';
import { processReplyHandler } from './processors/reply-handler.js';
import { processSend, type SendDeps } from './processors/send.js';
import { createReplyHandlerRegistry, type ReplyHandlerRegistry } from './reply-handlers.js';
import { createDeliverHandler, PartIndex } from './smpp/inbound.js';
import { createSmppSessions } from './smpp/sessions.js';
import { createWebhookLanes, SLOW_LANE_CONCURRENCY } from './webhook-lanes.js';
import { createJobWorker, type JobWorker } from './worker.js';

export interface WorkerRuntimeDeps {
  db: Db;
  queues: Queues;
  connection: RedisClient;
  config: WorkerConfig;
  logger: Logger;
  /** Reply handlers messages may name (`replyCallback`); none when absent. */
  replyHandlers?: ReplyHandlerRegistry;
  /** Test-only: the fault suite's kill points (SMSGW_FAULT_PAUSE); absent in production. */
  faultPoint?: SendDeps['faultPoint'];
  /** Extra workers to run and close with the rest (webhooks, reply handlers). */
  extraWorkers?: (opts: { connection: RedisClient; prefix: string; logger: Logger }) => JobWorker[];
  /** Instruments to count into (the one-process demo shares the API's); a registry of its own when absent. */
  metrics?: MessageMetrics;
}

export interface WorkerRuntime {
  /** Re-reads gateways now: new ones get a worker, changed limits restart theirs. */
  sync(): Promise<void>;
  sendDeps: SendDeps;
  /** What this process counted: its registry is what the worker's /metrics serves. */
  metrics: MessageMetrics;
  close(): Promise<void>;
}

/**
 * Runs the workers of one process: a send worker per gateway queue (with that gateway's rate
 * limit), kept in step with the gateways table by polling and by Redis notifications, plus the
 * maintenance sweep. `close()` lets in-flight sends finish.
 */
/**
 * The limiter of a gateway without a rate limit: never reached, there so a throttle pauses every
 * fetcher. BullMQ honours a manual rate limit (a provider's 429 with Retry-After) only in fetches
 * that carry a limiter's max; without one, another job slot or worker took the job straight back
 * (seen: a resend 62 ms after a 429 asking for 1 s).
 */
const THROTTLE_ONLY = { max: 1_000_000_000, duration: 1000 };

export async function startWorkers(deps: WorkerRuntimeDeps): Promise<WorkerRuntime> {
  const { config, logger, queues } = deps;
  // Every statement that writes a webhook or a due reply handler wakes its job through the queues.
  const detachWaker = attachOutboxWaker(deps.db, queues);
  const gateways = createGatewayCache(deps.db, config.encryptionKey);
  // One hot path and one keep-alive HTTP client per process, shared by every gateway's worker.
  const metrics = deps.metrics ?? createWorkerMetrics({ db: deps.db, queues, logger });
  // The changes `transition` makes (the sweep, the reconciler, reports the general path applies) are counted too.
  const unobserve = attachChangeObserver(deps.db, transitionObserver(metrics));
  // Counted as it goes: the rows the claim and outcome statements return say what changed.
  const hot = instrumentHotPath(
    createHotPath(deps.db, {
      maxRows: config.groupMaxRows,
      concurrency: config.groupConcurrency,
    }),
    metrics,
  );
  const unsent = createUnsentMarkers(deps.connection, queues.prefix);
  const http = createHttpClient(config.http, { connectionsPerOrigin: config.concurrency });
  // SMPP gateways: binds owned by this process; what arrives on them (receipts, replies) is
  // stored here, through the same report and reply paths the API's callbacks use.
  const parts = new PartIndex();
  const inbound = createDeliverHandler({
    db: deps.db,
    hot,
    parts,
    replies: { db: deps.db, windowHours: config.replyWindowHours, defaultCountry: config.defaultCountry, log: logger },
    log: logger,
  });
  const smpp = createSmppSessions({ allowPrivate: config.http.allowPrivate, onDeliver: inbound.handle, parts, log: logger });
  const sendDeps: SendDeps = {
    db: deps.db,
    queues,
    gateways,
    hot,
    http: (request) => http.execute(request),
    smpp,
    publicUrl: config.publicUrl,
    pacer: createPacer(deps.connection, queues.prefix),
    // Half the sweep's patience: a wait this long hands the claim back long before it looks stuck.
    maxPaceWaitMs: Math.floor(config.stuckSendingMs / 2),
    unsent,
    metrics,
    ...(deps.faultPoint ? { faultPoint: deps.faultPoint } : {}),
  };
  const base = { connection: deps.connection, prefix: queues.prefix, logger };
  const senders = new Map<string, { worker: JobWorker; limiterKey: string }>();
  let closing = false;

  const sync = async () => {
    if (closing) return;
    const versions = await gateways.sync();
    const rows = await listGateways(deps.db);
    smpp.retireStale(versions, new Set(rows.filter((r) => !r.enabled).map((r) => r.name)));
    for (const row of rows) {
      if (!row.enabled || gatewayKindOf(row.config) !== 'smpp') continue;
      const gw = await gateways
        .get(row.name)
        .catch((err: unknown) => logger.error({ err, gateway: row.name }, 'SMPP gateway could not be loaded'));
      if (gw?.kind === 'smpp' && gw.config.keepBound) smpp.ensure(gw);
    }
    const names = new Set(rows.map((r) => r.name));
    for (const [name, sender] of senders) {
      // A deleted gateway's worker stays until its queue is drained (its jobs fail over), then goes.
      if (names.has(name)) continue;
      if (await queues.idle('send', { gateway: name })) {
        senders.delete(name);
        await sender.worker.close();
        logger.info({ gateway: name }, 'send worker stopped (gateway deleted)');
      }
    }
    for (const row of rows) {
      const limiter =
        row.rateLimitMax !== null && row.rateLimitIntervalMs !== null
          ? { max: row.rateLimitMax, duration: row.rateLimitIntervalMs }
          : undefined;
      const limiterKey = limiter ? `${limiter.max}/${limiter.duration}` : 'none';
      const current = senders.get(row.name);
      if (current?.limiterKey === limiterKey) continue;
      if (current) await current.worker.close();
      if (closing) return;
      const worker = createJobWorker('send', (payload, ctx) => processSend(payload, sendDeps, ctx), {
        ...base,
        gateway: row.name,
        concurrency: config.concurrency,
        limiter: limiter ?? THROTTLE_ONLY,
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
  const unsubscribe = await onGatewaysChanged(deps.connection, queues.prefix, () => void syncSerial());

  const maintenance = createJobWorker(
    'maintenance',
    async (payload, job) => {
      if (payload.task === 'sweep') {
        const swept = await sweep({ db: deps.db, queues, stuckSendingMs: config.stuckSendingMs, unsent, log: job.log });
        // Stuck sends the sweep called `unknown` (the worker died after its request may have gone).
        if (swept.reconciled > 0) metrics.unknown.inc({ cause: 'stuck' }, swept.reconciled);
        return swept;
      }
      if (payload.task === 'reconcile') return reconcileUnknown({ db: deps.db, gateways, limits: config.http, log: job.log });
      return refreshBalances(deps.db, gateways, config.http, job.log);
    },
    { ...base, concurrency: 1 },
  );
  // Scheduler ids are the task names: a renamed id would leave the old scheduler running too.
  await queues.schedule('maintenance', 'sweep', { task: 'sweep' }, config.sweepEveryMs);
  await queues.schedule('maintenance', 'balances', { task: 'balances' }, config.balanceEveryMs);
  // Retention on a queue of its own: a long run never holds up the sweep.
  const retention = createJobWorker('retention', (_p, job) => runRetention({ db: deps.db, config: config.retention, log: job.log }), {
    ...base,
    concurrency: 1,
  });
  await scheduleRetention(queues, config.retention);
  // Redis may lose the schedulers with its data (FLUSHALL, a restart without AOF): without them
  // the sweep, which re-queues what Redis lost, would never run again. Checked every poll.
  const keepSchedules = setInterval(() => {
    void Promise.all([
      queues.ensureScheduled('maintenance', 'sweep', { task: 'sweep' }, config.sweepEveryMs),
      queues.ensureScheduled('maintenance', 'balances', { task: 'balances' }, config.balanceEveryMs),
      scheduleRetention(queues, config.retention, true),
    ]).catch((err: unknown) => logger.warn({ err }, 'maintenance schedulers could not be checked'));
  }, config.gatewayPollMs);
  keepSchedules.unref();
  const registry = deps.replyHandlers ?? createReplyHandlerRegistry();
  // Webhooks: a main lane and a slow lane for endpoints whose circuit breaker is open, over one
  // keep-alive client with a socket per job either lane can run at once.
  const webhookClient = createHttpClient(config.webhookHttp, { connectionsPerOrigin: config.concurrency + SLOW_LANE_CONCURRENCY });
  const webhooks = createWebhookLanes(
    {
      db: deps.db,
      queues,
      connection: deps.connection,
      http: config.webhookHttp,
      execute: (request) => webhookClient.execute(request),
      onAttempt: (result) => metrics.webhookDeliveries.inc({ result }),
    },
    { ...base, concurrency: config.concurrency },
  );
  const notifiers = [
    ...webhooks.workers,
    createJobWorker('replyHandler', (p, job) => processReplyHandler(p, { db: deps.db, registry }, job), {
      ...base,
      concurrency: config.concurrency,
    }),
  ];
  const extra = deps.extraWorkers?.(base) ?? [];

  return {
    sync: syncSerial,
    sendDeps,
    metrics,
    async close() {
      closing = true;
      clearInterval(poll);
      clearInterval(keepSchedules);
      await syncing;
      await unsubscribe();
      // Worker.close() waits for active jobs: an in-flight send finishes and stores its outcome.
      await Promise.all([
        ...[...senders.values()].map((s) => s.worker.close()),
        maintenance.close(),
        retention.close(),
        ...notifiers.map((w) => w.close()),
        ...extra.map((w) => w.close()),
      ]);
      // Sends are done; long replies still being joined are stored as far as they came, then every
      // bind unbinds once its in-flight PDUs are answered and its deliver_sm are stored and answered.
      await inbound.flush();
      await smpp.close();
      await hot.drain();
      detachWaker();
      unobserve();
      await http.close();
      await webhookClient.close();
      await unsent.close();
    },
  };
}
