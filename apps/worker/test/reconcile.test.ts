import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messages } from '@smsgw/db';
import { reconcileUnknown, sweep, loadWorkerConfig, type ReconcileReport } from '../src/index.js';
import { testAccount } from '../../../test/support/env.js';
import { eventTypes, startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * `unknown` settled by asking the gateway (the sandbox's GET /api/status through the sandbox
 * preset's `statusQuery`), end to end: a send whose answer is lost becomes unknown, and the
 * reconcile task finds out what became of it. The database is this file's own, so every count
 * is exact.
 */
describe('reconciling unknown messages', () => {
  let h: Harness;
  let gw: string;
  /** A gateway whose sends carry no status URL: the sandbox sends no reports, only the lookup can tell. */
  let quiet: string;
  beforeAll(async () => {
    h = await startHarness({ databaseLabel: 'reconcile', env: { SMSGW_HTTP_TIMEOUT_MS: '600' } });
    gw = await h.addGateway();
    quiet = await h.addGateway({ config: { send: { params: { status_url: '' } } } });
  });
  afterAll(async () => h?.close());

  /** A minute has passed since the message became unknown: a fake clock, not a sleep. */
  const later = (minutes = 2) => new Date(Date.now() + minutes * 60_000);
  const reconcile = (now = later()): Promise<ReconcileReport> =>
    reconcileUnknown(
      {
        db: h.database.db,
        gateways: h.runtime.sendDeps.gateways,
        limits: loadWorkerConfig(h.env).http,
        log: h.logger,
      },
      now,
    );
  /** Sends to a recipient the sandbox treats as told; resolves once the message is unknown. */
  const sendUnknown = async (gateway: string, rule: Parameters<Harness['sandbox']['setRule']>[1]) => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, rule);
    const accepted = await h.send({ to, content: 'answer lost', gateway });
    await h.waitFor(accepted.id, 'unknown');
    return { id: accepted.id, to };
  };

  it('a send whose answer was lost is found at the gateway: unknown → sent, never resent', async () => {
    const { id, to } = await sendUnknown(gw, { mode: 'acceptHang', outcome: 'none' });
    // Not before a minute: the send's own answer or a report usually settles it sooner.
    expect(await reconcile(new Date())).toEqual({ checked: 0, settled: 0, notFound: 0, unresolved: 0 });
    expect(await reconcile()).toEqual({ checked: 1, settled: 1, notFound: 0, unresolved: 0 });
    const row = await h.message(id);
    const [request] = h.sandbox.requests(to);
    expect(row).toMatchObject({ status: 'sent', gatewayMessageId: request?.id });
    expect(row.sentAt).not.toBeNull();
    const events = await h.events(id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'unknown', 'reconciled']);
    expect(events.at(-1)?.detail).toEqual({
      via: 'statusQuery',
      providerStatus: 'ACCEPTED',
      gatewayMessageId: request?.id,
      errorCode: null,
    });
    expect(h.sandbox.requests(to)).toHaveLength(1);
    // Settled: nothing left to look up.
    expect((await reconcile(later(5))).checked).toBe(0);
  });

  it('a delivered message the gateway never reported is found delivered', async () => {
    const { id, to } = await sendUnknown(quiet, { mode: 'acceptHang', outcome: 'delivered', dlrDelayMs: 0 });
    expect(await reconcile()).toMatchObject({ checked: 1, settled: 1 });
    const row = await h.message(id);
    expect(row.status).toBe('delivered');
    expect(row.deliveredAt).not.toBeNull();
    expect(h.sandbox.requests(to)).toHaveLength(1);
    expect(h.sandbox.reports().filter((r) => r.payload.id === row.gatewayMessageId)).toHaveLength(0);
  });

  it('the gateway positively says it never got the message: failed, and an admin may resend it', async () => {
    const { id, to } = await sendUnknown(gw, { mode: 'hang' });
    expect(await reconcile()).toEqual({ checked: 1, settled: 0, notFound: 1, unresolved: 0 });
    const failed = await h.message(id);
    expect(failed.status).toBe('failed');
    expect(failed.statusMessage).toMatch(/^not_found_at_gateway/);
    expect((await h.events(id)).at(-1)).toMatchObject({
      type: 'reconciled',
      status: 'failed',
      detail: { via: 'statusQuery', found: false, httpStatus: 404 },
    });

    // The resend is a person's decision: admin keys only, recorded with the key that made it.
    const user = await testAccount(h.database, false);
    const asUser = await fetch(`${h.apiUrl}/v1/messages/${id}/resend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.key}` },
    });
    expect(asUser.status).toBe(403);
    h.sandbox.setRule(to, null);
    const resent = await h.api('POST', `/v1/messages/${id}/resend`, { reason: 'the gateway never got it' });
    expect(resent.status).toBe(202);
    expect(resent.json).toMatchObject({ id, status: 'queued', attempts: 0 });
    await h.waitFor(id, 'delivered');
    expect(h.sandbox.requests(to)).toHaveLength(2);
    const events = await h.events(id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'unknown', 'reconciled', 'resend', 'sending', 'sent', 'report']);
    expect(events.find((e) => e.type === 'resend')?.detail).toMatchObject({
      from: 'failed',
      reason: 'the gateway never got it',
      by: { accountId: h.accountId },
    });
    // Delivered is final: resending it again is refused.
    expect((await h.api('POST', `/v1/messages/${id}/resend`)).status).toBe(409);
  });

  it('no usable answer leaves the message unknown, recorded, and asks again later with a backoff', async () => {
    const locked = await h.newSandbox({ apiKey: 'not-the-gateways-key' });
    const lockedGw = await h.addGateway({ sandbox: locked });
    const row = await h.insertMessage(lockedGw, { status: 'unknown', attempts: 1 });
    // A message on a gateway that does not exist (any more) is not looked up at all.
    await h.insertMessage('no-such-gateway', { status: 'unknown', attempts: 1 });
    const first = later(2);
    expect(await reconcile(first)).toEqual({ checked: 1, settled: 0, notFound: 0, unresolved: 1 });
    expect((await h.message(row.id)).status).toBe('unknown');
    expect((await h.events(row.id)).at(-1)).toMatchObject({
      type: 'reconcile_check',
      status: 'unknown',
      detail: { result: 'inconclusive', reason: 'HTTP 401' },
    });
    // Unknown for 2 minutes at the first lookup: the next waits 2 minutes more.
    expect((await reconcile(new Date(first.getTime() + 60_000))).checked).toBe(0);
    expect((await reconcile(new Date(first.getTime() + 121_000))).checked).toBe(1);
    await h.database.db.update(messages).set({ status: 'failed' }).where(eq(messages.gateway, lockedGw));
  });

  it('the sweep queues the reconcile task, and the workers run it', async () => {
    const { id } = await sendUnknown(gw, { mode: 'acceptHang', outcome: 'none' });
    await h.database.db
      .update(messages)
      .set({ updatedAt: new Date(Date.now() - 120_000) })
      .where(eq(messages.id, id));
    await sweep({ db: h.database.db, queues: h.queues, stuckSendingMs: 60_000, log: h.logger });
    await h.waitFor(id, 'sent');
  });
});
