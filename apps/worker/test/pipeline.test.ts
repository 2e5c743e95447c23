import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { sendQueueName } from '@smsgw/core';
import {
  applyPendingReports,
  claimMessage,
  openDatabase,
  recordStatusReport,
  rowsOf,
  statusReports,
  transition,
  type MessageRow,
} from '@smsgw/db';
import { processSend, type JobContext } from '../src/index.js';
import { eventually } from '../../../test/support/env.js';
import { eventTypes, startHarness, uniqueNumber, type Harness } from './harness.js';

describe('pipeline: API → queue → worker → sandbox → delivery report', () => {
  let h: Harness;
  let gw: string;
  beforeAll(async () => {
    // No gateway poll in practice: only the API's Redis notification can tell the workers of a change.
    h = await startHarness({ env: { SMSGW_GATEWAY_POLL_MS: '600000' } });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  it('sends once and follows queued → sending → sent → delivered, events in order', async () => {
    const to = uniqueNumber();
    const accepted = await h.send({ to, content: 'Hello pipeline', gateway: gw });
    expect(accepted.status).toBe('queued');

    const done = await h.waitFor(accepted.id, 'delivered');
    const events = await h.events(accepted.id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'sent', 'report']);
    expect(events.map((e) => e.status)).toEqual(['queued', 'sending', 'sent', 'delivered']);

    const requests = h.sandbox.requests(to);
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req?.params).toMatchObject({ to, text: 'Hello pipeline', reference: accepted.id, status_url: await h.statusUrl(gw) });
    expect(req?.status).toBe(200);
    expect(done.gatewayMessageId).toBe(req?.id);
    expect(done.attempts).toBe(1);
    expect(done.sentAt).not.toBeNull();
    expect(done.deliveredAt).not.toBeNull();
    expect(done.gatewayCharge).toBe('0.005000');

    // The API shows the same history.
    const view = await h.api('GET', `/v1/messages/${accepted.id}`);
    expect(view.status).toBe(200);
    const body = view.json as { status: string; events: { type: string }[] };
    expect(body.status).toBe('delivered');
    expect(body.events.map((e) => e.type)).toEqual(['accepted', 'sending', 'sent', 'report']);
  });

  it('sends Unicode as UCS-2 and a long message as one request whose report covers every part', async () => {
    const to = uniqueNumber();
    const unicode = await h.send({ to, content: 'Grüße 👋 Καλημέρα', gateway: gw });
    expect(unicode.encoding).toBe('ucs2');
    const long = await h.send({ to, content: 'x'.repeat(200), gateway: gw });
    expect(long.segments).toBe(2);
    await Promise.all([h.waitFor(unicode.id, 'delivered'), h.waitFor(long.id, 'delivered')]);
    const byRef = new Map(h.sandbox.requests(to).map((r) => [r.params['reference'], r]));
    expect(byRef.size).toBe(2);
    expect(byRef.get(unicode.id)?.params).toMatchObject({ text: 'Grüße 👋 Καλημέρα', unicode: '1' });
    expect(byRef.get(long.id)?.params).toMatchObject({ text: 'x'.repeat(200), unicode: '0' });
    await h.sandbox.idle();
    const reported = h.sandbox.reports().find((r) => r.payload.reference === long.id);
    expect(reported?.payload.parts).toBe(2);
  });

  it('a scheduled message waits for sendAt, then goes out', async () => {
    const to = uniqueNumber();
    const sendAt = new Date(Date.now() + 1500);
    const accepted = await h.send({ to, content: 'later', gateway: gw, sendAt: sendAt.toISOString() });
    expect(accepted.status).toBe('scheduled');
    const done = await h.waitFor(accepted.id, 'delivered', 8000);
    const [req] = h.sandbox.requests(to);
    expect(Date.parse(req?.time ?? '')).toBeGreaterThanOrEqual(sendAt.getTime() - 50);
    expect(done.attempts).toBe(1);
  });

  it('a second job for the same message (another jobId) does not send it again', async () => {
    const to = uniqueNumber();
    const accepted = await h.send({ to, content: 'only once', gateway: gw });
    const queue = h.queues.get(sendQueueName(gw));
    // A duplicate that runs while the first job holds the message is told to retry; once the
    // message is sent, its retry finds nothing to claim and completes.
    const dup = await queue.add(
      'send',
      { messageId: accepted.id },
      { jobId: `${accepted.id}-dup`, removeOnComplete: false, attempts: 10, backoff: { type: 'fixed', delay: 100 } },
    );
    await h.waitFor(accepted.id, 'delivered');
    const state = await eventually(
      async () => {
        const s = await dup.getState();
        return s === 'completed' || s === 'failed' ? s : undefined;
      },
      5000,
      'the duplicate job to finish',
    );
    expect(state).toBe('completed');
    expect(h.sandbox.requests(to)).toHaveLength(1);
    await dup.remove();
  });

  it('two concurrent processSend calls for one message send it once', async () => {
    const row = await h.insertMessage(gw);
    const ctx: JobContext<'send'> = { gateway: gw, attemptsMade: 0, maxAttempts: 3, log: h.logger };
    const results = await Promise.allSettled([
      processSend({ messageId: row.id }, h.runtime.sendDeps, ctx),
      processSend({ messageId: row.id }, h.runtime.sendDeps, ctx),
    ]);
    // Both mark (each its own token); the claim lets one through, the other finds nothing to claim.
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason)).sort()).toEqual(['sent', 'skipped']);
    // A third run later finds nothing to claim either.
    expect(await processSend({ messageId: row.id }, h.runtime.sendDeps, ctx)).toBe('skipped');
    expect(h.sandbox.requests(row.to)).toHaveLength(1);
    await h.waitFor(row.id, 'delivered');
  });

  it('late and replayed reports never move a message backwards', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { dlrDuplicates: 2 });
    const accepted = await h.send({ to, content: 'replays', gateway: gw });
    const done = await h.waitFor(accepted.id, 'delivered');
    await h.sandbox.idle();
    const reports = h.sandbox.reports().filter((r) => r.payload.reference === accepted.id);
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.responseStatus === 200)).toBe(true);

    // A late intermediate report and a contradicting final one, posted as the provider would.
    const url = await h.statusUrl(gw);
    for (const status of ['BUFFERED', 'FAILED']) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: done.gatewayMessageId,
          reference: accepted.id,
          status,
          error_code: null,
          timestamp: 1767225600,
          price: '0.0050',
          parts: 1,
        }),
      });
      expect(res.status).toBe(200);
    }
    const after = await h.message(accepted.id);
    expect(after.status).toBe('delivered');
    expect(after.deliveredAt).toEqual(done.deliveredAt);
    expect(eventTypes(await h.events(accepted.id)).filter((t) => t === 'report')).toHaveLength(1);
  });

  it('an intermediate BUFFERED report is recorded without changing the status', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { intermediate: true });
    const accepted = await h.send({ to, content: 'buffered first', gateway: gw });
    await h.waitFor(accepted.id, 'delivered');
    const events = await h.events(accepted.id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'sent', 'report', 'report']);
    expect(events.map((e) => e.status)).toEqual(['queued', 'sending', 'sent', null, 'delivered']);
  });

  it('a report that arrives before the send response is applied once the send is stored', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { dlrBeforeResponse: true });
    const accepted = await h.send({ to, content: 'report first', gateway: gw });
    const done = await h.waitFor(accepted.id, 'delivered');
    expect(h.sandbox.requests(to)).toHaveLength(1);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'sent', 'report']);
    expect(done.gatewayMessageId).toBe(h.sandbox.requests(to)[0]?.id);
  });

  it('an early report without our reference waits as unmatched and is applied by the worker', async () => {
    // A provider that echoes no reference: the report can only be matched by its message id,
    // which is not stored yet when the report arrives.
    const noRef = await h.addGateway({ config: { statusCallback: { reference: 'no_such_field' } } });
    const to = uniqueNumber();
    h.sandbox.setRule(to, { dlrBeforeResponse: true });
    const accepted = await h.send({ to, content: 'report first, no reference', gateway: noRef });
    const done = await h.waitFor(accepted.id, 'delivered');
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'sent', 'report']);
    const [report] = await h.database.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.gatewayMessageId, done.gatewayMessageId ?? ''));
    expect(report).toMatchObject({ state: 'applied', messageId: accepted.id });
    expect(report?.receivedAt.getTime()).toBeLessThanOrEqual(done.sentAt?.getTime() ?? 0);
  });

  it('a report parked while the worker stores the send is still applied (the race, forced)', async () => {
    // The report's handler reads the message (still `sending`), then its insert is held on a
    // table lock while the worker stores the send and looks for pending reports (none yet).
    const appName = `race_${randomBytes(4).toString('hex')}`;
    const url = new URL(h.databaseUrl);
    url.searchParams.set('application_name', appName);
    const reporter = await openDatabase({ url: url.toString(), max: 1 });
    const locker = await openDatabase({ url: h.databaseUrl, max: 1 });
    try {
      const row = await h.insertMessage(gw);
      expect(await claimMessage(h.database.db, row.id, gw)).toBeDefined();
      const gatewayMessageId = `sbx_race_${appName}`;
      let report: Promise<unknown> = Promise.resolve();
      await locker.db.transaction(async (tx) => {
        await tx.execute(sql`LOCK TABLE status_reports IN SHARE MODE`);
        report = recordStatusReport(reporter.db, {
          gateway: gw,
          gatewayMessageId,
          status: 'delivered',
          providerStatus: 'DELIVERED',
          reference: row.id,
        });
        await eventually(
          async () => {
            const waiting = await h.database.db.execute(
              sql`SELECT 1 FROM pg_stat_activity WHERE application_name = ${appName} AND wait_event_type = 'Lock'`,
            );
            return rowsOf(waiting).length > 0 ? true : undefined;
          },
          5000,
          'the report insert to wait on the lock',
        );
        const sent = await transition(
          h.database.db,
          row.id,
          ['sending'],
          { status: 'sent', gatewayMessageId, sentAt: new Date() },
          { type: 'sent' },
        );
        expect(sent).toBeDefined();
        expect(await applyPendingReports(h.database.db, sent as MessageRow)).toEqual([]);
      });
      await report;
      expect((await h.message(row.id)).status).toBe('delivered');
    } finally {
      await reporter.close();
      await locker.close();
    }
  });

  it('a gateway change reaches the running workers without a restart', async () => {
    const gw2 = await h.addGateway();
    const other = await h.newSandbox();
    // Loaded into the workers' cache first: a gateway they never loaded would be read fresh anyway.
    expect((await h.runtime.sendDeps.gateways.get(gw2))?.settings['baseUrl']).toBe(h.sandbox.url);
    const patched = await h.api('PATCH', `/v1/gateways/${gw2}`, { settings: { baseUrl: other.url } });
    expect(patched.status).toBe(200);
    // The API's notification (the poll is off) makes the workers drop their cached copy.
    await eventually(
      async () => {
        const loaded = await h.runtime.sendDeps.gateways.get(gw2);
        return loaded?.settings['baseUrl'] === other.url ? true : undefined;
      },
      4500,
      'the workers to see the new baseUrl',
    );
    const to = uniqueNumber();
    const accepted = await h.send({ to, content: 'to the new url', gateway: gw2 });
    await h.waitFor(accepted.id, 'delivered');
    expect(other.requests(to)).toHaveLength(1);
    expect(h.sandbox.requests(to)).toHaveLength(0);
  });
});

describe('graceful shutdown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sandbox: { latencyMs: 500 } });
  });
  afterAll(async () => h?.close());

  it('runtime.close() lets an in-flight send finish and store its outcome', async () => {
    const gw = await h.addGateway();
    const to = uniqueNumber();
    const accepted = await h.send({ to, content: 'in flight at shutdown', gateway: gw });
    await eventually(async () => (h.sandbox.requests(to)[0]?.outcome === 'pending' ? true : undefined), 5000, 'the send to be in flight');
    await h.runtime.close();
    const row = await h.message(accepted.id);
    // Stored as sent when close() returns (the 20 ms report may even have landed already).
    expect(['sent', 'delivered']).toContain(row.status);
    expect(row.gatewayMessageId).toBe(h.sandbox.requests(to)[0]?.id);
    expect(h.sandbox.requests(to)).toHaveLength(1);
    // The API still listens: the report still lands.
    await h.waitFor(accepted.id, 'delivered');
  });
});
