import pino, { type Logger } from 'pino';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadApiConfig } from '@smsgw/api';
import { getGateway, getMessageById, listEvents, type Database, type MessageEventRow, type MessageRow, type NewMessage } from '@smsgw/db';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox, type SandboxOptions } from '@smsgw/sandbox-gateway';
import { callbackUrls } from '@smsgw/gateways';
import { MESSAGE_STATUSES, type MessageStatus } from '@smsgw/core';
import { apiClient, type ApiCall } from '../../../test/support/api-client.js';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix } from '../../../test/support/env.js';
import { freePort, seedMessage, uniqueName } from '../../../test/support/fixtures.js';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '../src/index.js';

/**
 * The whole pipeline in one test process: the API really listening (so the sandbox's delivery
 * reports come back over HTTP), real workers on a queue prefix and a PostgreSQL database of
 * their own, real Redis. The sandbox gateway is the only fake: its record of what it received
 * is the oracle for "sent exactly once".
 */
export interface Harness {
  database: Database;
  /** The URL of `database`, a database of this harness's own (for extra connections to it). */
  databaseUrl: string;
  queues: Queues;
  app: FastifyInstance;
  apiUrl: string;
  runtime: WorkerRuntime;
  /** The sandbox gateways added without an explicit sandbox talk to. */
  sandbox: Sandbox;
  /** An admin key (gateways) of an account of this file's own. */
  key: string;
  accountId: string;
  env: Record<string, string>;
  logger: Logger;
  /** Starts one more sandbox, closed with the harness. */
  newSandbox(opts?: SandboxOptions): Promise<Sandbox>;
  /** Adds a sandbox-preset gateway with a unique name; resolves once the workers serve it. */
  addGateway(opts?: GatewayOptions): Promise<string>;
  /** Inserts a message row as the API would, but adds no job (as if Redis lost it). */
  insertMessage(gateway: string, values?: Partial<NewMessage>): Promise<MessageRow>;
  /** POST /v1/messages; throws unless 202. The answer as the API gave it (the row may have moved on). */
  send(body: Record<string, unknown>): Promise<Accepted>;
  api: ApiCall;
  message(id: string): Promise<MessageRow>;
  events(id: string): Promise<MessageEventRow[]>;
  /** Waits until the message is in `status` (or one of them). */
  waitFor(id: string, status: MessageStatus | readonly MessageStatus[], timeoutMs?: number): Promise<MessageRow>;
  /** The status callback URL the workers hand to the gateway. */
  statusUrl(gateway: string): Promise<string>;
  close(): Promise<void>;
}

const acceptedSchema = z.object({
  id: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  gateway: z.string().nullable(),
  route: z.array(z.string()),
  encoding: z.enum(['gsm7', 'ucs2']),
  segments: z.number(),
});
/** The fields of the API's 202 answer that the tests look at. */
export type Accepted = z.infer<typeof acceptedSchema>;

export interface GatewayOptions {
  sandbox?: Sandbox;
  rateLimit?: { max: number; intervalMs: number };
  name?: string;
  /** Overrides merged over the sandbox preset. */
  config?: Record<string, unknown>;
}

export interface HarnessOptions {
  /** Environment on top of the harness defaults (both API and workers). */
  env?: Record<string, string>;
  sandbox?: SandboxOptions;
  /**
   * Names the harness's database (a privateDatabase of its own, always: the workers' sweep and
   * balance refresh act on every row and gateway of their database, so they must see only ours).
   */
  databaseLabel?: string;
}

// Most harness users want these too; their home is test/support/fixtures.ts.
export { uniqueName, uniqueNumber } from '../../../test/support/fixtures.js';

const HARNESS_ENV = {
  SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
  SMSGW_ENCRYPTION_KEY: 'ab'.repeat(32),
  SMSGW_SEND_ATTEMPTS: '3',
  SMSGW_SEND_BACKOFF_MS: '20',
  SMSGW_HTTP_TIMEOUT_MS: '2000',
  SMSGW_HTTP_CONNECT_TIMEOUT_MS: '500',
  // The first sweep runs at start (on this harness's own database); tests that need more call sweep() themselves.
  SMSGW_SWEEP_EVERY_MS: '3600000',
  LOG_LEVEL: 'silent',
};

