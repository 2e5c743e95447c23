import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadApiConfig } from '@smsgw/api';
import type { Env } from '@smsgw/core';
import { queuesFromConfig, redisConnection, type Queues, type RedisClient } from '@smsgw/queues';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { createReplyHandlerRegistry, loadWorkerConfig, startWorkers, type WorkerRuntime } from '@smsgw/worker';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { privateDatabase, testAccount, type PrivateDatabase } from '../support/env.js';
import { startReceiver, type Receiver } from '../../apps/worker/test/webhooks-receiver.js';

export interface ScaleStack {
  own: PrivateDatabase;
  app: FastifyInstance;
  api: ApiCall;
  sandbox: Sandbox;
  receiver: Receiver;
  /** The worker's queues and connection, built from its configuration as apps/worker/src/main.ts does. */
  queues: Queues;
  connection: RedisClient;
  runtime: WorkerRuntime;
  prefix: string;
  close(): Promise<void>;
}

/**
 * API + worker + sandbox gateway in this process, each connecting to Redis from its own
 * configuration (`redisEnv`: a Cluster's nodes or a Sentinel set), exactly as the entry points
 * do: the API's queues plugin opens its connection from `config.redis`, the worker gets one
 * from `redisConnection(config.redis)`. Only the database is the test's (a private one, since
 * the worker's sweep acts on every row).
 */
export async function startScaleStack(label: string, redisEnv: Env, extraEnv: Env = {}): Promise<ScaleStack> {
  const own = await privateDatabase(label);
  const sandbox = await createSandbox({ dlrDelayMs: 20 });
  const receiver = await startReceiver();
  const env: Env = {
    DATABASE_URL: own.url,
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
    SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SMSGW_SWEEP_EVERY_MS: '3600000',
    // Only the Redis notification may tell the worker about a new gateway within a test.
    SMSGW_GATEWAY_POLL_MS: '600000',
    LOG_LEVEL: 'silent',
    ...redisEnv,
    ...extraEnv,
  };
  const logger = pino({ level: 'silent' });
  const apiConfig = loadApiConfig(env);
  const app = await buildApp({ db: own.database.db, config: apiConfig, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const config = loadWorkerConfig({ ...env, SMSGW_PUBLIC_URL: apiUrl });
  const connection = redisConnection(config.redis);
  const queues = queuesFromConfig(connection, config);
  const runtime = await startWorkers({
    db: own.database.db,
    queues,
    connection,
    config,
    logger,
    replyHandlers: createReplyHandlerRegistry(),
  });
  const api = apiClient(apiUrl, (await testAccount(own.database, true)).key);
  return {
    own,
    app,
    api,
    sandbox,
    receiver,
    queues,
    connection,
    runtime,
    prefix: config.queuePrefix,
    async close() {
      // Every step runs even when one fails, so a failed test still leaves no process or database behind.
      const steps: (() => Promise<unknown>)[] = [
        () => runtime.close(),
        () => sandbox.idle(),
        // A request still in flight when the server closes (a delivery report, say) leaves its
        // keep-alive socket open for Fastify's 72 s keepAliveTimeout: after a grace, cut them.
        () => Promise.all([app.close(), delay(1000).then(() => app.server.closeAllConnections())]),
        () => sandbox.close(),
        () => receiver.close(),
        () => queues.close(),
        () => connection.quit().catch(() => connection.disconnect()),
        () => own.drop(),
      ];
      const errors: unknown[] = [];
      for (const step of steps) await step().catch((err: unknown) => errors.push(err));
      if (errors.length > 0) throw new AggregateError(errors, 'closing the scale stack');
    },
  };
}

/** How many send requests the sandbox received per message id (its `reference`). */
export function receivedPerMessage(sandbox: Sandbox): Map<string, number> {
  const per = new Map<string, number>();
  for (const r of sandbox.requests()) {
    const ref = r.params['reference'];
    if (ref !== undefined) per.set(ref, (per.get(ref) ?? 0) + 1);
  }
  return per;
}

/** Statuses of `ids`, read through the API's list route (pages of 100). */
export async function statusesOf(api: ApiCall, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(ids);
  const out = new Map<string, string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await api('GET', `/v1/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) throw new Error(`list answered ${page.status}`);
    const data = page.json['data'] as { id: string; status: string }[];
    for (const m of data) if (wanted.has(m.id)) out.set(m.id, m.status);
    const next = page.json['nextCursor'];
    if (typeof next !== 'string' || data.length === 0) return out;
    cursor = next;
  }
}
