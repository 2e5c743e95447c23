import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, loadApiConfig } from '@smsgw/api';
import { JOBS, sendQueueName } from '@smsgw/core';
import { createAccount, createApiKey, openDatabase, type Db } from '@smsgw/db';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox, type SandboxOptions } from '@smsgw/sandbox-gateway';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '@smsgw/worker';
import { createBenchDatabase } from './database.js';
import type { Teardown } from './teardown.js';

export interface BenchSettings {
  /** Server to create the bench database on (its own database is never touched). */
  adminDatabaseUrl: string;
  redisUrl: string;
  dlrDelayMs: number;
}

/** The whole system in this process, on a database and queue prefix of its own. */
export interface BenchEnv {
  apiUrl: string;
  /** An admin key of the bench's account. */
  key: string;
  /** A pool of the bench's own for observing (counting statuses), apart from the API's and workers'. */
  observer: Db;
  runtime: WorkerRuntime;
  versions: { postgres: string; redis: string };
  prefix: string;
  newSandbox(opts?: SandboxOptions): Promise<Sandbox>;
  /** Adds a sandbox-preset gateway through the API and waits until the workers serve it. */
  addGateway(name: string, sandbox: Sandbox, rateLimit?: { max: number; intervalMs: number }): Promise<void>;
  /** Pauses a gateway's send queue: jobs are added as usual but no worker takes them. */
  pauseGateway(name: string): Promise<void>;
  resumeGateway(name: string): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Listens on a free loopback port. The port is chosen before the app is built because the API
 * must know its own public URL (callback URLs, signature checks); a lost race picks another.
 */
async function listenOnFreePort(build: (port: number) => Promise<FastifyInstance>): Promise<{ app: FastifyInstance; port: number }> {
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const app = await build(port);
    try {
      await app.listen({ host: '127.0.0.1', port });
      return { app, port };
    } catch (err) {
      await app.close();
      if (tries >= 4 || (err as { code?: unknown }).code !== 'EADDRINUSE') throw err;
    }
  }
}

/** Removes every queue of the bench's prefix, then any key still under it; returns those keys. */
async function removeQueues(queues: Queues, names: Iterable<string>): Promise<string[]> {
  for (const name of names) await queues.get(name).obliterate({ force: true });
  const leftovers: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await queues.connection.scan(cursor, 'MATCH', `${queues.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      await queues.connection.del(...keys);
      leftovers.push(...keys);
    }
  } while (cursor !== '0');
  return leftovers;
}

function redisVersion(info: string): string {
  return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
}

async function build(settings: BenchSettings, teardown: Teardown, logger: Logger): Promise<BenchEnv> {
  const database = await createBenchDatabase(settings.adminDatabaseUrl);
  teardown.add('drop database', () => database.drop());
  // API and workers get pools of their own, as they would as separate processes.
  const apiDb = await openDatabase({ url: database.url, max: 10 });
  teardown.add('close API pool', () => apiDb.close());
  const workerDb = await openDatabase({ url: database.url, max: 10 });
  teardown.add('close worker pool', () => workerDb.close());
  const observer = await openDatabase({ url: database.url, max: 2 });
  teardown.add('close observer pool', () => observer.close());

  const prefix = `smsgw-bench-${randomBytes(5).toString('hex')}`;
  const apiConnection = redisConnection(settings.redisUrl);
  teardown.add('close API Redis', () => apiConnection.quit());
  const workerConnection = redisConnection(settings.redisUrl);
  teardown.add('close worker Redis', () => workerConnection.quit());
  const baseEnv: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: settings.redisUrl,
    SMSGW_QUEUE_PREFIX: prefix,
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // The sweep only matters after a crash; an hour keeps it out of the measurements.
    SMSGW_SWEEP_EVERY_MS: '3600000',
  };
  const apiConfig0 = loadApiConfig(baseEnv);
  const queueOpts = { prefix, sendAttempts: apiConfig0.sendAttempts, sendBackoffMs: apiConfig0.sendBackoffMs };
  const apiQueues = createQueues({ connection: apiConnection, ...queueOpts });
  const workerQueues = createQueues({ connection: workerConnection, ...queueOpts });
  teardown.add('close queues', async () => {
    await apiQueues.close();
    await workerQueues.close();
  });
  const queueNames = new Set<string>([JOBS.maintenance.queue, JOBS.webhook.queue, JOBS.replyHandler.queue]);
  teardown.add('obliterate queues', async () => {
    // A rate-limited queue's limiter key outlives obliterate; it expires within one interval anyway.
    const leftovers = (await removeQueues(apiQueues, queueNames)).filter((k) => !k.endsWith(':limiter'));
    if (leftovers.length > 0) logger.warn({ leftovers }, 'keys left under the bench prefix after obliterate were deleted');
  });

  const sandboxes: Sandbox[] = [];
  const newSandbox = async (opts: SandboxOptions = {}) => {
    // A longer report deadline than the sandbox's 2 s: on a busy machine, timed-out reports are
    // retried and the retries pile onto the API that was slow in the first place.
    const sandbox = await createSandbox({ dlrDelayMs: settings.dlrDelayMs, outboundTimeoutMs: 10_000, ...opts });
    sandboxes.push(sandbox);
    return sandbox;
  };
  // One step for all sandboxes, placed so they close after the workers and the API stopped using them.
  teardown.add('close sandboxes', async () => {
    for (const s of sandboxes) await s.close();
  });

  let env = baseEnv;
  const { app, port } = await listenOnFreePort(async (p) => {
    env = { ...baseEnv, PORT: String(p), SMSGW_PUBLIC_URL: `http://127.0.0.1:${p}` };
    return buildApp({ db: apiDb.db, queues: apiQueues, config: loadApiConfig(env), logger, notifier: gatewayNotifier(apiConnection, prefix) });
  });
  teardown.add('close API', async () => {
    // Reports still scheduled by the sandboxes go to the API: let them land first.
    for (const s of sandboxes) await s.idle();
    await app.close();
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const runtime = await startWorkers({ db: workerDb.db, queues: workerQueues, connection: workerConnection, config: loadWorkerConfig(env), logger });
  teardown.add('close workers', () => runtime.close());

  const account = await createAccount(apiDb.db, 'bench');
  const { key } = await createApiKey(apiDb.db, { accountId: account.id, admin: true });

  return {
    apiUrl,
    key,
    observer: observer.db,
    runtime,
    prefix,
    versions: { postgres: database.serverVersion, redis: redisVersion(await apiConnection.info('server')) },
    newSandbox,
    async addGateway(name, sandbox, rateLimit) {
      queueNames.add(sendQueueName(name));
      const res = await fetch(`${apiUrl}/v1/gateways`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, preset: 'sandbox', settings: { baseUrl: sandbox.url }, ...(rateLimit ? { rateLimit } : {}) }),
      });
      if (res.status !== 201) throw new Error(`creating gateway ${name} answered ${res.status}: ${await res.text()}`);
      await runtime.sync();
    },
    async pauseGateway(name) {
      await apiQueues.get(sendQueueName(name)).pause();
    },
    async resumeGateway(name) {
      await apiQueues.get(sendQueueName(name)).resume();
    },
  };
}

/**
 * Starts the bench environment, registering every undo step on `teardown` as soon as the thing
 * exists, so an error or a signal at any point leaves nothing behind once `teardown.run()` runs.
 */
export function startBenchEnv(settings: BenchSettings, teardown: Teardown, logger: Logger): Promise<BenchEnv> {
  return build(settings, teardown, logger);
}
