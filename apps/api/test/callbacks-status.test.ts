import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { JOBS } from '@smsgw/core';
import { applyPendingReports, getMessageById, listEvents, statusReports, transition, webhookDeliveries } from '@smsgw/db';
import { buildTestApp, type TestApp } from './helpers.js';
import { callback, callbackToken, fixture, presetFixtures, seedMessage, uniqueGatewayId } from './callbacks-fixtures.js';

const sandbox = presetFixtures('sandbox');
const twilio = presetFixtures('twilio');
const SBX_ID = 'sbx_3f2a9c0d1e4b5a6c7d8e';
const SBX_REF = '"msg_01JD0000000000000000000000"';
const TWILIO_ID = 'SM1342fe1b2c904d1ab04f0fc7a58abca9';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';

/** A documented sandbox report (0 delivered, 1 failed, 2 buffered, 3 expired) about our message. */
function sandboxReport(index: number, gatewayMessageId: string, reference: string | null = null) {
  const f = fixture(sandbox.statusCallbacks, index);
  return {
    contentType: f.contentType,
    body: f.body.replaceAll(SBX_ID, gatewayMessageId).replaceAll(SBX_REF, reference ? `"${reference}"` : 'null'),
  };
}

/** X-Twilio-Signature: base64 HMAC-SHA1 of the URL and the sorted form parameters. */
function twilioSignature(url: string, body: string): string {
  const params = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha1', AUTH_TOKEN)
    .update(url + params.map(([k, v]) => k + v).join(''))
    .digest('base64');
}

