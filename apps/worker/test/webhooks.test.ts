import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { JOBS } from '@smsgw/core';
import { enqueueStatusWebhook, getAccount, updateAccountWebhook, webhookDeliveries, type Database, type MessageRow } from '@smsgw/db';
import { verifyWebhook } from '@smsgw/gateways';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../../../test/support/env.js';
import { seedMessage } from '../../../test/support/fixtures.js';
import { loadWorkerConfig, processWebhook, startWorkers, type WorkerRuntime } from '../src/index.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

const ATTEMPTS = 3;

describe('webhooks to the application', () => {
  let own: PrivateDatabase;
  let database: Database;
  let queues: Queues;
  let runtime: WorkerRuntime;
  let receiver: Receiver;
  let accountId: string;
  let secret: string;

  beforeAll(async () => {
    // A database of this file's own: the workers' sweep and balance refresh act on every row and gateway they see.
    own = await privateDatabase('webhooks');
    database = own.database;
    const prefix = uniquePrefix();
    queues = createQueues({ connection: redisConnection(redisUrl()), prefix, webhookAttempts: ATTEMPTS, webhookBackoffMs: 20 });
    const config = loadWorkerConfig({
      DATABASE_URL: own.url,
      SMSGW_QUEUE_PREFIX: prefix,
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      // The receiver is on loopback.
      SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
      SMSGW_SWEEP_EVERY_MS: '3600000',
      SMSGW_HTTP_TIMEOUT_MS: '2000',
    });
    runtime = await startWorkers({ db: database.db, queues, connection: queues.connection, config, logger: pino({ level: 'silent' }) });
    receiver = await startReceiver();
    ({ accountId } = await testAccount(database));
    await updateAccountWebhook(database.db, accountId, { webhookUrl: receiver.url });
    secret = (await getAccount(database.db, accountId))?.webhookSecret ?? '';
  });
  afterAll(async () => {
    await runtime.close();
    await receiver.close();
    await queues.close();
    await queues.connection.quit();
    await own?.drop();
  });

  const seed = (over: Partial<MessageRow> = {}) =>
    seedMessage(database.db, {
      accountId,
      content: 'secret body',
      status: 'delivered',
      gateway: 'gw-none',
      deliveredAt: new Date(),
      ...over,
    });
  const delivery = async (id: string) => (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];
  const hooksFor = (deliveryId: string) => receiver.received.filter((h) => h.headers['webhook-id'] === deliveryId);

  it('POSTs the event as JSON, signed the Standard Webhooks way with the account secret', async () => {
    receiver.answer(() => 200);
    const m = await seed({ metadata: { order: 1 } });
    const id = await enqueueStatusWebhook(database.db, queues, m);
    if (!id) throw new Error('no delivery');
    const [hook] = await eventually(async () => (hooksFor(id).length > 0 ? hooksFor(id) : undefined), 10_000, 'the webhook');
    if (!hook) throw new Error('unreachable');
    expect(verifyWebhook(secret, hook.headers, hook.body)).toEqual({ ok: true });
    // The same check written out, so the test does not only trust our own verifier.
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${String(hook.headers['webhook-timestamp'])}.${hook.body}`)
      .digest('base64');
    expect(hook.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(Math.abs(Number(hook.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(hook.headers['content-type']).toBe('application/json');
    const body = JSON.parse(hook.body) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body.type).toBe('message.status');
    expect(body.data).toMatchObject({ id: m.id, status: 'delivered', to: m.to, metadata: { order: 1 } });
    expect(hook.body).not.toContain('secret body');
    expect(verifyWebhook(secret, hook.headers, `${hook.body} `).ok).toBe(false);
    await eventually(async () => ((await delivery(id))?.state === 'delivered' ? true : undefined), 5000, 'delivered state');
    expect(await delivery(id)).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
  });

  it('retries after a 500 from the receiver, with the same webhook-id', async () => {
    // The first request of each delivery fails, the next succeeds.
    receiver.answer((headers) => (hooksFor(String(headers['webhook-id'])).length === 0 ? 500 : 200));
    const m = await seed();
    const id = await enqueueStatusWebhook(database.db, queues, m);
    if (!id) throw new Error('no delivery');
    await eventually(async () => ((await delivery(id))?.state === 'delivered' ? true : undefined), 10_000, 'delivered after a retry');
    expect(hooksFor(id).map((h) => h.status)).toEqual([500, 200]);
    expect(await delivery(id)).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null, state: 'delivered' });
    receiver.answer(() => 200);
  });

  it(`gives up after ${ATTEMPTS} attempts: the delivery is failed with its last error, and so is its job`, async () => {
    receiver.answer(() => 500);
    const m = await seed();
    const id = await enqueueStatusWebhook(database.db, queues, m);
    if (!id) throw new Error('no delivery');
    const row = await eventually(
      async () => {
        const d = await delivery(id);
        return d?.state === 'failed' ? d : undefined;
      },
      15_000,
      'the delivery to fail',
    );
    expect(row).toMatchObject({ attempts: ATTEMPTS, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(hooksFor(id)).toHaveLength(ATTEMPTS);
    const job = await queues.get(JOBS.webhook.queue).getJob(id);
    await eventually(async () => ((await job?.getState()) === 'failed' ? true : undefined), 5000, 'the job to be failed');
    expect(job?.failedReason).toContain('HTTP 500');
    receiver.answer(() => 200);
  });

  it('refuses a private address when private targets are not allowed (SSRF), without retrying', async () => {
    const m = await seed({ webhookUrl: receiver.url });
    const before = receiver.received.length;
    // Stored but never sent through the running worker: the processor is called directly.
    const id = await enqueueStatusWebhook(database.db, { enqueueWebhook: async () => undefined }, m);
    if (!id) throw new Error('no delivery');
    const http = { connectTimeoutMs: 500, totalTimeoutMs: 2000, maxResponseBytes: 1024, allowPrivate: false };
    await expect(
      processWebhook({ deliveryId: id }, { db: database.db, http }, { attemptsMade: 0, maxAttempts: 8, log: pino({ level: 'silent' }) }),
    ).rejects.toThrow(/not_allowed|private/);
    expect(await delivery(id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(receiver.received.length).toBe(before);
  });

  it('no webhook URL on the message or the account: nothing is stored or sent', async () => {
    const { accountId: bare } = await testAccount(database);
    const m = await seedMessage(database.db, { accountId: bare, status: 'sent' });
    const enqueued: string[] = [];
    const spy = { enqueueWebhook: async (id: string) => void enqueued.push(id) };
    expect(await enqueueStatusWebhook(database.db, spy, m)).toBeUndefined();
    expect(await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, m.id))).toEqual([]);
    expect(enqueued).toEqual([]);
  });
});