async function listenOnFreePort(build: (port: number) => Promise<FastifyInstance>): Promise<{ app: FastifyInstance; port: number }> {
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const app = await build(port);
    try {
      await app.listen({ host: '127.0.0.1', port });
      return { app, port };
    } catch (err) {
      await app.close();
      // Another process took the port between our probe and our listen: pick another.
      if (tries >= 4 || (err as { code?: unknown }).code !== 'EADDRINUSE') throw err;
    }
  }
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const logger = pino({ level: 'silent' });
  const own = await privateDatabase(opts.databaseLabel ?? 'harness');
  const { database } = own;
  const prefix = uniquePrefix();
  const sandboxes: Sandbox[] = [];
  const newSandbox = async (o: SandboxOptions = {}) => {
    const s = await createSandbox({ dlrDelayMs: 20, ...o });
    sandboxes.push(s);
    return s;
  };
  const sandbox = await newSandbox(opts.sandbox);
  const baseEnv: Record<string, string> = {
    ...HARNESS_ENV,
    DATABASE_URL: own.url,
    REDIS_URL: redisUrl(),
    SMSGW_QUEUE_PREFIX: prefix,
    ...opts.env,
  };
  const connection = redisConnection(redisUrl());
  const runtimeConfig = loadApiConfig(baseEnv);
  const queues = createQueues({ connection, prefix, sendAttempts: runtimeConfig.sendAttempts, sendBackoffMs: runtimeConfig.sendBackoffMs });
  let env: Record<string, string> = baseEnv;
  const { app, port } = await listenOnFreePort(async (p) => {
    env = { ...baseEnv, PORT: String(p), SMSGW_PUBLIC_URL: `http://127.0.0.1:${p}` };
    return buildApp({ db: database.db, queues, config: loadApiConfig(env), logger, notifier: gatewayNotifier(connection, prefix) });
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const workerConfig = loadWorkerConfig(env);
  const runtime = await startWorkers({ db: database.db, queues, connection, config: workerConfig, logger });
  const { key, accountId } = await testAccount(database, true);

  const api = apiClient(apiUrl, key);
  const message = async (id: string) => {
    const row = await getMessageById(database.db, id);
    if (!row) throw new Error(`message ${id} not found`);
    return row;
  };

  let closed = false;
  return {
    database,
    databaseUrl: own.url,
    queues,
    app,
    apiUrl,
    runtime,
    sandbox,
    key,
    accountId,
    env,
    logger,
    newSandbox,
    async addGateway(o = {}) {
      const name = o.name ?? uniqueName();
      const res = await api('POST', '/v1/gateways', {
        name,
        preset: 'sandbox',
        settings: { baseUrl: (o.sandbox ?? sandbox).url },
        ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}),
        ...(o.config ? { config: o.config } : {}),
      });
      if (res.status !== 201) throw new Error(`gateway create answered ${res.status}: ${JSON.stringify(res.json)}`);
      // The notification starts the worker asynchronously; syncing here makes the test not depend on its timing.
      await runtime.sync();
      return name;
    },
    insertMessage: (gateway, values = {}) => seedMessage(database.db, { accountId, gateway, routeGateways: [gateway], ...values }),
    async send(body) {
      const res = await api('POST', '/v1/messages', body);
      if (res.status !== 202) throw new Error(`send answered ${res.status}: ${JSON.stringify(res.json)}`);
      return acceptedSchema.parse(res.json);
    },
    api,
    message,
    events: (id) => listEvents(database.db, id),
    async waitFor(id, status, timeoutMs = 10_000) {
      const wanted: readonly MessageStatus[] = typeof status === 'string' ? [status] : status;
      let last: MessageStatus | undefined;
      try {
        return await eventually(
          async () => {
            const row = await message(id);
            last = row.status;
            return wanted.includes(row.status) ? row : undefined;
          },
          timeoutMs,
          `message ${id} to be ${wanted.join(' or ')}`,
        );
      } catch (err) {
        throw new Error(`${(err as Error).message} (last status: ${last ?? 'none'})`);
      }
    },
    async statusUrl(gateway) {
      const row = await getGateway(database.db, gateway);
      if (!row) throw new Error(`gateway ${gateway} not found`);
      return callbackUrls(apiUrl, gateway, row.callbackToken).status;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Workers first (in-flight sends finish), then the API their reports go to, then the rest.
      await runtime.close();
      for (const s of sandboxes) await s.idle();
      await app.close();
      for (const s of sandboxes) await s.close();
      await queues.close();
      await connection.quit();
      await own.drop();
    },
  };
}

/** Event types of a message, oldest first. */
export const eventTypes = (events: readonly MessageEventRow[]): string[] => events.map((e) => e.type);