describe('status callbacks', () => {
  let t: TestApp;
  let gw: string;
  let path: string;
  let twilioGw: string;
  let twilioPath: string;

  beforeAll(async () => {
    t = await buildTestApp();
    gw = await t.createGateway();
    path = `/callbacks/${gw}/${await callbackToken(t.database.db, gw)}/status`;
    twilioGw = await t.createGateway({
      preset: 'twilio',
      credentials: { accountSid: 'AC00000000000000000000000000000000', authToken: AUTH_TOKEN },
    });
    twilioPath = `/callbacks/${twilioGw}/${await callbackToken(t.database.db, twilioGw)}/status`;
  });
  afterAll(async () => t.close());

  /** A documented Twilio report about our message, signed as Twilio signs it. */
  const twilioReport = (index: number, sid: string) => {
    const body = fixture(twilio.statusCallbacks, index).body.replaceAll(TWILIO_ID, sid);
    const signature = twilioSignature(`${t.config.publicUrl}${twilioPath}`, body);
    return { contentType: 'application/x-www-form-urlencoded', body, headers: { 'x-twilio-signature': signature } };
  };

  it('delivered: applies the status, the delivery time and the charge from the report', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const res = await callback(t.app, path, sandboxReport(0, m.gatewayMessageId ?? '', m.id));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('OK');
    const after = await getMessageById(t.database.db, m.id);
    expect(after?.status).toBe('delivered');
    expect(after?.deliveredAt?.toISOString()).toBe('2025-01-01T12:00:00.000Z');
    expect(Number(after?.gatewayCharge)).toBe(0.005);
    expect((await listEvents(t.database.db, m.id)).some((e) => e.type === 'report' && e.status === 'delivered')).toBe(true);
  });

  it('failed: applies the status with the provider error', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    expect((await callback(t.app, path, sandboxReport(1, m.gatewayMessageId ?? ''))).statusCode).toBe(200);
    const after = await getMessageById(t.database.db, m.id);
    expect(after?.status).toBe('failed');
    expect(after?.statusMessage).toContain('undeliverable');
  });

  it('intermediate: records an event and leaves the status', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    expect((await callback(t.app, path, sandboxReport(2, m.gatewayMessageId ?? ''))).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('sent');
    const events = await listEvents(t.database.db, m.id);
    expect(events.filter((e) => e.type === 'report')).toHaveLength(1);
  });

  it('a whole-message report that states its part count is final (sandbox "parts": 2)', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw, { segments: 2 });
    const report = sandboxReport(0, m.gatewayMessageId ?? '');
    const body = report.body.replace('"parts":1', '"parts":2');
    expect((await callback(t.app, path, { ...report, body })).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  it('unknown id: stored as unmatched and answered 200', async () => {
    const gwid = uniqueGatewayId();
    const res = await callback(t.app, path, sandboxReport(0, gwid));
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db
      .select()
      .from(statusReports)
      .where(and(eq(statusReports.gateway, gw), eq(statusReports.gatewayMessageId, gwid)));
    expect(rows.map((r) => r.state)).toEqual(['unmatched']);
  });

  it('replayed: the second copy changes nothing and is answered 200', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const report = sandboxReport(0, m.gatewayMessageId ?? '');
    expect((await callback(t.app, path, report)).statusCode).toBe(200);
    const first = await getMessageById(t.database.db, m.id);
    expect((await callback(t.app, path, report)).statusCode).toBe(200);
    const second = await getMessageById(t.database.db, m.id);
    expect(second?.status).toBe('delivered');
    expect(second?.updatedAt).toEqual(first?.updatedAt);
    const states = (await t.database.db.select().from(statusReports).where(eq(statusReports.messageId, m.id))).map((r) => r.state);
    expect(states.sort()).toEqual(['applied', 'ignored']);
  });

  it('out of order (Twilio delivered, then sent): never moves backwards', async () => {
    const sid = uniqueGatewayId('SM');
    const m = await seedMessage(t.database.db, t.admin.accountId, twilioGw, { gatewayMessageId: sid });
    expect((await callback(t.app, twilioPath, twilioReport(1, sid))).statusCode).toBe(200);
    expect((await callback(t.app, twilioPath, twilioReport(0, sid))).statusCode).toBe(200);
    const after = await getMessageById(t.database.db, m.id);
    expect(after?.status).toBe('delivered');
    expect(after?.deliveredAt?.toISOString()).toBe('2023-08-24T05:02:00.000Z');
    // A failure report after delivery is ignored as well.
    expect((await callback(t.app, twilioPath, twilioReport(2, sid))).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  it('early, with our reference (before the send was stored): parked, applied when the send completes', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw, { status: 'sending', gatewayMessageId: null, sentAt: null });
    const gwid = uniqueGatewayId();
    expect((await callback(t.app, path, sandboxReport(0, gwid, m.id))).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('sending');
    const sent = await transition(
      t.database.db,
      m.id,
      ['sending'],
      { status: 'sent', gatewayMessageId: gwid, sentAt: new Date() },
      { type: 'sent' },
    );
    if (!sent) throw new Error('transition failed');
    const outcomes = await applyPendingReports(t.database.db, sent);
    expect(outcomes.map((o) => o.state)).toEqual(['applied']);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  it('early, without a reference (Twilio): kept unmatched, applied by gateway id when the send completes', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, twilioGw, { status: 'sending', gatewayMessageId: null, sentAt: null });
    const sid = uniqueGatewayId('SM');
    expect((await callback(t.app, twilioPath, twilioReport(1, sid))).statusCode).toBe(200);
    const sent = await transition(
      t.database.db,
      m.id,
      ['sending'],
      { status: 'sent', gatewayMessageId: sid, sentAt: new Date() },
      { type: 'sent' },
    );
    if (!sent) throw new Error('transition failed');
    await applyPendingReports(t.database.db, sent);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  it('multipart (per-part reports): delivered when every part is, failed if any part failed', async () => {
    const partGw = await t.createGateway({ config: { statusCallback: { partIndex: 'part' } } });
    const partPath = `/callbacks/${partGw}/${await callbackToken(t.database.db, partGw)}/status`;
    const partReport = (i: number, gwid: string, part: number) => {
      const r = sandboxReport(i, gwid);
      return { ...r, body: r.body.replace('"parts":1', `"parts":2,"part":${part}`) };
    };
    const ok = await seedMessage(t.database.db, t.admin.accountId, partGw, { segments: 2 });
    await callback(t.app, partPath, partReport(0, ok.gatewayMessageId ?? '', 1));
    expect((await getMessageById(t.database.db, ok.id))?.status).toBe('sent');
    await callback(t.app, partPath, partReport(0, ok.gatewayMessageId ?? '', 2));
    expect((await getMessageById(t.database.db, ok.id))?.status).toBe('delivered');

    const bad = await seedMessage(t.database.db, t.admin.accountId, partGw, { segments: 2 });
    await callback(t.app, partPath, partReport(0, bad.gatewayMessageId ?? '', 1));
    await callback(t.app, partPath, partReport(1, bad.gatewayMessageId ?? '', 2));
    expect((await getMessageById(t.database.db, bad.id))?.status).toBe('failed');
  });

  it('a status change queues a message.status webhook for the account (row + job, no content)', async () => {
    const patch = await t.request({ method: 'PATCH', url: '/v1/account', payload: { webhookUrl: 'http://127.0.0.1:9/hooks' } });
    expect(patch.statusCode).toBe(200);
    const m = await seedMessage(t.database.db, t.admin.accountId, gw, { metadata: { order: 42 } });
    await callback(t.app, path, sandboxReport(0, m.gatewayMessageId ?? ''));
    const [d] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, m.id));
    expect(d?.eventType).toBe('message.status');
    expect(d?.url).toBe('http://127.0.0.1:9/hooks');
    const payload = d?.payload as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('message.status');
    expect(payload.data).toMatchObject({ id: m.id, status: 'delivered', gateway: gw, metadata: { order: 42 } });
    expect(payload.data).not.toHaveProperty('content');
    const job = await t.queues.get(JOBS.webhook.queue).getJob(d?.id ?? '');
    expect(job?.data).toEqual({ deliveryId: d?.id });
  });
});
