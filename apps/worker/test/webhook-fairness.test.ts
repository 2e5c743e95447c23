import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { inArray } from 'drizzle-orm';
import { JOBS, newId } from '@smsgw/core';
import { enqueueStatusWebhook, insertMessage, updateAccountWebhook, webhookDeliveries, type Database } from '@smsgw/db';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';
import { createWebhookBreaker } from '../src/webhook-breaker.js';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../../../test/support/env.js';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '../src/index.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

const CONCURRENCY = 10;
const TIMEOUT_MS = 2000;
const DEAD = 200;
const HEALTHY = 20;
/**
 * With one shared lane, FIFO, the healthy deliveries queued behind the dead ones could not start
 * before the dead ones' first attempts had each held a slot for the whole timeout.
 */
const SHARED_LANE_MS = (DEAD * TIMEOUT_MS) / CONCURRENCY;

/** An endpoint that accepts every request and never answers (the worst case: each call costs the full timeout). */
async function startDeadEndpoint(): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server: Server = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhook fairness: one dead endpoint does not hold up everyone else', () => {
  let own: PrivateDatabase;
  let database: Database;
  let queues: Queues;
  let runtime: WorkerRuntime;
  let receiver: Receiver;
  let dead: Awaited<ReturnType<typeof startDeadEndpoint>>;
  let deadAccount: string;
  let healthyAccount: string;

  beforeAll(async () => {
    // A database of this file's own: the workers' sweep acts on every row it sees.
    own = await privateDatabase('webhook_fairness');
    database = own.database;
    const prefix = uniquePrefix();
    queues = createQueues({ connection: redisConnection(redisUrl()), prefix, webhookAttempts: 3, webhookBackoffMs: 20 });
    const config = loadWorkerConfig({
      DATABASE_URL: own.url,
      SMSGW_QUEUE_PREFIX: prefix,
      // Both endpoints are on loopback.
      SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
      SMSGW_WORKER_CONCURRENCY: String(CONCURRENCY),
      SMSGW_HTTP_TIMEOUT_MS: String(TIMEOUT_MS),
      SMSGW_HTTP_CONNECT_TIMEOUT_MS: '500',
      SMSGW_SWEEP_EVERY_MS: '3600000',
    });
    runtime = await startWorkers({ db: database.db, queues, connection: queues.connection, config, logger: pino({ level: 'silent' }) });
    receiver = await startReceiver();
    dead = await startDeadEndpoint();
    ({ accountId: deadAccount } = await testAccount(database));
    ({ accountId: healthyAccount } = await testAccount(database));
    await updateAccountWebhook(database.db, deadAccount, { webhookUrl: dead.url });
    await updateAccountWebhook(database.db, healthyAccount, { webhookUrl: receiver.url });
  });
  afterAll(async () => {
    // Workers first: close() waits for the calls in flight, each bounded by the timeout.
    await runtime?.close();
    await dead?.close();
    await receiver?.close();
    await queues?.close();
    await queues?.connection.quit();
    await own?.drop();
  });

  /** Stores `n` deliveries for the account without queueing them, so the test decides the queue order. */
  async function store(accountId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    const noQueue = { enqueueWebhook: async () => undefined };
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from({ length: Math.min(20, n - i) }, async () => {
        const { row } = await insertMessage(database.db, {
          id: newId('msg'),
          accountId,
          to: '+447400123456',
          content: 'x',
          encoding: 'gsm7',
          segments: 1,
          status: 'delivered',
          gateway: 'gw-none',
          deliveredAt: new Date(),
        });
        const id = await enqueueStatusWebhook(database.db, noQueue, row);
        if (!id) throw new Error('no delivery stored');
        return id;
      });
      ids.push(...(await Promise.all(batch)));
    }
    return ids;
  }

  it(`delivers a healthy endpoint's webhooks queued behind ${DEAD} to a dead one well within ${SHARED_LANE_MS / 4} ms`, async () => {
    const deadIds = await store(deadAccount, DEAD);
    const healthyIds = await store(healthyAccount, HEALTHY);
    const healthy = new Set(healthyIds);
    const arrived = () =>
      new Set(
        receiver.received
          .filter((h) => h.status === 200 && healthy.has(String(h.headers['webhook-id'])))
          .map((h) => h.headers['webhook-id']),
      );

    // Every dead delivery is ahead of every healthy one in the (FIFO) main lane.
    const started = Date.now();
    await Promise.all([...deadIds, ...healthyIds].map((id) => queues.enqueueWebhook(id)));
    await eventually(async () => (arrived().size === HEALTHY ? true : undefined), SHARED_LANE_MS / 4, 'every healthy webhook to arrive');
    expect(Date.now() - started).toBeLessThan(SHARED_LANE_MS / 4);

    // Each arrived once, and its row says so (one attempt, delivered).
    expect(receiver.received.filter((h) => healthy.has(String(h.headers['webhook-id'])))).toHaveLength(HEALTHY);
    const rows = await eventually(
      async () => {
        const now = await database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, healthyIds));
        return now.length === HEALTHY && now.every((r) => r.state === 'delivered') ? now : undefined;
      },
      5000,
      'the healthy rows to be delivered',
    );
    expect(rows.map((r) => [r.attempts, r.lastStatusCode, r.lastError])).toEqual(healthyIds.map(() => [1, 200, null]));

    // The dead endpoint's breaker is open, and the main lane stopped calling it: it saw a few
    // slots' worth of calls, not one per delivery.
    const breaker = createWebhookBreaker(queues.connection, queues.prefix, { callTimeoutMs: TIMEOUT_MS });
    expect((await breaker.state(new URL(dead.url).origin)).open).toBe(true);
    expect((await breaker.state(new URL(receiver.url).origin)).open).toBe(false);
    expect(dead.requests()).toBeLessThan(3 * CONCURRENCY);
    // The rest wait on the slow lane, untried ones counted as no attempt at all.
    const counts = await queues.get(JOBS.webhookSlow.queue).getJobCounts('wait', 'delayed', 'active');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(DEAD / 2);
    const deadRows = await database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, deadIds));
    expect(deadRows.filter((r) => r.state === 'delivered')).toEqual([]);
    expect(deadRows.reduce((sum, r) => sum + r.attempts, 0)).toBeLessThanOrEqual(dead.requests());
  });
});
