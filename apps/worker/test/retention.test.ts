import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ConfigError, envReader, idAtTime, jobQueueName, type MessageStatus } from '@smsgw/core';
import { rowsOf, type Db } from '@smsgw/db';
import { sql } from 'drizzle-orm';
import { eventually, privateDatabase, redisUrl, testAccount, testQueues, type PrivateDatabase } from '../../../test/support/env.js';
import { readRetentionConfig, runRetention, scheduleRetention, type RetentionConfig } from '../src/processors/retention.js';
import { createJobWorker } from '../src/worker.js';
import { redisConnection } from '@smsgw/queues';

/**
 * Retention deletes whole tables' old rows, so it runs on a database of its own. Rows are made
 * "old" the way production makes them: an id minted at that time (ids are time-ordered) and the
 * same created_at.
 */
const DAY = 24 * 3600_000;
const log = pino({ level: 'silent' });
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An id of the kind minted `daysAgo` days ago (the time part of a ULID, random after it). */
function idAgo(prefix: 'msg' | 'rpl' | 'whk', daysAgo: number): string {
  const random = [...randomBytes(16)].map((b) => B32[b % 32]).join('');
  return `${idAtTime(prefix, Date.now() - daysAgo * DAY).slice(0, -16)}${random}`;
}
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function config(days: Partial<RetentionConfig['days']>, extra: Partial<RetentionConfig> = {}): RetentionConfig {
  return {
    days: { messages: 0, events: 0, reports: 0, replies: 0, webhookDeliveries: 0, ...days },
    batchSize: 1000,
    everyMs: 3600_000,
    maxRunMs: 60_000,
    keepUnbilled: true,
    ...extra,
  };
}

