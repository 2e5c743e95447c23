import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp, loadApiConfig } from '@smsgw/api';
import type { Database } from '@smsgw/db';
import { verifyWebhook } from '@smsgw/gateways';
import { createQueues, gatewayNotifier, redisConnection, type Queues } from '@smsgw/queues';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { createReplyHandlerRegistry, loadWorkerConfig, startWorkers, type ReplyHandlerContext, type WorkerRuntime } from '@smsgw/worker';
import { apiClient, type ApiCall } from '../support/api-client.js';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../support/env.js';
import { uniqueNumber } from '../support/fixtures.js';
import { startReceiver, type Receiver } from '../../apps/worker/test/webhooks-receiver.js';

interface Hook {
  type: string;
  data: Record<string, unknown> & { id?: string; status?: string; reply?: Record<string, unknown>; messageId?: string };
}

/**
 * The whole reply path in one process: a message goes out through the sandbox and ends
 * delivered by the sandbox's own report; a reply typed at the sandbox's phone comes back over
 * HTTP, reaches the message's reply handler and the application's webhook; STOP and START work.
 */
describe('delivery reports and replies, end to end', () => {
  let own: PrivateDatabase;
  let database: Database;
  let queues: Queues;
  let sandbox: Sandbox;
  let receiver: Receiver;
  let app: FastifyInstance;
  let runtime: WorkerRuntime;
  let api: ApiCall;
  let secret: string;
  let gateway: string;
  const handled: ReplyHandlerContext[] = [];

  /** Webhooks received for a message, verified; a bad signature fails the test. */
  const hooks = (messageId: string): Hook[] =>
    receiver.received
      .map((h) => {
        expect(verifyWebhook(secret, h.headers, h.body)).toEqual({ ok: true });
        return JSON.parse(h.body) as Hook;
      })
      .filter((h) => h.data.id === messageId || h.data.messageId === messageId);

  beforeAll(async () => {
    // A database of this file's own: the workers' sweep and balance refresh act on every row and gateway they see.
    own = await privateDatabase('e2e_replies');
    database = own.database;
    const prefix = uniquePrefix();
    queues = createQueues({ connection: redisConnection(redisUrl()), prefix, webhookAttempts: 3, webhookBackoffMs: 20 });
    sandbox = await createSandbox({ dlrDelayMs: 20 });
    receiver = await startReceiver();
    const env = {
      DATABASE_URL: own.url,
      SMSGW_QUEUE_PREFIX: prefix,
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      // The webhook receiver is on loopback too.
      SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
      SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SMSGW_SWEEP_EVERY_MS: '3600000',
      LOG_LEVEL: 'silent',
    };
    const logger = pino({ level: 'silent' });
    app = await buildApp({
      db: database.db,
      queues,
      config: loadApiConfig(env),
      logger,
      notifier: gatewayNotifier(queues.connection, prefix),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const replyHandlers = createReplyHandlerRegistry();
    replyHandlers.register('survey', (ctx) => {
      handled.push(ctx);
    });
    const config = loadWorkerConfig({ ...env, SMSGW_PUBLIC_URL: apiUrl });
    runtime = await startWorkers({ db: database.db, queues, connection: queues.connection, config, logger, replyHandlers });
    api = apiClient(apiUrl, (await testAccount(database, true)).key);

    const account = await api('PATCH', '/v1/account', { webhookUrl: receiver.url });
    expect(account.status).toBe(200);
    secret = String(account.json['webhookSecret']);
    gateway = `gw-${randomBytes(5).toString('hex')}`;
    const gw = await api('POST', '/v1/gateways', { name: gateway, preset: 'sandbox', settings: { baseUrl: sandbox.url } });
    expect(gw.status).toBe(201);
    await runtime.sync();
  });
  afterAll(async () => {
    await runtime.close();
    await sandbox.idle();
    await app.close();
    await sandbox.close();
    await receiver.close();
    await queues.close();
    await queues.connection.quit();
    await own?.drop();
  });

  it('a message ends delivered by the sandbox report, and its reply reaches the handler and the webhook', async () => {
    const to = uniqueNumber();
    const sent = await api('POST', '/v1/messages', {
      to,
      content: 'Coming on Friday? YES/NO',
      gateway,
      replyCallback: 'survey',
      metadata: { event: 'friday' },
    });
    expect(sent.status).toBe(202);
    const id = String(sent.json['id']);

    const delivered = await eventually(
      async () => {
        const m = await api('GET', `/v1/messages/${id}`);
        return m.json['status'] === 'delivered' ? m.json : undefined;
      },
      15_000,
      'the message to be delivered',
    );
    expect(delivered['deliveredAt']).not.toBeNull();
    expect(delivered['charge']).toMatchObject({ amount: expect.stringMatching(/^0\.005/) });
    // Every status change is its own webhook delivery (own job, own retries), so they may arrive in
    // any order: wait for both rather than for the last one.
    const statuses = () =>
      hooks(id)
        .filter((h) => h.type === 'message.status')
        .map((h) => h.data.status);
    await eventually(
      async () => (statuses().includes('sent') && statuses().includes('delivered') ? true : undefined),
      10_000,
      'the sent and delivered webhooks',
    );

    const inbound = await sandbox.inbound({ from: to, to: 'SMSGW', text: 'YES' });
    expect(inbound.status).toBe(200);
    const call = await eventually(async () => handled.find((h) => h.message.id === id), 10_000, 'the reply handler');
    expect(call.reply).toMatchObject({ content: 'YES', from: to, messageId: id, matchedBy: 'reference' });
    expect(call.message.metadata).toEqual({ event: 'friday' });
    const replyHook = await eventually(async () => hooks(id).find((h) => h.type === 'message.reply'), 10_000, 'the reply webhook');
    expect(replyHook.data.reply).toMatchObject({ content: 'YES', from: to });

    const withReplies = await api('GET', `/v1/messages/${id}`);
    expect((withReplies.json['replies'] as { content: string }[]).map((r) => r.content)).toEqual(['YES']);
    const listed = await api('GET', `/v1/replies?messageId=${id}`);
    expect((listed.json['data'] as unknown[]).length).toBe(1);
    const deliveries = await api('GET', `/v1/webhook-deliveries?messageId=${id}`);
    const states = (deliveries.json['data'] as { state: string }[]).map((d) => d.state);
    expect(states.length).toBeGreaterThanOrEqual(3);
    await eventually(
      async () => {
        const d = await api('GET', `/v1/webhook-deliveries?messageId=${id}`);
        return (d.json['data'] as { state: string }[]).every((x) => x.state === 'delivered') ? true : undefined;
      },
      10_000,
      'every webhook to be delivered',
    );
    expect(handled.filter((h) => h.message.id === id)).toHaveLength(1);
  });

  it('STOP from the phone refuses the next send (422); START lets it through', async () => {
    const to = uniqueNumber();
    const first = await api('POST', '/v1/messages', { to, content: 'Weekly news', gateway });
    expect(first.status).toBe(202);
    await eventually(
      async () => {
        const m = await api('GET', `/v1/messages/${String(first.json['id'])}`);
        return m.json['status'] === 'delivered' ? true : undefined;
      },
      15_000,
      'the first message to be delivered',
    );

    expect((await sandbox.inbound({ from: to, to: 'SMSGW', text: 'Stop' })).status).toBe(200);
    const refused = await api('POST', '/v1/messages', { to, content: 'More news', gateway });
    expect(refused.status).toBe(422);
    expect((refused.json['error'] as { code: string }).code).toBe('recipient_opted_out');

    expect((await sandbox.inbound({ from: to, to: 'SMSGW', text: 'START' })).status).toBe(200);
    expect((await api('POST', '/v1/messages', { to, content: 'Welcome back', gateway })).status).toBe(202);
  });
});
