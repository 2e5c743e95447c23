import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { newId, PermanentJobError } from '@smsgw/core';
import { enqueueStatusWebhook, insertMessage, updateAccountWebhook, webhookDeliveries, type Database } from '@smsgw/db';
import { privateDatabase, testAccount, type PrivateDatabase } from '../../../test/support/env.js';
import { loadWorkerConfig, processWebhook } from '../src/index.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

/**
 * SMSGW_ALLOW_PRIVATE_GATEWAYS lets operators run a sandbox gateway on loopback; it must not also
 * let every account's webhooks reach loopback and private addresses (redis, the admin API, the
 * cloud metadata service). Webhook deliveries follow SMSGW_ALLOW_PRIVATE_WEBHOOKS only.
 */
describe('webhook deliveries and private addresses', () => {
  let own: PrivateDatabase;
  let database: Database;
  let receiver: Receiver;
  let accountId: string;
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    // A database of this file's own: another file's webhook sweep must not deliver our pending rows.
    own = await privateDatabase('webhook_private');
    database = own.database;
    receiver = await startReceiver();
    ({ accountId } = await testAccount(database));
    await updateAccountWebhook(database.db, accountId, { webhookUrl: receiver.url });
  });
  afterAll(async () => {
    await receiver.close();
    await own.drop();
  });

  async function delivery(): Promise<string> {
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
    const id = await enqueueStatusWebhook(database.db, { enqueueWebhook: async () => undefined }, row);
    if (!id) throw new Error('no delivery');
    return id;
  }
  const state = async (id: string) => (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]?.state;
  const hooksFor = (id: string) => receiver.received.filter((h) => h.headers['webhook-id'] === id);

  it('the worker config keeps the two switches apart', () => {
    const gatewaysOnly = loadWorkerConfig({ SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true', SMSGW_HTTP_TIMEOUT_MS: '2000' });
    expect(gatewaysOnly.http.allowPrivate).toBe(true);
    expect(gatewaysOnly.webhookHttp).toEqual({ ...gatewaysOnly.http, allowPrivate: false });
    const webhooksOnly = loadWorkerConfig({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true' });
    expect([webhooksOnly.http.allowPrivate, webhooksOnly.webhookHttp.allowPrivate]).toEqual([false, true]);
  });

  it('refuses a loopback webhook when only private gateways are allowed, once and for good', async () => {
    const config = loadWorkerConfig({ SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true', SMSGW_HTTP_TIMEOUT_MS: '2000' });
    const id = await delivery();
    const run = processWebhook({ deliveryId: id }, { db: database.db, http: config.webhookHttp }, { attemptsMade: 0, maxAttempts: 5, log });
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    expect(await state(id)).toBe('failed');
    expect(hooksFor(id)).toEqual([]);
  });

  it('delivers to loopback when private webhooks are allowed', async () => {
    const config = loadWorkerConfig({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true', SMSGW_HTTP_TIMEOUT_MS: '2000' });
    const id = await delivery();
    const result = await processWebhook(
      { deliveryId: id },
      { db: database.db, http: config.webhookHttp },
      { attemptsMade: 0, maxAttempts: 5, log },
    );
    expect(result).toBe('delivered');
    expect(hooksFor(id)).toHaveLength(1);
  });
});