describe('retention', () => {
  let pdb: PrivateDatabase;
  let db: Db;
  let accountId: string;

  beforeAll(async () => {
    pdb = await privateDatabase('retention');
    db = pdb.database.db;
    ({ accountId } = await testAccount(pdb.database));
  });
  afterAll(async () => pdb.drop());
  beforeEach(async () => {
    await db.execute(sql`TRUNCATE message_events, status_reports, webhook_deliveries, replies, messages`);
  });

  interface Seed {
    daysAgo: number;
    status?: MessageStatus;
    billed?: boolean;
    charge?: string | null;
  }

  /** A message with one event, one report and one delivered webhook, all as old as it is. */
  async function message(s: Seed): Promise<string> {
    const id = idAgo('msg', s.daysAgo);
    const at = ago(s.daysAgo);
    await db.execute(sql`
      INSERT INTO messages (id, account_id, "to", content, encoding, segments, status, gateway, gateway_message_id, billed, gateway_charge, created_at, updated_at)
      VALUES (${id}, ${accountId}, '+447700900001', 'hi', 'gsm7', 1, ${s.status ?? 'delivered'}, 'gw', ${`gw-${id}`}, ${s.billed ?? true},
        ${s.charge ?? null}, ${at}::timestamptz, ${at}::timestamptz)`);
    await db.execute(
      sql`INSERT INTO message_events (message_id, type, status, at) VALUES (${id}, 'accepted', 'queued', ${at}::timestamptz)`,
    );
    await db.execute(sql`
      INSERT INTO status_reports (gateway, gateway_message_id, message_id, status, provider_status, state, received_at)
      VALUES ('gw', ${`gw-${id}`}, ${id}, 'delivered', 'DELIVRD', 'applied', ${at}::timestamptz)`);
    await delivery(id, s.daysAgo, 'delivered');
    return id;
  }

  async function delivery(messageId: string | null, daysAgo: number, state: string): Promise<string> {
    const id = idAgo('whk', daysAgo);
    await db.execute(sql`
      INSERT INTO webhook_deliveries (id, account_id, message_id, url, event_type, payload, state, created_at)
      VALUES (${id}, ${accountId}, ${messageId}, 'http://127.0.0.1:9/', 'message.status', '{}'::jsonb, ${state}, ${ago(daysAgo)}::timestamptz)`);
    return id;
  }

  async function reply(messageId: string | null, daysAgo: number, handlerState: string | null = null): Promise<string> {
    const id = idAgo('rpl', daysAgo);
    await db.execute(sql`
      INSERT INTO replies (id, account_id, message_id, gateway, "from", content, received_at, handler_state, created_at)
      VALUES (${id}, ${accountId}, ${messageId}, 'gw', '+447700900001', 'yes', ${ago(daysAgo)}::timestamptz, ${handlerState}, ${ago(daysAgo)}::timestamptz)`);
    return id;
  }

  async function ids(table: 'messages' | 'replies' | 'webhook_deliveries'): Promise<string[]> {
    return rowsOf(await db.execute(sql`SELECT id FROM ${sql.identifier(table)} ORDER BY id`)).map((r) => String(r['id']));
  }
  async function count(table: string, where = sql`true`): Promise<number> {
    const [row] = rowsOf(await db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`));
    return Number(row?.['n']);
  }

  it('deletes old final messages with their events, reports and webhooks; their replies stay, unlinked', async () => {
    const old = await message({ daysAgo: 40 });
    const young = await message({ daysAgo: 5 });
    const answer = await reply(old, 40);
    const report = await runRetention({ db, config: config({ messages: 30 }), log });
    expect(report.messages.deleted).toBe(1);
    expect(await ids('messages')).toEqual([young]);
    for (const table of ['message_events', 'status_reports', 'webhook_deliveries']) {
      expect(await count(table, sql`message_id = ${old}`), table).toBe(0);
      expect(await count(table, sql`message_id = ${young}`), table).toBe(1);
    }
    const [kept] = rowsOf(await db.execute(sql`SELECT id, message_id FROM replies`));
    expect(kept).toEqual({ id: answer, message_id: null });
  });

  it('never deletes a message that is not final, nor one with a webhook still to deliver', async () => {
    const keep: string[] = [];
    for (const status of ['queued', 'scheduled', 'sending', 'unknown'] as const) keep.push(await message({ daysAgo: 90, status }));
    const owed = await message({ daysAgo: 90 });
    await delivery(owed, 90, 'retrying');
    keep.push(owed);
    const gone = await message({ daysAgo: 90, status: 'failed', billed: false });
    await runRetention({ db, config: config({ messages: 30 }), log });
    expect(await ids('messages')).toEqual(keep.sort());
    expect(await ids('messages')).not.toContain(gone);
  });

  it('keeps unbilled billable messages until they are billed; never-billable ones go', async () => {
    const unbilledSent = await message({ daysAgo: 60, status: 'sent', billed: false });
    const unbilledDelivered = await message({ daysAgo: 60, status: 'delivered', billed: false });
    const chargedFailure = await message({ daysAgo: 60, status: 'failed', billed: false, charge: '0.010000' });
    const freeFailure = await message({ daysAgo: 60, status: 'failed', billed: false });
    const cancelled = await message({ daysAgo: 60, status: 'cancelled', billed: false });
    await runRetention({ db, config: config({ messages: 30 }), log });
    expect(await ids('messages')).toEqual([unbilledSent, unbilledDelivered, chargedFailure].sort());
    expect(await ids('messages')).not.toContain(freeFailure);
    expect(await ids('messages')).not.toContain(cancelled);

    // Billed now: the next run deletes them.
    await db.execute(sql`UPDATE messages SET billed = true WHERE id = ${unbilledSent}`);
    await runRetention({ db, config: config({ messages: 30 }), log });
    expect(await ids('messages')).toEqual([unbilledDelivered, chargedFailure].sort());
    // An operator who does not bill turns the rule off.
    await runRetention({ db, config: config({ messages: 30 }, { keepUnbilled: false }), log });
    expect(await ids('messages')).toEqual([]);
  });

  it('deletes in batches of the configured size, stepping over rows it must keep', async () => {
    const kept: string[] = [];
    for (let i = 0; i < 35; i++) {
      await message({ daysAgo: 50 });
      // Rows that stay, between the ones that go: later batches must not get stuck on them.
      if (i % 5 === 0) kept.push(await message({ daysAgo: 50, status: 'queued' }));
    }
    const report = await runRetention({ db, config: config({ messages: 30 }, { batchSize: 10 }), log });
    expect(report.messages.deleted).toBe(35);
    expect(report.messages.batches).toBeGreaterThanOrEqual(5);
    expect(await ids('messages')).toEqual(kept.sort());
    expect(await count('message_events')).toBe(kept.length);
  });

  it('prunes each table by its own age, keeping rows still needed', async () => {
    const final = await message({ daysAgo: 20 });
    const moving = await message({ daysAgo: 20, status: 'unknown' });
    await db.execute(sql`UPDATE status_reports SET state = 'parked' WHERE message_id = ${moving}`);
    const unmatched = await db.execute(sql`
      INSERT INTO status_reports (gateway, gateway_message_id, provider_status, state, received_at)
      VALUES ('gw', 'nobody', 'DELIVRD', 'unmatched', ${ago(20)}::timestamptz) RETURNING id`);
    expect(rowsOf(unmatched)).toHaveLength(1);
    const oldReply = await reply(null, 20);
    const dueReply = await reply(null, 20, 'pending');
    const newReply = await reply(null, 1);
    const pending = await delivery(null, 20, 'pending');
    const failed = await delivery(null, 20, 'failed');

    const report = await runRetention({ db, config: config({ events: 10, reports: 10, replies: 10, webhookDeliveries: 10 }), log });
    expect(report.messages.batches).toBe(0);
    expect(await ids('messages')).toEqual([final, moving].sort());
    // Events and reports: the final message's go, the moving one's stay (its report is parked).
    expect(await count('message_events', sql`message_id = ${final}`)).toBe(0);
    expect(await count('message_events', sql`message_id = ${moving}`)).toBe(1);
    expect(await count('status_reports')).toBe(1);
    expect(await count('status_reports', sql`message_id = ${moving}`)).toBe(1);
    expect(await ids('replies')).toEqual([dueReply, newReply].sort());
    expect(await ids('replies')).not.toContain(oldReply);
    // Deliveries: finished ones go (both messages' delivered ones too), a pending one stays.
    expect(await ids('webhook_deliveries')).toEqual([pending]);
    expect(await ids('webhook_deliveries')).not.toContain(failed);
  });

  it('keeps everything when every age is 0', async () => {
    await message({ daysAgo: 400 });
    await reply(null, 400);
    const report = await runRetention({ db, config: config({}), log });
    expect(Object.values(report).filter((v) => typeof v === 'object' && v.batches > 0)).toEqual([]);
    expect(await count('messages')).toBe(1);
    expect(await count('replies')).toBe(1);
  });

  it('reads its ages from the environment: 0 (keep forever) by default, bounds checked', () => {
    const read = (env: Record<string, string>) => {
      const r = envReader(env);
      const c = readRetentionConfig(r);
      r.done();
      return c;
    };
    expect(read({}).days).toEqual({ messages: 0, events: 0, reports: 0, replies: 0, webhookDeliveries: 0 });
    const c = read({
      SMSGW_RETENTION_MESSAGES_DAYS: '90',
      SMSGW_RETENTION_EVENTS_DAYS: '30',
      SMSGW_RETENTION_REPORTS_DAYS: '31',
      SMSGW_RETENTION_REPLIES_DAYS: '180',
      SMSGW_RETENTION_WEBHOOK_DELIVERIES_DAYS: '7',
      SMSGW_RETENTION_BATCH: '500',
      SMSGW_RETENTION_KEEP_UNBILLED: 'false',
    });
    expect(c.days).toEqual({ messages: 90, events: 30, reports: 31, replies: 180, webhookDeliveries: 7 });
    expect(c.batchSize).toBe(500);
    expect(c.keepUnbilled).toBe(false);
    expect(() => read({ SMSGW_RETENTION_MESSAGES_DAYS: '-1' })).toThrow(ConfigError);
    expect(() => read({ SMSGW_RETENTION_BATCH: 'lots' })).toThrow(ConfigError);
  });

  it('is a scheduled job when an age is set, runs from the schedule, and is unscheduled when none is', async () => {
    const queues = testQueues();
    const connection = redisConnection(redisUrl());
    const queue = queues.get(jobQueueName('retention', {}));
    try {
      const old = await message({ daysAgo: 40 });
      const on = config({ messages: 30 }, { everyMs: 3600_000 });
      await scheduleRetention(queues, on);
      const scheduler = await queue.getJobScheduler('retention');
      expect(scheduler?.every).toBe(3600_000);
      // The scheduler's first job runs at once; a worker of the queue deletes the old message.
      const worker = createJobWorker('retention', (_p, ctx) => runRetention({ db, config: on, log: ctx.log }), {
        connection,
        prefix: queues.prefix,
        logger: log,
        concurrency: 1,
      });
      try {
        await eventually(async () => ((await ids('messages')).includes(old) ? undefined : true), 10_000, 'the scheduled run');
      } finally {
        await worker.close();
      }
      // The periodic check leaves an existing scheduler alone, and re-creates a lost one.
      await scheduleRetention(queues, on, true);
      expect((await queue.getJobScheduler('retention'))?.every).toBe(3600_000);
      await scheduleRetention(queues, config({}));
      expect(await queue.getJobScheduler('retention')).toBeUndefined();
      await scheduleRetention(queues, on, true);
      expect((await queue.getJobScheduler('retention'))?.every).toBe(3600_000);
      await scheduleRetention(queues, config({}));
    } finally {
      await queues.close();
      connection.disconnect();
    }
  });
});
