import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { newId, sendQueueName, type MessageStatus } from '@smsgw/core';
import { insertMessage, listEvents, messages, type MessageRow } from '@smsgw/db';
import { Worker } from 'bullmq';
import { gatewayNotifier } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { eventually, privateDatabase, testAccount, testQueues, type PrivateDatabase } from '../../../test/support/env.js';
import { buildTestApp, json, testEncryptionKey, type TestApp } from './helpers.js';
import { loadApiConfig } from '../src/config.js';

/**
 * What an operator does about messages that need a person: resend an unknown or failed one,
 * not strand pending ones by deleting their gateway, and see how many are unknown.
 */
let t: TestApp;
let gw: string;
beforeAll(async () => {
  t = await buildTestApp();
  gw = await t.createGateway();
});
afterAll(async () => {
  // The run's database is shared: leave nothing of ours pending for anyone's sweep.
  await t?.database.db.update(messages).set({ status: 'cancelled' }).where(eq(messages.accountId, t.user.accountId));
  await t?.close();
});

const store = async (status: MessageStatus, gateway = gw, accountId = t.user.accountId): Promise<MessageRow> =>
  (
    await insertMessage(t.database.db, {
      id: newId('msg'),
      accountId,
      to: '+447400123456',
      content: 'operator test',
      encoding: 'gsm7',
      segments: 1,
      status,
      gateway,
      routeGateways: [gateway, 'next-gw'],
      routeIndex: 0,
      attempts: 3,
      gatewayMessageId: status === 'failed' ? `old-${newId('msg')}` : null,
    })
  ).row;
const resend = (id: string, key?: string, payload?: Record<string, string>) =>
  t.request({
    method: 'POST',
    url: `/v1/messages/${id}/resend`,
    ...(key === undefined ? {} : { key }),
    ...(payload === undefined ? {} : { payload }),
  });

describe('POST /v1/messages/:id/resend', () => {
  it('puts an unknown message of any account back in the queue, recording who decided', async () => {
    const m = await store('unknown');
    const res = await resend(m.id, undefined, { reason: 'checked with the provider' });
    expect(res.statusCode, res.body).toBe(202);
    expect(json(res)).toMatchObject({ id: m.id, status: 'queued', attempts: 0, gateway: gw });
    const [row] = await t.database.db.select().from(messages).where(eq(messages.id, m.id));
    expect(row).toMatchObject({ status: 'queued', attempts: 0, routeIndex: 0, gateway: gw });
    const events = await listEvents(t.database.db, m.id);
    expect(events.at(-1)).toMatchObject({
      type: 'resend',
      status: 'queued',
      detail: { from: 'unknown', reason: 'checked with the provider', by: { accountId: t.admin.accountId } },
    });
    expect(await t.queues.get(sendQueueName(gw)).getJob(m.id)).toBeDefined();
  });

  it('resends a failed message, forgetting the old try’s gateway id, even when its failed job is kept', async () => {
    const own = await t.createGateway();
    const m = await store('failed', own);
    // BullMQ keeps failed jobs, and an add with the id of a kept job is silently ignored.
    const queue = t.queues.get(sendQueueName(own));
    const worker = new Worker(sendQueueName(own), async () => Promise.reject(new Error('the old try')), {
      connection: t.queues.connection.duplicate(),
      prefix: t.queues.prefix,
    });
    await queue.add('send', { messageId: m.id }, { jobId: m.id, attempts: 1, removeOnFail: false });
    await eventually(
      async () => ((await (await queue.getJob(m.id))?.getState()) === 'failed' ? true : undefined),
      5000,
      'the old job to fail',
    );
    await worker.close();
    const res = await resend(m.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(json(res)).toMatchObject({ status: 'queued', gatewayMessageId: null });
    expect(await (await queue.getJob(m.id))?.getState()).toBe('waiting');
  });

  it('refuses any other status with 409 not_resendable', async () => {
    for (const status of ['queued', 'scheduled', 'sending', 'sent', 'delivered', 'expired', 'cancelled'] as const) {
      const m = await store(status);
      const res = await resend(m.id);
      expect(res.statusCode, status).toBe(409);
      expect(json(res).error?.code).toBe('not_resendable');
    }
  });

  it('is for admin keys only (403), 404 for no such message, 409 when its gateway is gone', async () => {
    const m = await store('unknown');
    const asOwner = await resend(m.id, t.user.key);
    expect(asOwner.statusCode).toBe(403);
    expect((await resend('msg_does_not_exist')).statusCode).toBe(404);
    const orphan = await store('failed', 'gateway-that-was-deleted');
    const res = await resend(orphan.id);
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('gateway_missing');
    expect(json(await t.request({ method: 'GET', url: `/v1/messages/${m.id}`, key: t.user.key })).status).toBe('unknown');
  });
});

describe('DELETE /v1/gateways/:name', () => {
  it('is refused with 409 gateway_in_use while messages are queued, scheduled or sending on it', async () => {
    const name = await t.createGateway();
    const pending = [
      await store('queued', name),
      await store('scheduled', name),
      await store('sending', name),
      await store('sending', name),
    ];
    // Finished ones do not hold it.
    await store('unknown', name);
    await store('delivered', name);
    const refused = await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` });
    expect(refused.statusCode).toBe(409);
    const err = json(refused).error as { code: string; message: string; details?: unknown };
    expect(err.code).toBe('gateway_in_use');
    expect(err.message).toContain('4 message(s)');
    expect(err.message).toContain('enabled');
    expect(err.details).toEqual({ pending: { queued: 1, scheduled: 1, sending: 2 } });
    expect((await t.request({ method: 'GET', url: `/v1/gateways/${name}` })).statusCode).toBe(200);

    await t.database.db.update(messages).set({ status: 'cancelled' }).where(eq(messages.gateway, name));
    expect(pending).toHaveLength(4);
    expect((await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` })).statusCode).toBe(404);
  });
});

describe('/metrics: unknown messages', () => {
  // A database of its own: the count is over every message, and other files make unknown ones.
  let own: PrivateDatabase;
  let app: FastifyInstance;
  const queues = testQueues();
  beforeAll(async () => {
    own = await privateDatabase('metrics');
    const config = loadApiConfig({ DATABASE_URL: own.url, SMSGW_QUEUE_PREFIX: queues.prefix, SMSGW_ENCRYPTION_KEY: testEncryptionKey() });
    app = await buildApp({
      db: own.database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(queues.connection, queues.prefix),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await queues.close();
    await queues.connection.quit();
    await own?.drop();
  });

  const scrape = async (): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics' })).body;

  it('counts them at scrape time', async () => {
    expect(await scrape()).toMatch(/^smsgw_messages\{status="unknown"\} 0$/m);
    const { accountId } = await testAccount(own.database);
    for (const status of ['unknown', 'unknown', 'sent'] as const) {
      await insertMessage(own.database.db, {
        id: newId('msg'),
        accountId,
        to: '+447400123456',
        content: 'x',
        encoding: 'gsm7',
        segments: 1,
        status,
        gateway: 'g',
      });
    }
    expect(await scrape()).toMatch(/^smsgw_messages\{status="unknown"\} 2$/m);
  });
});
