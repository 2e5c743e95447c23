import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  attachChangeObserver,
  attachOutboxWaker,
  receiveInbound,
  transition,
  updateAccountWebhook,
  webhookDeliveries,
  type Database,
} from '@smsgw/db';
import { testAccount, testDatabase } from '../../../test/support/env.js';
import { seedMessage, uniqueName, uniqueNumber } from '../../../test/support/fixtures.js';

/**
 * The rule "a statement that writes a webhook row (or a reply due a handler) wakes its job" lives
 * in the data layer: callers pass no hook, and every such statement wakes the process's waker.
 */
describe('outbox wake-ups belong to the statements that write the rows', () => {
  let database: Database;
  let accountId: string;
  const webhooks: string[] = [];
  const handlers: string[] = [];
  let detach: () => void;

  beforeAll(async () => {
    database = await testDatabase();
    ({ accountId } = await testAccount(database));
    await updateAccountWebhook(database.db, accountId, { webhookUrl: 'http://127.0.0.1:9/hook' });
    detach = attachOutboxWaker(database.db, {
      wakeWebhooks: (ids) => webhooks.push(...ids),
      wakeReplyHandlers: (ids) => handlers.push(...ids),
    });
  });
  afterAll(async () => {
    detach();
    await database.close();
  });

  const outboxOf = async (messageId: string) =>
    (await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, messageId))).map((d) => d.id);

  it('a transition to a status the application hears of wakes exactly the row it wrote', async () => {
    const m = await seedMessage(database.db, { accountId, status: 'queued' });
    const changed = await transition(database.db, m.id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' });
    expect(changed?.webhookId).toBeTruthy();
    const written = await outboxOf(m.id);
    expect(written).toEqual([changed?.webhookId]);
    expect(webhooks).toContain(changed?.webhookId);
  });

  it('a transition that writes no webhook row wakes nothing', async () => {
    const m = await seedMessage(database.db, { accountId, status: 'queued' });
    const before = webhooks.length;
    // `sending` is not told to the application: no row, no wake-up.
    const changed = await transition(database.db, m.id, ['queued'], { status: 'sending' }, { type: 'sending' });
    expect(changed?.status).toBe('sending');
    expect(await outboxOf(m.id)).toEqual([]);
    expect(webhooks.length).toBe(before);
  });

  it('a stored reply wakes its webhook and, when due one, its handler', async () => {
    const gateway = uniqueName('wake');
    const to = uniqueNumber();
    const m = await seedMessage(database.db, { accountId, gateway, routeGateways: [gateway], to, status: 'sent', replyHandler: 'echo' });
    const { row, created } = await receiveInbound(
      database.db,
      { gateway, from: to, to: undefined, text: 'yes please', reference: m.id, raw: {} },
      { windowHours: 24, defaultCountry: undefined },
    );
    expect(created).toBe(true);
    expect(row.messageId).toBe(m.id);
    expect(handlers).toContain(row.id);
    const [delivery] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.replyId, row.id));
    expect(delivery).toBeDefined();
    expect(webhooks).toContain(delivery?.id);
  });

  it('a waker that throws does not undo or fail the statement (the sweep is the net)', async () => {
    const off = attachOutboxWaker(database.db, {
      wakeWebhooks: () => {
        throw new Error('redis down');
      },
      wakeReplyHandlers: () => undefined,
    });
    try {
      const m = await seedMessage(database.db, { accountId, status: 'queued' });
      const changed = await transition(database.db, m.id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' });
      expect(changed?.status).toBe('cancelled');
      expect(await outboxOf(m.id)).toHaveLength(1);
    } finally {
      off();
    }
  });
});

describe('status changes outside the hot path are told to the process observer', () => {
  it('transition tells the latest observer the rows it changed; a failing observer changes nothing', async () => {
    const database = await testDatabase();
    try {
      const { accountId } = await testAccount(database);
      const seen: string[] = [];
      const off = attachChangeObserver(database.db, (rows) => seen.push(...rows.map((r) => `${r.id}:${r.status}`)));
      const m = await seedMessage(database.db, { accountId, status: 'queued' });
      await transition(database.db, m.id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' });
      // Not in `from` any more: nothing changes, nothing is told.
      await transition(database.db, m.id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' });
      expect(seen).toEqual([`${m.id}:cancelled`]);
      const failing = attachChangeObserver(database.db, () => {
        throw new Error('metrics broke');
      });
      const other = await seedMessage(database.db, { accountId, status: 'queued' });
      expect((await transition(database.db, other.id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' }))?.status).toBe(
        'cancelled',
      );
      failing();
      off();
    } finally {
      await database.close();
    }
  });
});
