/**
 * The whole system on loopback, in the test's process: the API listening on 127.0.0.1, the
 * workers, the sandbox provider and one sandbox gateway, on a database and a BullMQ prefix of
 * their own (the workers' sweep and balance refresh act on every row and gateway they see).
 * Tests that drive it from outside (a browser, the CLI binary) build on this.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, loadApiConfig } from '@smsgw/api';
import type { Database } from '@smsgw/db';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox, type SandboxOptions } from '@smsgw/sandbox-gateway';
import { createReplyHandlerRegistry, loadWorkerConfig, startWorkers, type WorkerRuntime } from '@smsgw/worker';
import { privateDatabase, redisUrl, testAccount, uniquePrefix } from './env.js';

export interface LiveStack {
  url: string;
  database: Database;
  queues: Queues;
  sandbox: Sandbox;
  runtime: WorkerRuntime;
  adminKey: string;
  accountId: string;
  /** A sandbox gateway, created through the API. */
  gateway: string;
  close(): Promise<void>;
}

export interface LiveStackOptions {
  sandbox?: SandboxOptions;
  /** Webhook retry settings of the queues (defaults: the product's). */
  webhooks?: { attempts: number; backoffMs: number };
}

export async function startLiveStack(label: string, opts: LiveStackOptions = {}): Promise<LiveStack> {
  const own = await privateDatabase(label);
  const prefix = uniquePrefix();
  const queues = createQueues({
    connection: redisConnection(redisUrl()),
    prefix,
    ...(opts.webhooks ? { webhookAttempts: opts.webhooks.attempts, webhookBackoffMs: opts.webhooks.backoffMs } : {}),
  });
  const sandbox = await createSandbox(opts.sandbox ?? {});
  const env = {
    DATABASE_URL: own.url,
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
    SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SMSGW_SWEEP_EVERY_MS: '3600000',
    LOG_LEVEL: 'silent',
  };
  const logger = pino({ level: 'silent' });
  const app: FastifyInstance = await buildApp({
    db: own.database.db,
    queues,
    config: loadApiConfig(env),
    logger,
    notifier: gatewayNotifier(queues.connection, prefix),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const runtime = await startWorkers({
    db: own.database.db,
    queues,
    connection: queues.connection,
    config: loadWorkerConfig({ ...env, SMSGW_PUBLIC_URL: url }),
    logger,
    replyHandlers: createReplyHandlerRegistry(),
  });
  const { key: adminKey, accountId } = await testAccount(own.database, true);
  const gateway = `gw-${randomBytes(4).toString('hex')}`;
  const res = await fetch(`${url}/v1/gateways`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: gateway, preset: 'sandbox', settings: { baseUrl: sandbox.url } }),
  });
  if (res.status !== 201) throw new Error(`creating the gateway: ${res.status} ${await res.text()}`);
  await runtime.sync();
  return {
    url,
    database: own.database,
    queues,
    sandbox,
    runtime,
    adminKey,
    accountId,
    gateway,
    async close() {
      await runtime.close();
      await sandbox.idle();
      await app.close();
      await sandbox.close();
      await queues.close();
      await queues.connection.quit();
      await own.drop();
    },
  };
}
