import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import {
  enqueueReplyWebhook,
  getMessageById,
  optOuts,
  replies,
  stalePendingReplyHandlers,
  webhookDeliveries,
  type Database,
} from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { privateDatabase, testAccount, testQueues, type PrivateDatabase } from '../../../test/support/env.js';
import { callback, callbackToken, seedMessage, uniqueNumber } from './callbacks-fixtures.js';
import { testEncryptionKey, uniqueGatewayName } from './helpers.js';

/**
 * Finding B: the reply row used to be committed first, and its opt-out, webhook and handler job
 * written after it; when one of those failed, the provider's retry found "already stored" and
 * they were lost for good. The reply and its consequences are now one statement, and the jobs
 * only wake up what the database already records.
 */
describe('replies: a reply and its consequences are one unit', () => {
  let own: PrivateDatabase;
  let database: Database;
  let real: Queues;
  let app: FastifyInstance;
  let gw: string;
  let replyPath: string;
  let accountId: string;

  beforeAll(async () => {
    // A database of this file's own: the test installs triggers that make inserts fail.
    own = await privateDatabase('replies_atomic');
    database = own.database;
    real = testQueues();
    // Redis "down" for the reply path: every enqueue fails after the statement committed.
    const down = () => Promise.reject(new Error('redis is down'));
    const queues: Queues = { ...real, enqueue: down, enqueueWebhook: down, wakeWebhooks: () => undefined };
    const config = loadApiConfig({
      DATABASE_URL: own.url,
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true',
      SMSGW_QUEUE_PREFIX: real.prefix,
      SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
      SMSGW_PUBLIC_URL: 'http://smsgw.test',
    });
    app = await buildApp({
      db: database.db,
      queues,
      config,
      logger: pino({ level: 'silent' }),
      notifier: gatewayNotifier(real.connection, real.prefix),
    });
    await app.ready();
    const admin = await testAccount(database, true);
    gw = uniqueGatewayName();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/gateways',
      headers: { authorization: `Bearer ${admin.key}` },
      payload: { name: gw, preset: 'sandbox', settings: { baseUrl: 'http://127.0.0.1:9' } },
    });
    expect(created.statusCode).toBe(201);
    replyPath = `/callbacks/${gw}/${await callbackToken(database.db, gw)}/reply`;
    ({ accountId } = await testAccount(database));
    await database.db.execute(
      sql.raw(`
      CREATE TABLE injected_failures (number text PRIMARY KEY);
      CREATE FUNCTION fail_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM injected_failures f WHERE f.number = NEW.number) THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE FUNCTION fail_webhook() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM injected_failures f WHERE f.number = NEW.payload #>> '{data,reply,from}') THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER opt_outs_fail BEFORE INSERT ON opt_outs FOR EACH ROW EXECUTE FUNCTION fail_opt_out();
      CREATE TRIGGER webhook_deliveries_fail BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION fail_webhook();`),
    );
  });
  afterAll(async () => {
    await app?.close();
    await real?.close();
    await real?.connection.quit();
    await own?.drop();
  });

  const post = (from: string, text: string, providerId: string) =>
    callback(app, replyPath, {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({ msisdn: from.slice(1), to: 'SMSGW', text, message_id: providerId }).toString(),
    });
  /** Everything a reply from `phone` left in the database. */
  async function state(phone: string) {
    const rows = await database.db.select().from(replies).where(eq(replies.from, phone));
    const outs = await database.db.select().from(optOuts).where(eq(optOuts.number, phone));
    const hooks = await database.db
      .select()
      .from(webhookDeliveries)
      .where(sql`${webhookDeliveries.payload} #>> '{data,reply,from}' = ${phone}`);
    return { rows, outs, hooks };
  }
  const conversation = async (phone: string) =>
    seedMessage(database.db, accountId, gw, { to: phone, replyHandler: 'survey', webhookUrl: 'http://127.0.0.1:9/hook' });
  const fail = (phone: string) => database.db.execute(sql`INSERT INTO injected_failures (number) VALUES (${phone})`);
  const heal = (phone: string) => database.db.execute(sql`DELETE FROM injected_failures WHERE number = ${phone}`);

  it('with the queues down, the opt-out, the webhook row and the due handler are stored with the reply; a retry changes nothing', async () => {
    const phone = uniqueNumber();
    const m = await conversation(phone);
    const providerId = `sbx_in_${randomBytes(8).toString('hex')}`;
    expect((await post(phone, 'STOP', providerId)).statusCode).toBe(200);

    const first = await state(phone);
    expect(first.rows).toHaveLength(1);
    const [r] = first.rows;
    expect(r).toMatchObject({ accountId, messageId: m.id, keyword: 'stop', handlerState: 'pending' });
    expect(first.outs.map((o) => [o.accountId, o.source])).toEqual([[accountId, `reply:${r?.id}`]]);
    expect(first.hooks).toHaveLength(1);
    expect(first.hooks[0]).toMatchObject({
      replyId: r?.id,
      messageId: m.id,
      state: 'pending',
      eventType: 'message.reply',
      url: 'http://127.0.0.1:9/hook',
    });
    // The handler job never reached Redis: the sweep finds the reply by its state.
    expect(await stalePendingReplyHandlers(database.db, new Date(Date.now() + 60_000), 1000)).toContain(r?.id);

    // The provider retries (it may not have seen our answer): 2xx, and nothing new or changed.
    expect((await post(phone, 'STOP', providerId)).statusCode).toBe(200);
    expect(await state(phone)).toEqual(first);
  });

  it('when the opt-out cannot be stored, nothing is: the provider retry stores the reply and all of it', async () => {
    const phone = uniqueNumber();
    await conversation(phone);
    const providerId = `sbx_in_${randomBytes(8).toString('hex')}`;
    await fail(phone);
    expect((await post(phone, 'STOP', providerId)).statusCode).toBeGreaterThanOrEqual(500);
    expect(await state(phone)).toEqual({ rows: [], outs: [], hooks: [] });

    await heal(phone);
    expect((await post(phone, 'STOP', providerId)).statusCode).toBe(200);
    const after = await state(phone);
    expect(after.rows).toHaveLength(1);
    expect(after.outs).toHaveLength(1);
    expect(after.hooks).toHaveLength(1);
  });

  it('when the webhook row cannot be stored, nothing is: the provider retry stores the reply and its webhook', async () => {
    const phone = uniqueNumber();
    await conversation(phone);
    const providerId = `sbx_in_${randomBytes(8).toString('hex')}`;
    await fail(phone);
    expect((await post(phone, 'thanks', providerId)).statusCode).toBeGreaterThanOrEqual(500);
    expect((await state(phone)).rows).toEqual([]);

    await heal(phone);
    expect((await post(phone, 'thanks', providerId)).statusCode).toBe(200);
    const after = await state(phone);
    expect(after.rows).toHaveLength(1);
    expect(after.hooks.map((h) => h.replyId)).toEqual([after.rows[0]?.id]);
  });

  it('START lifts the opt-out in the same statement', async () => {
    const phone = uniqueNumber();
    await conversation(phone);
    expect((await post(phone, 'STOP', `sbx_in_${randomBytes(8).toString('hex')}`)).statusCode).toBe(200);
    expect((await state(phone)).outs).toHaveLength(1);
    expect((await post(phone, 'START', `sbx_in_${randomBytes(8).toString('hex')}`)).statusCode).toBe(200);
    expect((await state(phone)).outs).toEqual([]);
  });

  it('the outbox row carries the message.reply payload enqueueReplyWebhook builds, to the same URL', async () => {
    const phone = uniqueNumber();
    const m = await seedMessage(database.db, accountId, gw, { to: phone, webhookUrl: 'http://127.0.0.1:9/hook', metadata: { ticket: 7 } });
    expect((await post(phone, 'Thanks!', `sbx_in_${randomBytes(8).toString('hex')}`)).statusCode).toBe(200);
    const { rows, hooks } = await state(phone);
    const [r] = rows;
    const [stored] = hooks;
    if (!r || !stored) throw new Error('reply or its webhook missing');
    // The old path, as an oracle: it writes a second delivery row, built in TypeScript.
    const oracleId = await enqueueReplyWebhook(
      database.db,
      { enqueueWebhook: async () => undefined },
      r,
      await getMessageById(database.db, m.id),
    );
    const [oracle] = await database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, oracleId ?? ''));
    expect(stored.payload).toEqual(oracle?.payload);
    expect(stored.url).toBe(oracle?.url);
  });
});
