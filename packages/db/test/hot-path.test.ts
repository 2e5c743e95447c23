import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageWebhookData, newId } from '@smsgw/core';
import {
  applyPendingReports,
  attachOutboxWaker,
  addOptOut,
  createHotPath,
  getMessageById,
  insertMessage,
  listEvents,
  reportWaits,
  statusReports,
  transition,
  updateAccountWebhook,
  webhookDeliveries,
  type Database,
  type HotPath,
  type MessageRow,
  type NewMessage,
} from '@smsgw/db';
import { eq } from 'drizzle-orm';
import { testAccount, testDatabase } from '../../../test/support/env.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';

const number = () => uniqueNumber('75');

describe('the hot path: grouped, prepared statements that own their consequences', () => {
  let database: Database;
  let hot: HotPath;
  let accountId: string;
  const woken: string[] = [];
  const gateway = `hot-${randomInt(0, 1e9)}`;

  const values = (extra: Partial<NewMessage> = {}): NewMessage => ({
    id: newId('msg'),
    accountId,
    to: number(),
    content: 'hello',
    encoding: 'gsm7',
    segments: 1,
    status: 'queued',
    gateway,
    routeGateways: [gateway],
    ...extra,
  });
  const deliveries = (messageId: string) => database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, messageId));

  beforeAll(async () => {
    database = await testDatabase();
    ({ accountId } = await testAccount(database));
    await updateAccountWebhook(database.db, accountId, { webhookUrl: 'http://127.0.0.1:9/hook' });
    // The test's own waker: every statement that writes an outbox row must wake it.
    attachOutboxWaker(database.db, { wakeWebhooks: (ids) => woken.push(...ids), wakeReplyHandlers: () => undefined });
    hot = createHotPath(database.db);
  });
  afterAll(async () => {
    await hot.drain();
    await database.close();
  });

  it('concurrent accepts share statements, and each caller gets its own row', async () => {
    const before = hot.stats().accept;
    const inputs = Array.from({ length: 40 }, () => values());
    const results = await Promise.all(inputs.map((v) => hot.accept(v)));
    const after = hot.stats().accept;
    expect(results.map((r) => (r.kind === 'created' ? r.row.id : r.kind))).toEqual(inputs.map((v) => v.id));
    expect(after.rows - before.rows).toBe(40);
    // Two statements in flight at most, the rest grouped behind them: far fewer than 40.
    expect(after.statements - before.statements).toBeLessThanOrEqual(4);
    const [first] = results;
    expect(first?.kind === 'created' && (await listEvents(database.db, first.row.id)).map((e) => e.type)).toEqual(['accepted']);
  });

  it('the opt-out check is part of the insert: an opted-out recipient is refused and nothing is stored', async () => {
    const v = values();
    await addOptOut(database.db, accountId, v.to, 'test');
    expect(await hot.accept(v)).toEqual({ kind: 'blocked' });
    expect(await listEvents(database.db, v.id)).toEqual([]);
  });

  it('a repeated idempotency key is reported as a duplicate, even after an opt-out', async () => {
    const v = values({ idempotencyKey: `k-${randomInt(0, 1e9)}` });
    expect((await hot.accept(v)).kind).toBe('created');
    await addOptOut(database.db, accountId, v.to, 'test');
    expect(await hot.accept({ ...v, id: newId('msg') })).toEqual({ kind: 'duplicate' });
  });

  it('claim and finish write the event and the webhook row in the same statement, and wake its job', async () => {
    const created = await hot.accept(values());
    if (created.kind !== 'created') throw new Error('not created');
    const id = created.row.id;
    const claimed = await hot.claim(id, gateway);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1, webhookId: null });
    expect(await hot.claim(id, gateway)).toBeUndefined();
    const sent = await hot.finish({
      id,
      status: 'sent',
      gatewayMessageId: `gw-${id}`,
      setSentAt: true,
      statusMessage: null,
      event: { type: 'sent' },
    });
    expect(sent).toMatchObject({ status: 'sent', gatewayMessageId: `gw-${id}`, hasPendingReports: false });
    expect(sent?.webhookId).toMatch(/^whk_/);
    expect(woken).toContain(sent?.webhookId);
    const [delivery] = await deliveries(id);
    // The webhook body built in SQL is the same shape the API and the reply webhooks build in TS.
    expect(delivery?.payload).toEqual({
      type: 'message.status',
      timestamp: sent?.updatedAt.toISOString(),
      data: messageWebhookData(sent!),
    });
    expect(await hot.finish({ id, status: 'failed', event: { type: 'failed' } })).toBeUndefined();
    expect((await listEvents(database.db, id)).map((e) => e.type)).toEqual(['accepted', 'sending', 'sent']);
  });

  it('a report parked while its send was in flight is applied through the grouped statement once the send is stored', async () => {
    const created = await hot.accept(values());
    if (created.kind !== 'created') throw new Error('not created');
    const id = created.row.id;
    await hot.claim(id, gateway);
    const report = { gateway, gatewayMessageId: `gw-${id}`, status: 'delivered' as const, providerStatus: 'DELIVRD', reference: id };
    const parked = await hot.report(report);
    expect(parked).toMatchObject({ state: 'parked', messageId: id });
    expect(await reportWaits(database.db, parked?.reportId ?? 0)).toBe(true);
    const sent = await hot.finish({ id, status: 'sent', gatewayMessageId: `gw-${id}`, setSentAt: true, event: { type: 'sent' } });
    expect(sent?.hasPendingReports).toBe(true);
    const before = hot.stats().report.statements;
    const outcomes = await applyPendingReports(database.db, sent as MessageRow, hot);
    expect(outcomes).toEqual([{ state: 'applied', messageId: id, changed: undefined }]);
    expect(hot.stats().report.statements - before).toBe(1);
    expect(await reportWaits(database.db, parked?.reportId ?? 0)).toBe(false);
    expect((await getMessageById(database.db, id))?.status).toBe('delivered');
    // The parked row got the verdict: no second row for the same report.
    const rows = await database.db.select().from(statusReports).where(eq(statusReports.messageId, id));
    expect(rows.map((r) => [r.id, r.state])).toEqual([[parked?.reportId, 'applied']]);
    expect((await listEvents(database.db, id)).map((e) => e.type)).toEqual(['accepted', 'sending', 'sent', 'report']);
    expect((await deliveries(id)).map((d) => (d.payload as { data: { status: string } }).data.status)).toEqual(['sent', 'delivered']);
    // Taken again, a report that is no longer `applying` is left alone (no row comes back).
    expect(await hot.reportAgain(report, parked?.reportId ?? 0)).toBeUndefined();
  });

  it('an outcome belongs to its claim: a stalled worker cannot hand back or overwrite a later claim', async () => {
    const created = await hot.accept(values());
    if (created.kind !== 'created') throw new Error('not created');
    const id = created.row.id;
    const first = await hot.claim(id, gateway);
    expect(first?.attempts).toBe(1);
    // The sweep takes the stuck claim back, keeping its attempt number; another worker claims again.
    await transition(database.db, id, ['sending'], { status: 'queued' }, { type: 'released' });
    const second = await hot.claim(id, gateway);
    expect(second?.attempts).toBe(2);
    // The first worker wakes up: neither its release nor an outcome of its own applies.
    expect(await hot.finish({ id, status: 'queued', attempts: 0, claimAttempts: 1, event: { type: 'released' } })).toBeUndefined();
    expect(
      await hot.finish({ id, status: 'sent', gatewayMessageId: `stale-${id}`, claimAttempts: 1, event: { type: 'sent' } }),
    ).toBeUndefined();
    const sent = await hot.finish({ id, status: 'sent', gatewayMessageId: `gw2-${id}`, claimAttempts: 2, event: { type: 'sent' } });
    expect(sent).toMatchObject({ status: 'sent', gatewayMessageId: `gw2-${id}` });
  });

  it('a recipient who opted out after accept is caught at the claim: failed, with its webhook, never sending', async () => {
    const created = await hot.accept(values());
    if (created.kind !== 'created') throw new Error('not created');
    await addOptOut(database.db, accountId, created.row.to, 'test');
    const claimed = await hot.claim(created.row.id, gateway);
    expect(claimed).toMatchObject({ status: 'failed', attempts: 0 });
    expect(claimed?.statusMessage).toMatch(/recipient_opted_out/);
    expect((await deliveries(created.row.id)).map((d) => d.id)).toEqual([claimed?.webhookId]);
  });

  it('every transition writes its own webhook row: a cancel is told to the application too', async () => {
    const { row } = await insertMessage(database.db, values());
    const cancelled = await transition(database.db, row.id, ['queued', 'scheduled'], { status: 'cancelled' }, { type: 'cancelled' });
    expect(cancelled?.webhookId).toMatch(/^whk_/);
    const [delivery] = await deliveries(row.id);
    expect(delivery).toMatchObject({
      id: cancelled?.webhookId,
      eventType: 'message.status',
      state: 'pending',
      url: 'http://127.0.0.1:9/hook',
    });
    expect(delivery?.payload['data']).toMatchObject({ id: row.id, status: 'cancelled' });
    // A change into a status the application is not told about (a retry) writes none.
    const { row: other } = await insertMessage(database.db, values({ status: 'sending' }));
    expect((await transition(database.db, other.id, ['sending'], { status: 'queued' }, { type: 'retry' }))?.webhookId).toBeNull();
    expect(await deliveries(other.id)).toEqual([]);
  });

  it('a report that beats its send answer is parked by the same statement when it echoes our reference', async () => {
    const { row } = await insertMessage(database.db, values({ status: 'sending', attempts: 1 }));
    const report = {
      gateway,
      gatewayMessageId: `early-${randomInt(0, 1e9)}`,
      status: 'delivered' as const,
      providerStatus: 'DELIVRD',
      reference: row.id,
    };
    const parked = await hot.report(report);
    expect(parked).toMatchObject({ state: 'parked', messageId: row.id, webhookId: null });
    const [stored] = await database.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.id, parked?.reportId ?? -1));
    expect(stored).toMatchObject({ state: 'parked', messageId: row.id, gatewayMessageId: report.gatewayMessageId });
    // Nothing moved: the send's own outcome applies it (the message is still sending).
    expect((await listEvents(database.db, row.id)).map((e) => e.type)).toEqual(['accepted']);
    // Through another gateway, or once the message has left `sending`, the reference is not enough here.
    expect(await hot.report({ ...report, gateway: `${gateway}-other` })).toBeUndefined();
    await transition(database.db, row.id, ['sending'], { status: 'queued' }, { type: 'retry' });
    expect(await hot.report({ ...report, gatewayMessageId: `later-${randomInt(0, 1e9)}` })).toBeUndefined();
  });

  it('a report matched by gateway id is stored and applied in one statement; a replay changes nothing', async () => {
    const { row } = await insertMessage(
      database.db,
      values({ status: 'sent', gatewayMessageId: `r-${randomInt(0, 1e9)}`, sentAt: new Date() }),
    );
    const report = { gateway, gatewayMessageId: row.gatewayMessageId ?? '', status: 'delivered' as const, providerStatus: 'DELIVRD' };
    const first = await hot.report(report);
    expect(first).toMatchObject({ state: 'applied', messageId: row.id });
    expect(first?.webhookId).toMatch(/^whk_/);
    expect(await hot.report(report)).toMatchObject({ state: 'ignored', webhookId: null });
    expect(await hot.report({ ...report, gatewayMessageId: 'nobody' })).toBeUndefined();
    expect((await listEvents(database.db, row.id)).map((e) => [e.type, e.status])).toEqual([
      ['accepted', 'sent'],
      ['report', 'delivered'],
    ]);
    expect((await deliveries(row.id)).length).toBe(1);
  });
});
