import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { JOBS, sendQueueName } from '@smsgw/core';
import { messages, recordStatusReport, statusReports, webhookDeliveries, type MessageRow, type NewMessage } from '@smsgw/db';
import { newId } from '@smsgw/core';
import { createUnsentMarkers } from '@smsgw/queues';
import { sweep, type SweepDeps, type SweepReport } from '../src/index.js';
import { eventTypes, startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * The maintenance sweep against PostgreSQL as the truth. The database is shared with other test
 * files, so the sweep runs at a fake `now` in 2001 and only rows this file dated back to then are
 * old enough for it: every count below is exact.
 */
const T0 = new Date('2001-01-01T00:00:00Z');
const NOW = new Date(T0.getTime() + 3600_000);

describe('maintenance sweep', () => {
  let h: Harness;
  let gw: string;
  beforeAll(async () => {
    // The sweep works on the whole database: a database of our own keeps other files' sweeps away
    // from our backdated rows, and ours away from theirs.
    h = await startHarness({ databaseLabel: 'sweep' });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  /**
   * The statuses the application was told of, in order: the `message.status` outbox rows the
   * sweep's statements wrote (messages that must notify are given a webhook URL of their own).
   */
  const notified = async (id: string): Promise<unknown[]> => {
    const rows = await h.database.db
      .select({ payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.messageId, id))
      .orderBy(asc(webhookDeliveries.id));
    return rows.map((r) => (r.payload as { data: { status: string; statusMessage: string | null } }).data);
  };
  const hook = { webhookUrl: 'http://127.0.0.1:9/sweep-test' };
  const runSweep = (scan?: SweepDeps['scan']): Promise<SweepReport> =>
    sweep(
      {
        db: h.database.db,
        queues: h.queues,
        stuckSendingMs: 60_000,
        log: h.logger,
        ...(scan ? { scan } : {}),
      },
      NOW,
    );
  const backdate = async (id: string, values: Partial<typeof messages.$inferInsert> = {}) => {
    await h.database.db
      .update(messages)
      .set({ updatedAt: T0, ...values })
      .where(eq(messages.id, id));
  };

  it('re-enqueues a queued row whose job Redis lost, and it is sent once', async () => {
    const row = await h.insertMessage(gw);
    await backdate(row.id);
    expect(await runSweep()).toEqual({
      requeued: 1,
      reconciled: 0,
      released: 0,
      expired: 0,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    await h.waitFor(row.id, 'delivered');
    expect(h.sandbox.requests(row.to)).toHaveLength(1);
  });

  it('re-enqueues a scheduled message whose delayed job was removed', async () => {
    const to = uniqueNumber();
    const accepted = await h.send({
      to,
      content: 'scheduled, then lost',
      gateway: gw,
      sendAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(accepted.status).toBe('scheduled');
    const queue = h.queues.get(sendQueueName(gw));
    expect(await queue.getJob(accepted.id)).toBeDefined();
    await queue.remove(accepted.id);
    // Its time has come (and gone) while the job was missing.
    await backdate(accepted.id, { sendAt: T0 });
    expect(await runSweep()).toEqual({
      requeued: 1,
      reconciled: 0,
      released: 0,
      expired: 0,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    await h.waitFor(accepted.id, 'delivered');
    expect(h.sandbox.requests(to)).toHaveLength(1);
  });

  it('leaves a queued row alone while its job still waits', async () => {
    const to = uniqueNumber();
    const accepted = await h.send({ to, content: 'still scheduled', gateway: gw, sendAt: new Date(Date.now() + 3600_000).toISOString() });
    await backdate(accepted.id);
    expect(await runSweep()).toEqual({
      requeued: 0,
      reconciled: 0,
      released: 0,
      expired: 0,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    const job = await h.queues.get(sendQueueName(gw)).getJob(accepted.id);
    expect(await job?.getState()).toBe('delayed');
    // Cancelled, so the next tests' sweeps have nothing of this one's to count.
    expect((await h.api('POST', `/v1/messages/${accepted.id}/cancel`)).status).toBe(200);
  });

  it('turns a row stuck in sending into unknown, never resending it', async () => {
    const row = await h.insertMessage(gw, { status: 'sending', attempts: 1, ...hook });
    await backdate(row.id);
    expect(await runSweep()).toEqual({
      requeued: 0,
      reconciled: 1,
      released: 0,
      expired: 0,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    const after = await h.message(row.id);
    expect(after.status).toBe('unknown');
    expect(await notified(row.id)).toEqual([expect.objectContaining({ status: 'unknown' })]);
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'reconciled']);
    expect(h.sandbox.requests(row.to)).toHaveLength(0);
  });

  it('a stuck send whose worker died before its request goes back to the queue and is sent once', async () => {
    const markers = createUnsentMarkers(h.queues.connection, h.queues.prefix);
    try {
      // What a worker holds between its claim and its request (the claim stored its token): the
      // sweep may take it away.
      const id = newId('msg');
      const token = await markers.mark(id);
      const row = await h.insertMessage(gw, { id, status: 'sending', attempts: 1, claimToken: token });
      // The job, handed on after the dead worker's lock expired, came back: its own marker, a
      // claim that found nothing claimable, its marker taken back. The dead claim's is still there.
      expect(await markers.take(id, await markers.mark(id))).toBe(true);
      await backdate(row.id);
      const report = await sweep({ db: h.database.db, queues: h.queues, stuckSendingMs: 60_000, unsent: markers, log: h.logger }, NOW);
      expect(report).toMatchObject({ released: 1, reconciled: 0 });
      const done = await h.waitFor(row.id, ['sent', 'delivered']);
      // The dead claim's attempt still counts: the new claim must carry a number of its own.
      expect(done.attempts).toBe(2);
      expect(eventTypes(await h.events(row.id))).toEqual(expect.arrayContaining(['released', 'sending', 'sent']));
      expect(h.sandbox.requests(row.to)).toHaveLength(1);
      // Without a marker (the request may have left), the same sweep says unknown instead.
      const other = await h.insertMessage(gw, { status: 'sending', attempts: 1 });
      await backdate(other.id);
      const second = await sweep({ db: h.database.db, queues: h.queues, stuckSendingMs: 60_000, unsent: markers, log: h.logger }, NOW);
      expect(second).toMatchObject({ released: 0, reconciled: 1 });
      expect((await h.message(other.id)).status).toBe('unknown');
    } finally {
      await markers.close();
    }
  });

  it('a later job’s marker does not release a stuck claim: its request may have left (unknown, not sent twice)', async () => {
    const markers = createUnsentMarkers(h.queues.connection, h.queues.prefix);
    try {
      // The claim took its marker and sent; storing the outcome failed, so the row still says
      // `sending`. The job's retry marked the message and now waits on its own claim.
      const id = newId('msg');
      const sent = await markers.mark(id);
      await h.insertMessage(gw, { id, status: 'sending', attempts: 1, claimToken: sent });
      expect(await markers.take(id, sent)).toBe(true);
      const retry = await markers.mark(id);
      await backdate(id);
      const report = await sweep({ db: h.database.db, queues: h.queues, stuckSendingMs: 60_000, unsent: markers, log: h.logger }, NOW);
      expect(report).toMatchObject({ released: 0, reconciled: 1 });
      expect((await h.message(id)).status).toBe('unknown');
      // The retry's marker is its own to take back (its claim finds nothing claimable).
      expect(await markers.take(id, retry)).toBe(true);
      expect(eventTypes(await h.events(id))).toEqual(['accepted', 'reconciled']);
    } finally {
      await markers.close();
    }
  });

  it('a report parked on a stuck send is applied once the sweep settles it as unknown', async () => {
    const row = await h.insertMessage(gw, { status: 'sending', attempts: 1, ...hook });
    const parked = await recordStatusReport(h.database.db, {
      gateway: gw,
      gatewayMessageId: `sbx_${row.id}`,
      status: 'delivered',
      providerStatus: 'DELIVERED',
      reference: row.id,
    });
    expect(parked.state).toBe('parked');
    await backdate(row.id);
    expect(await runSweep()).toEqual({
      requeued: 0,
      reconciled: 1,
      released: 0,
      expired: 0,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    expect((await h.message(row.id)).status).toBe('delivered');
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'reconciled', 'report']);
    expect((await notified(row.id)).map((d) => (d as { status: string }).status)).toEqual(['unknown', 'delivered']);
  });

  it('a report whose applier died after taking it is applied by the sweep, once', async () => {
    const row = await h.insertMessage(gw, { status: 'sent', attempts: 1, gatewayMessageId: `sbx_${newId('msg')}`, ...hook });
    await backdate(row.id);
    // What a worker killed between claiming a parked report and applying it leaves behind.
    const [report] = await h.database.db
      .insert(statusReports)
      .values({
        gateway: gw,
        gatewayMessageId: row.gatewayMessageId ?? '',
        messageId: row.id,
        status: 'delivered',
        providerStatus: 'DELIVERED',
        state: 'applying',
        receivedAt: T0,
      })
      .returning();
    expect(await runSweep()).toMatchObject({ reportsApplied: 1 });
    expect((await h.message(row.id)).status).toBe('delivered');
    const [after] = await h.database.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.id, report?.id ?? 0));
    expect(after?.state).toBe('applied');
    expect(await runSweep()).toMatchObject({ reportsApplied: 0 });
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'report']);
  });

  it('expires a queued row past its validUntil instead of sending it', async () => {
    const row = await h.insertMessage(gw, { validUntil: new Date(T0.getTime() + 60_000), ...hook });
    await backdate(row.id);
    expect(await runSweep()).toEqual({
      requeued: 0,
      reconciled: 0,
      released: 0,
      expired: 1,
      webhooksRequeued: 0,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    const after = await h.message(row.id);
    expect(after.status).toBe('expired');
    // The application hears of it like any other status change.
    expect(await notified(row.id)).toEqual([
      expect.objectContaining({ status: 'expired', statusMessage: 'validUntil passed before sending' }),
    ]);
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'expired']);
    expect(h.sandbox.requests(row.to)).toHaveLength(0);
  });

  it('a worker that claims a message past validUntil expires it without sending', async () => {
    const row = await h.insertMessage(gw, { validUntil: new Date(Date.now() - 1000) });
    await h.queues.enqueue('send', { messageId: row.id }, { gateway: gw });
    await h.waitFor(row.id, 'expired');
    expect(eventTypes(await h.events(row.id))).toEqual(['accepted', 'sending', 'expired']);
    expect(h.sandbox.requests(row.to)).toHaveLength(0);
  });

  it('re-queues a webhook delivery whose job never made it to Redis', async () => {
    const id = `whk_sweep_${Date.now()}`;
    await h.database.db.insert(webhookDeliveries).values({
      id,
      accountId: h.accountId,
      url: 'http://127.0.0.1:9/unreachable',
      eventType: 'message.status',
      payload: {},
      createdAt: T0,
    });
    expect(await runSweep()).toEqual({
      requeued: 0,
      reconciled: 0,
      released: 0,
      expired: 0,
      webhooksRequeued: 1,
      handlersRequeued: 0,
      reportsApplied: 0,
    });
    // The job exists now (the webhook worker may already be working on it); a second sweep adds nothing.
    expect(await h.queues.get(JOBS.webhook.queue).getJob(id)).toBeDefined();
    const again = await runSweep();
    expect(again.webhooksRequeued).toBe(0);
  });

  it('finds a lost queued row behind 600 far-future scheduled rows, in one sweep', async () => {
    // The scheduled rows are older and fine (their delayed jobs wait); one look at "the 500
    // oldest queued or scheduled rows" would see only them and never the lost queued row.
    const far = await h.addGateway();
    const sendAt = new Date(Date.now() + 365 * 24 * 3600_000);
    const rows: NewMessage[] = Array.from({ length: 600 }, () => ({
      id: newId('msg'),
      accountId: h.accountId,
      to: uniqueNumber(),
      content: 'far in the future',
      encoding: 'gsm7',
      segments: 1,
      status: 'scheduled',
      gateway: far,
      routeGateways: [far],
      sendAt,
      updatedAt: T0,
    }));
    await h.database.db.insert(messages).values(rows);
    await h.queues.enqueueBulk(
      'send',
      rows.map((r) => ({ payload: { messageId: r.id ?? '' }, opts: { gateway: far, delayMs: sendAt.getTime() - Date.now() } })),
    );
    const lost = await h.insertMessage(gw);
    await backdate(lost.id, { updatedAt: new Date(T0.getTime() + 10_000) });
    try {
      expect(await runSweep()).toEqual({
        requeued: 1,
        reconciled: 0,
        released: 0,
        expired: 0,
        webhooksRequeued: 0,
        handlersRequeued: 0,
        reportsApplied: 0,
      });
      await h.waitFor(lost.id, 'delivered');
      expect(h.sandbox.requests(lost.to)).toHaveLength(1);
    } finally {
      await h.database.db.update(messages).set({ status: 'cancelled' }).where(eq(messages.gateway, far));
      await h.queues.get(sendQueueName(far)).obliterate({ force: true });
    }
  });

  it('pages on from where the last sweep stopped, so a backlog larger than one run is still covered', async () => {
    // Three queued rows whose jobs still wait, then a lost one: a run that may visit two rows
    // sees only live ones; the next run must go on from there, not start over at the oldest.
    const live: MessageRow[] = [];
    for (let i = 0; i < 3; i++) {
      const row = await h.insertMessage(gw);
      await h.queues.enqueue('send', { messageId: row.id }, { gateway: gw, delayMs: 3600_000 });
      await backdate(row.id, { updatedAt: new Date(T0.getTime() + 20_000 + i) });
      live.push(row);
    }
    const lost = await h.insertMessage(gw);
    await backdate(lost.id, { updatedAt: new Date(T0.getTime() + 30_000) });
    const scan = { pageSize: 2, budget: 2 };
    try {
      expect((await runSweep(scan)).requeued).toBe(0);
      expect((await runSweep(scan)).requeued).toBe(1);
      await h.waitFor(lost.id, 'delivered');
      // The scan reached the end: the next run starts again from the oldest, finding nothing new.
      expect((await runSweep(scan)).requeued).toBe(0);
      expect((await runSweep(scan)).requeued).toBe(0);
      expect(h.sandbox.requests(lost.to)).toHaveLength(1);
    } finally {
      for (const row of live) {
        await h.database.db.update(messages).set({ status: 'cancelled' }).where(eq(messages.id, row.id));
        await h.queues.get(sendQueueName(gw)).remove(row.id);
      }
    }
  });
});
