import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { newId } from '@smsgw/core';
import { getReply, insertMessage, insertReply, stalePendingReplyHandlers, type Database, type ReplyRow } from '@smsgw/db';
import { testAccount, testDatabase } from '../../../test/support/env.js';
import { createReplyHandlerRegistry, processReplyHandler } from '../src/index.js';

/**
 * The reply handler is due from the statement that stored the reply ('pending'); the job is a
 * wake-up. The worker records the outcome, so the sweep can find handlers whose job was lost.
 */
describe('reply handler state', () => {
  let database: Database;
  let accountId: string;
  const ran: string[] = [];
  const registry = createReplyHandlerRegistry();
  registry.register('count', ({ reply }) => {
    ran.push(reply.id);
  });
  registry.register('broken', () => {
    throw new Error('the handler broke');
  });
  const log = pino({ level: 'silent' });
  // A first attempt of several: a failure here is not the last.
  const first = { log, attemptsMade: 0, maxAttempts: 3 };

  beforeAll(async () => {
    database = await testDatabase();
    ({ accountId } = await testAccount(database));
  });
  afterAll(async () => database.close());

  /** A reply due for `handler`, created (as far as the sweep can tell) `ageMs` ago. */
  async function due(handler: string | null, ageMs = 0): Promise<ReplyRow> {
    const { row: m } = await insertMessage(database.db, {
      id: newId('msg'),
      accountId,
      to: '+447400123457',
      content: 'Q?',
      encoding: 'gsm7',
      segments: 1,
      status: 'delivered',
      gateway: 'gw-none',
      replyHandler: handler,
    });
    const { row } = await insertReply(database.db, {
      id: newId('rpl'),
      accountId,
      messageId: m.id,
      gateway: 'gw-none',
      from: m.to,
      content: 'yes',
      receivedAt: new Date(),
      providerId: randomBytes(8).toString('hex'),
      matchedBy: 'recent',
      handlerState: 'pending',
      createdAt: new Date(Date.now() - ageMs),
    });
    return row;
  }
  const stateOf = async (id: string) => (await getReply(database.db, id))?.handlerState;

  it('a pending handler is listed for the sweep once old enough, and not after it ran', async () => {
    // Dated long ago so it comes before any other file's pending replies in the oldest-first list.
    const r = await due('count', 10 * 365 * 24 * 3600_000);
    const fresh = await due('count');
    const stale = await stalePendingReplyHandlers(database.db, new Date(Date.now() - 60_000), 1000);
    expect(stale).toContain(r.id);
    expect(stale).not.toContain(fresh.id);

    expect(await processReplyHandler({ replyId: r.id }, { db: database.db, registry }, first)).toBe('handled');
    expect(await stateOf(r.id)).toBe('done');
    expect(await stalePendingReplyHandlers(database.db, new Date(Date.now() - 60_000), 1000)).not.toContain(r.id);
  });

  it('a handler that ran is not run again by a second job (a sweep re-queue)', async () => {
    const r = await due('count');
    await processReplyHandler({ replyId: r.id }, { db: database.db, registry }, first);
    expect(await processReplyHandler({ replyId: r.id }, { db: database.db, registry }, first)).toBe('already-handled');
    expect(ran.filter((id) => id === r.id)).toHaveLength(1);
  });

  it('a throwing handler stays pending until its last attempt, then is failed', async () => {
    const r = await due('broken');
    const run = (attemptsMade: number) =>
      processReplyHandler({ replyId: r.id }, { db: database.db, registry }, { log, attemptsMade, maxAttempts: 3 });
    await expect(run(0)).rejects.toThrow('the handler broke');
    expect(await stateOf(r.id)).toBe('pending');
    await expect(run(2)).rejects.toThrow('the handler broke');
    expect(await stateOf(r.id)).toBe('failed');
  });

  it('an unregistered handler is failed at once', async () => {
    const r = await due('nobody-registered-this');
    await expect(processReplyHandler({ replyId: r.id }, { db: database.db, registry }, first)).rejects.toThrow(/no reply handler named/);
    expect(await stateOf(r.id)).toBe('failed');
  });

  it('a message without a handler leaves nothing due', async () => {
    const r = await due(null);
    expect(await processReplyHandler({ replyId: r.id }, { db: database.db, registry }, first)).toBe('no-handler');
    expect(await stateOf(r.id)).toBe('done');
  });
});
