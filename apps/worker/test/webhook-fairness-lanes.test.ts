import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { inArray } from 'drizzle-orm';
import { JOBS, newId } from '@smsgw/core';
import {
  enqueueStatusWebhook,
  insertMessage,
  updateAccountWebhook,
  webhookDeliveries,
  type Database,
  type WebhookDeliveryRow,
} from '@smsgw/db';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';
import { createWebhookBreaker, type WebhookBreaker } from '../src/webhook-breaker.js';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../../../test/support/env.js';
import { loadWorkerConfig, startWorkers, type WorkerRuntime } from '../src/index.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

const ATTEMPTS = 4;

/**
 * Deliveries that change lanes keep their books: attempts counted once per call whichever lane
 * made it, `failed` with the last error after the last attempt, and never delivered twice.
 */
describe('webhook lanes: attempts and outcomes across a move to the slow lane', () => {
  let own: PrivateDatabase;
  let database: Database;
  let queues: Queues;
  let runtime: WorkerRuntime;
  let receiver: Receiver;
  let breaker: WebhookBreaker;

  beforeAll(async () => {
    // A database of this file's own: the workers' sweep acts on every row it sees.
    own = await privateDatabase('webhook_lanes');
    database = own.database;
    const prefix = uniquePrefix();
    queues = createQueues({ connection: redisConnection(redisUrl()), prefix, webhookAttempts: ATTEMPTS, webhookBackoffMs: 100 });
    const config = loadWorkerConfig({
      DATABASE_URL: own.url,
      SMSGW_QUEUE_PREFIX: prefix,
      // Every endpoint here is on loopback.
      SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
      SMSGW_WORKER_CONCURRENCY: '10',
      SMSGW_HTTP_TIMEOUT_MS: '1000',
      SMSGW_HTTP_CONNECT_TIMEOUT_MS: '500',
      SMSGW_SWEEP_EVERY_MS: '3600000',
    });
    runtime = await startWorkers({ db: database.db, queues, connection: queues.connection, config, logger: pino({ level: 'silent' }) });
    receiver = await startReceiver();
    breaker = createWebhookBreaker(queues.connection, prefix, { callTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await runtime?.close();
    await receiver?.close();
    await queues?.close();
    await queues?.connection.quit();
    await own?.drop();
  });

  /** An account whose webhooks go to `url`, and `n` deliveries of it, queued together. */
  async function deliveries(url: string, n: number): Promise<string[]> {
    const { accountId } = await testAccount(database);
    await updateAccountWebhook(database.db, accountId, { webhookUrl: url });
    const noQueue = { enqueueWebhook: async () => undefined };
    const ids = await Promise.all(
      Array.from({ length: n }, async () => {
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
      }),
    );
    await Promise.all(ids.map((id) => queues.enqueueWebhook(id)));
    return ids;
  }
  const rows = (ids: string[]) => database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
  const allIn = (ids: string[], state: WebhookDeliveryRow['state'], timeoutMs: number) =>
    eventually(
      async () => {
        const now = await rows(ids);
        return now.length === ids.length && now.every((r) => r.state === state) ? now : undefined;
      },
      timeoutMs,
      `${ids.length} deliveries to be ${state}`,
    );
  /** Deliveries the slow lane was given, from the queue's event stream (its jobs are removed once done). */
  async function movedToSlowLane(): Promise<Set<string>> {
    const stream = queues.get(JOBS.webhookSlow.queue).keys.events;
    if (!stream) throw new Error('no events stream key');
    const entries = await queues.connection.xrange(stream, '-', '+');
    const moved = new Set<string>();
    for (const [, fields] of entries) {
      const field = (name: string) => fields[fields.indexOf(name) + 1];
      if (field('event') === 'added') moved.add(String(field('jobId')));
    }
    return moved;
  }
  const hooksFor = (id: string) => receiver.received.filter((h) => h.headers['webhook-id'] === id);

  it('an endpoint that fails until its breaker opens: every delivery arrives exactly once, attempts match the calls, a success closes the breaker', async () => {
    let recovered = false;
    receiver.answer(() => (recovered ? 200 : 503));
    const origin = new URL(receiver.url).origin;
    const ids = await deliveries(receiver.url, 30);
    await eventually(async () => ((await breaker.state(origin)).open ? true : undefined), 10_000, 'the breaker to open');
    recovered = true;

    const done = await allIn(ids, 'delivered', 20_000);
    for (const row of done) {
      const calls = hooksFor(row.id);
      expect(calls.filter((h) => h.status === 200)).toHaveLength(1);
      expect(calls.at(-1)?.status).toBe(200);
      expect(row).toMatchObject({ attempts: calls.length, lastStatusCode: 200, lastError: null });
    }
    const moved = await movedToSlowLane();
    expect(ids.filter((id) => moved.has(id)).length).toBeGreaterThan(0);
    expect((await breaker.state(origin)).open).toBe(false);

    // Closed again: new deliveries take the main lane, one call each.
    const later = await deliveries(receiver.url, 10);
    const laterRows = await allIn(later, 'delivered', 10_000);
    expect(laterRows.map((r) => r.attempts)).toEqual(later.map(() => 1));
    expect(later.map((id) => hooksFor(id).length)).toEqual(later.map(() => 1));
    const movedAfter = await movedToSlowLane();
    expect(later.filter((id) => movedAfter.has(id))).toEqual([]);
  });

  it(`an endpoint that never works: each delivery fails after exactly ${ATTEMPTS} attempts with its last error, on whichever lane it ended`, async () => {
    // Accepts TCP connections and drops them at once: a connect-level failure on every call.
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    try {
      const ids = await deliveries(url, 20);
      const failed = await allIn(ids, 'failed', 20_000);
      for (const row of failed) {
        expect(row.attempts).toBe(ATTEMPTS);
        expect(row.lastStatusCode).toBeNull();
        expect(row.lastError).toMatch(/\S/);
      }
      expect((await breaker.state(new URL(url).origin)).open).toBe(true);
      // The job that made the last attempt failed for good, with the row's last error; the other
      // lane holds no failed job for it (a moved main-lane job completes as "moved").
      let onSlowLane = 0;
      for (const row of failed) {
        const [main, slow] = await Promise.all([
          queues.get(JOBS.webhook.queue).getJob(row.id),
          queues.get(JOBS.webhookSlow.queue).getJob(row.id),
        ]);
        const states = await Promise.all([main?.getState(), slow?.getState()]);
        expect(states.filter((s) => s === 'failed')).toHaveLength(1);
        const last = states[1] === 'failed' ? slow : main;
        expect(last?.failedReason).toContain(row.lastError?.split(':')[0] ?? '');
        if (states[1] === 'failed') onSlowLane++;
      }
      expect(onSlowLane).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
