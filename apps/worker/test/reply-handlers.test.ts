import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { JOBS, newId } from '@smsgw/core';
import { getReply, insertReply, type Database, type MessageRow, type ReplyRow } from '@smsgw/db';
import { createQueues, redisConnection, type Queues } from '@smsgw/queues';
import { eventually, privateDatabase, redisUrl, testAccount, uniquePrefix, type PrivateDatabase } from '../../../test/support/env.js';
import { seedMessage } from '../../../test/support/fixtures.js';
import {
  createReplyHandlerRegistry,
  loadWorkerConfig,
  processReplyHandler,
  registerReplyHandler,
  startWorkers,
  type ReplyHandlerContext,
  type WorkerRuntime,
} from '../src/index.js';

describe('reply handlers', () => {
  let own: PrivateDatabase;
  let database: Database;
  let queues: Queues;
  let runtime: WorkerRuntime;
  let accountId: string;
  const calls: ReplyHandlerContext[] = [];
  const registry = createReplyHandlerRegistry();
  registerReplyHandler(registry, 'survey', ({ reply, message, log }) => {
    calls.push({ reply, message, log });
  });
  registry.register('boom', () => {
    throw new Error('the handler broke');
  });

  beforeAll(async () => {
    // A database of this file's own: the workers' sweep and balance refresh act on every row and gateway they see.
    own = await privateDatabase('reply_handlers');
    database = own.database;
    const prefix = uniquePrefix();
    queues = createQueues({ connection: redisConnection(redisUrl()), prefix });
    const config = loadWorkerConfig({ DATABASE_URL: own.url, SMSGW_QUEUE_PREFIX: prefix, SMSGW_SWEEP_EVERY_MS: '3600000' });
    runtime = await startWorkers({
      db: database.db,
      queues,
      connection: queues.connection,
      config,
      logger: pino({ level: 'silent' }),
      replyHandlers: registry,
    });
    ({ accountId } = await testAccount(database));
  });
  afterAll(async () => {
    await runtime.close();
    await queues.close();
    await queues.connection.quit();
    await own?.drop();
  });

  const message = (replyHandler: string | null): Promise<MessageRow> =>
    seedMessage(database.db, {
      accountId,
      content: 'Do you come? YES/NO',
      status: 'delivered',
      gateway: 'gw-none',
      replyHandler,
      metadata: { survey: 'q1' },
    });
  const reply = async (m: MessageRow | undefined, content = 'YES'): Promise<ReplyRow> =>
    (
      await insertReply(database.db, {
        id: newId('rpl'),
        accountId: m?.accountId ?? null,
        messageId: m?.id ?? null,
        gateway: 'gw-none',
        from: '+447400123456',
        content,
        receivedAt: new Date(),
        providerId: randomBytes(8).toString('hex'),
        matchedBy: m ? 'reference' : null,
      })
    ).row;
  const job = (id: string) => queues.get(JOBS.replyHandler.queue).getJob(id);

  it('runs the named handler once, in a job, with the reply and its original message', async () => {
    const m = await message('survey');
    const r = await reply(m);
    await queues.enqueue('replyHandler', { replyId: r.id });
    const call = await eventually(async () => calls.find((c) => c.reply.id === r.id), 10_000, 'the handler to run');
    expect(call.reply).toMatchObject({ id: r.id, content: 'YES', from: '+447400123456' });
    expect(call.message).toMatchObject({ id: m.id, replyHandler: 'survey', metadata: { survey: 'q1' } });
    await eventually(async () => ((await (await job(r.id))?.getState()) === 'completed' ? true : undefined), 5000, 'the job to complete');

    // A repeat enqueue of the same reply (a duplicate callback) adds no job; a later reply runs normally.
    await queues.enqueue('replyHandler', { replyId: r.id });
    const later = await reply(m, 'NO');
    await queues.enqueue('replyHandler', { replyId: later.id });
    await eventually(async () => calls.find((c) => c.reply.id === later.id), 10_000, 'the later reply');
    expect(calls.filter((c) => c.reply.id === r.id)).toHaveLength(1);
    expect((await job(r.id))?.attemptsMade).toBe(1);
  });

  it('a failing handler leaves the reply stored and shows the failure in its job (retried)', async () => {
    const m = await message('boom');
    const r = await reply(m);
    await queues.enqueue('replyHandler', { replyId: r.id });
    const failed = await eventually(
      async () => {
        const j = await job(r.id);
        return j && j.attemptsMade >= 1 ? j : undefined;
      },
      10_000,
      'the first attempt to fail',
    );
    expect(failed.failedReason).toContain('the handler broke');
    expect(['delayed', 'waiting', 'active', 'failed']).toContain(await failed.getState());
    expect(failed.opts.attempts).toBe(JOBS.replyHandler.attempts);
    expect(await getReply(database.db, r.id)).toMatchObject({ id: r.id, content: 'YES' });
  });

  it('a handler name no handler is registered under fails at once, visibly', async () => {
    const m = await message('not-registered');
    const r = await reply(m);
    await queues.enqueue('replyHandler', { replyId: r.id });
    const j = await eventually(
      async () => {
        const x = await job(r.id);
        return x && (await x.getState()) === 'failed' ? x : undefined;
      },
      10_000,
      'the job to fail',
    );
    expect(j.failedReason).toContain('no reply handler named "not-registered"');
    expect(j.attemptsMade).toBe(1);
  });

  it('a reply without a message (or a message without a handler) has nothing to run', async () => {
    const log = pino({ level: 'silent' });
    const unmatched = await reply(undefined);
    expect(
      await processReplyHandler(
        { replyId: unmatched.id },
        { db: database.db, registry },
        { log, attemptsMade: 0, maxAttempts: JOBS.replyHandler.attempts },
      ),
    ).toBe('no-handler');
    const plain = await reply(await message(null));
    expect(
      await processReplyHandler(
        { replyId: plain.id },
        { db: database.db, registry },
        { log, attemptsMade: 0, maxAttempts: JOBS.replyHandler.attempts },
      ),
    ).toBe('no-handler');
  });

  it('the registry refuses a name twice and names messages could not give', () => {
    const r = createReplyHandlerRegistry();
    r.register('a', () => undefined);
    expect(() => r.register('a', () => undefined)).toThrow(/already registered/);
    expect(() => r.register('has space', () => undefined)).toThrow(/must be/);
    expect(r.names()).toEqual(['a']);
  });
});
