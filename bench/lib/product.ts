/**
 * The product under test, as its own processes: `apps/api/src/server.ts` and N ×
 * `apps/worker/src/main.ts`, configured only through environment variables. A "stack" is one
 * API plus its workers; phases start fresh stacks so peak RSS and CPU belong to one phase.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { start, type Child } from './children.js';
import { freePort, LOOPBACK, sleep } from './net.js';
import type { Roles } from './procstat.js';

export interface ProductSettings {
  dbUrl: string;
  redisUrl: string;
  prefix: string;
  apiKey: string;
  encryptionKey: string;
  /** Registered by the API at start as the default gateway `sandbox`. */
  sandboxUrl: string;
  logLevel: string;
}

export interface StackOptions {
  workers: number;
  /** Connection URLs per process (the counting pass points them at the counting proxy). */
  api?: { dbUrl?: string; redisUrl?: string };
  worker?: { dbUrl?: string; redisUrl?: string };
}

export interface Stack {
  apiUrl: string;
  api: Child;
  workers: Child[];
  /** Starts `count` worker processes and waits until each serves every send queue of `gateways`. */
  startWorkers(count: number, gateways: string[]): Promise<void>;
  /** Graceful stop (SIGTERM: in-flight sends finish) of every worker. */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
  roles(): Roles;
  /** Warn-or-worse lines the processes logged, summed. */
  warnings(): { count: number; sample: string[] };
}

export const DEFAULT_GATEWAY = 'sandbox';

/** The product's send queue name (`send.<gateway>`, see packages/core/src/jobs.ts). */
export const sendQueueName = (gateway: string) => `send.${gateway}`;

function commonEnv(s: ProductSettings, port: number, db: string, redis: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: db,
    REDIS_URL: redis,
    SMSGW_QUEUE_PREFIX: s.prefix,
    SMSGW_ENCRYPTION_KEY: s.encryptionKey,
    // The sandbox listens on 127.0.0.1, which the SSRF guard refuses unless allowed.
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    // Callback URLs handed to the sandbox: its delivery reports come back to this API over HTTP.
    SMSGW_PUBLIC_URL: `http://${LOOPBACK}:${port}`,
    // Several workers on one host: each its own metrics port (the default one is taken by the first).
    SMSGW_WORKER_METRICS_PORT: '0',
    LOG_LEVEL: s.logLevel,
  };
}

async function waitReady(url: string, api: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void api.exited.then(() => {
    dead = true;
  });
  for (;;) {
    if (dead) throw new Error(`the API exited during start:\n${api.tail()}`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the API was not ready within ${timeoutMs} ms:\n${api.tail()}`);
    await sleep(100);
  }
}

export async function startStack(
  s: ProductSettings,
  opts: StackOptions,
  redis: Redis,
  gateways: string[] = [DEFAULT_GATEWAY],
): Promise<Stack> {
  const port = await freePort();
  const apiUrl = `http://${LOOPBACK}:${port}`;
  const api = start('api', 'apps/api/src/server.ts', [], {
    env: {
      ...commonEnv(s, port, opts.api?.dbUrl ?? s.dbUrl, opts.api?.redisUrl ?? s.redisUrl),
      HOST: LOOPBACK,
      PORT: String(port),
      SMSGW_API_KEY: s.apiKey,
      SMSGW_SANDBOX_URL: s.sandboxUrl,
    },
  });
  const workers: Child[] = [];
  const stack: Stack = {
    apiUrl,
    api,
    workers,
    async startWorkers(count, names) {
      const first = workers.length;
      for (let i = 0; i < count; i++) {
        const n = first + i + 1;
        const env = commonEnv(s, port, opts.worker?.dbUrl ?? s.dbUrl, opts.worker?.redisUrl ?? s.redisUrl);
        // The sweep only matters after a crash; once an hour keeps it out of the measurements.
        workers.push(start(`worker${n}`, 'apps/worker/src/main.ts', [], { env: { ...env, SMSGW_SWEEP_EVERY_MS: '3600000' } }));
      }
      await waitForWorkers(redis, s.prefix, names, workers, 90_000);
    },
    async stopWorkers() {
      await Promise.all(workers.map((w) => w.stop(30_000)));
      workers.length = 0;
    },
    async stop() {
      await stack.stopWorkers();
      await api.stop(15_000);
    },
    roles: () => ({ api: [api.pid], worker: workers.map((w) => w.pid) }),
    warnings() {
      const all = [api, ...workers].map((c) => c.warnings());
      return { count: all.reduce((a, w) => a + w.count, 0), sample: all.flatMap((w) => w.sample).slice(0, 5) };
    },
  };
  try {
    await waitReady(apiUrl, api, 90_000);
    if (opts.workers > 0) await stack.startWorkers(opts.workers, gateways);
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}

/**
 * A worker is ready when its BullMQ workers are registered on every send queue (the product
 * starts them after reading the gateways table). Checked through Redis, so the product needs
 * no readiness endpoint of its own.
 */
async function waitForWorkers(redis: Redis, prefix: string, gateways: string[], workers: Child[], timeoutMs: number): Promise<void> {
  const queues = gateways.map((g) => new Queue(sendQueueName(g), { connection: redis, prefix }));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const dead = workers.find((w) => w.exitCode() !== undefined);
      if (dead) throw new Error(`${dead.name} exited during start:\n${dead.tail()}`);
      const counts = await Promise.all(queues.map((q) => q.getWorkersCount()));
      if (counts.every((c) => c >= workers.length)) break;
      if (Date.now() > deadline)
        throw new Error(`workers not serving ${gateways.join(', ')} within ${timeoutMs} ms (${counts.join(', ')})`);
      await sleep(100);
    }
    // The maintenance and webhook workers start right after the send workers; let them settle.
    await sleep(500);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
