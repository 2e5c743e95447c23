/**
 * A whole smsgw on loopback for the browser tests, in this process: the API listening on
 * 127.0.0.1, the workers, the sandbox provider and a webhook receiver, on a database and a
 * BullMQ prefix of their own. The browser is the only other process.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, loadApiConfig } from '@smsgw/api';
import { createApiKey, type Database } from '@smsgw/db';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { createReplyHandlerRegistry, loadWorkerConfig, startWorkers, type WorkerRuntime } from '@smsgw/worker';
import { startReceiver, type Receiver } from '../../apps/worker/test/webhooks-receiver.js';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../support/env.js';

export interface BrowserStack {
  url: string;
  database: Database;
  sandbox: Sandbox;
  receiver: Receiver;
  /** The API as an admin key. */
  api: ApiCall;
  adminKey: string;
  /** A key of the same account that may read gateways and queues, and not act on them. */
  readOnlyKey: string;
  gateway: string;
  close(): Promise<void>;
}

export async function startBrowserStack(label: string): Promise<BrowserStack> {
  // A database of its own: the workers' sweep and balance refresh act on every row and gateway they see.
  const own: PrivateDatabase = await privateDatabase(label);
  const database = own.database;
  const prefix = uniquePrefix();
  const queues: Queues = createQueues({ connection: redisConnection(redisUrl()), prefix, webhookAttempts: 3, webhookBackoffMs: 20 });
  const sandbox = await createSandbox({ dlrDelayMs: 50 });
  const receiver = await startReceiver();
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
    db: database.db,
    queues,
    config: loadApiConfig(env),
    logger,
    notifier: gatewayNotifier(queues.connection, prefix),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const runtime: WorkerRuntime = await startWorkers({
    db: database.db,
    queues,
    connection: queues.connection,
    config: loadWorkerConfig({ ...env, SMSGW_PUBLIC_URL: url }),
    logger,
    replyHandlers: createReplyHandlerRegistry(),
  });

  const { key: adminKey, accountId } = await testAccount(database, true);
  const { key: readOnlyKey } = await createApiKey(database.db, { accountId, scopes: ['gateways:read', 'messages:read'] });
  const api = apiClient(url, adminKey);
  const account = await api('PATCH', '/v1/account', { webhookUrl: receiver.url });
  if (account.status !== 200) throw new Error(`PATCH /v1/account: ${account.status}`);
  const gateway = `gw-${randomBytes(4).toString('hex')}`;
  const gw = await api('POST', '/v1/gateways', { name: gateway, preset: 'sandbox', settings: { baseUrl: sandbox.url } });
  if (gw.status !== 201) throw new Error(`POST /v1/gateways: ${gw.status}`);
  await runtime.sync();

  return {
    url,
    database,
    sandbox,
    receiver,
    api,
    adminKey,
    readOnlyKey,
    gateway,
    async close() {
      await runtime.close();
      await sandbox.idle();
      await app.close();
      await sandbox.close();
      await receiver.close();
      await queues.close();
      await queues.connection.quit();
      await own.drop();
    },
  };
}
