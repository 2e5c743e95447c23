import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { JOBS } from '@smsgw/core';
import { replies, webhookDeliveries, type ReplyRow } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { callback, callbackToken, fixture, presetFixtures, seedMessage, uniqueNumber } from './callbacks-fixtures.js';

const sandbox = presetFixtures('sandbox');
const HOUR = 3600_000;

interface Inbound {
  from: string;
  text?: string;
  to?: string;
  reference?: string;
  providerId?: string;
}

describe('replies (inbound messages)', () => {
  let t: TestApp;
  let gw: string;
  let replyPath: string;

  beforeAll(async () => {
    t = await buildTestApp({ SMSGW_REPLY_WINDOW_HOURS: '48' });
    gw = await t.createGateway();
    replyPath = `/callbacks/${gw}/${await callbackToken(t.database.db, gw)}/reply`;
  });
  afterAll(async () => t.close());

  /** The documented sandbox inbound message, with our values in it (the sandbox sends digits without '+'). */
  async function inbound(i: Inbound, path = replyPath): Promise<ReplyRow | undefined> {
    const doc = new URLSearchParams(fixture(sandbox.replyCallbacks, 0).body);
    const providerId = i.providerId ?? `sbx_in_${randomBytes(10).toString('hex')}`;
    doc.set('msisdn', i.from.replace(/^\+/, ''));
    doc.set('to', i.to ?? 'SMSGW');
    doc.set('text', i.text ?? 'Yes please');
    doc.set('message_id', providerId);
    if (i.reference === undefined) doc.delete('reference');
    else doc.set('reference', i.reference);
    const res = await callback(t.app, path, { contentType: 'application/x-www-form-urlencoded', body: doc.toString() });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(replies).where(eq(replies.providerId, providerId));
    return row;
  }

  it('stores sender, recipient, text, time, gateway, provider id and the raw payload', async () => {
    const from = uniqueNumber();
    const r = await inbound({ from, text: '  Yes please ', providerId: `sbx_in_${randomBytes(10).toString('hex')}` });
    expect(r).toMatchObject({
      from,
      to: 'SMSGW',
      content: '  Yes please ',
      gateway: gw,
      messageId: null,
      accountId: null,
      matchedBy: null,
    });
    expect(r?.receivedAt.toISOString()).toBe('2025-01-01T12:00:00.000Z');
    expect(JSON.stringify(r?.raw)).toContain('msisdn=');
  });

  it('matches by the reference the provider echoes (our id, or the gateway’s)', async () => {
    const to = uniqueNumber();
    const old = await seedMessage(t.database.db, t.user.accountId, gw, { to, sentAt: new Date(Date.now() - 2 * HOUR) });
    await seedMessage(t.database.db, t.user.accountId, gw, { to });
    const byOurId = await inbound({ from: to, reference: old.id });
    expect(byOurId).toMatchObject({ messageId: old.id, accountId: t.user.accountId, matchedBy: 'reference' });
    const byGatewayId = await inbound({ from: to, reference: old.gatewayMessageId ?? '' });
    expect(byGatewayId).toMatchObject({ messageId: old.id, matchedBy: 'reference' });
  });

  it('a reference to a message of another gateway does not count', async () => {
    const other = await t.createGateway();
    const to = uniqueNumber();
    const m = await seedMessage(t.database.db, t.user.accountId, other, { to });
    const r = await inbound({ from: to, reference: m.id });
    expect(r).toMatchObject({ messageId: null, matchedBy: null });
  });

  it('otherwise matches the most recent message to that number through that gateway, preferring the sender replied to', async () => {
    const to = uniqueNumber();
    const older = await seedMessage(t.database.db, t.user.accountId, gw, {
      to,
      from: '+12025550123',
      sentAt: new Date(Date.now() - 3 * HOUR),
    });
    const newer = await seedMessage(t.database.db, t.user.accountId, gw, { to, from: 'Acme', sentAt: new Date(Date.now() - HOUR) });
    expect(await inbound({ from: to, to: 'SMSGW' })).toMatchObject({ messageId: newer.id, matchedBy: 'recent' });
    expect(await inbound({ from: to, to: '12025550123' })).toMatchObject({ messageId: older.id, matchedBy: 'recent', to: '+12025550123' });
  });

  it('outside the window (SMSGW_REPLY_WINDOW_HOURS) a reply is kept unmatched, never dropped', async () => {
    const to = uniqueNumber();
    await seedMessage(t.database.db, t.user.accountId, gw, { to, sentAt: new Date(Date.now() - 49 * HOUR) });
    const r = await inbound({ from: to });
    expect(r).toMatchObject({ messageId: null, accountId: null });
    const admin = json(await t.request({ method: 'GET', url: `/v1/replies?unmatched=true&from=${encodeURIComponent(to)}` }));
    expect((admin['data'] as { id: string }[]).map((x) => x.id)).toEqual([r?.id]);
    const user = await t.request({ method: 'GET', url: '/v1/replies?unmatched=true', key: t.user.key });
    expect(user.statusCode).toBe(403);
  });

  it('a duplicate delivery (same provider id) is stored once and starts nothing twice', async () => {
    const to = uniqueNumber();
    const m = await seedMessage(t.database.db, t.user.accountId, gw, { to, replyHandler: 'survey' });
    const providerId = `sbx_in_${randomBytes(10).toString('hex')}`;
    const first = await inbound({ from: to, providerId });
    const second = await inbound({ from: to, providerId });
    expect(second?.id).toBe(first?.id);
    expect(await t.database.db.select().from(replies).where(eq(replies.providerId, providerId))).toHaveLength(1);
    const queue = t.queues.get(JOBS.replyHandler.queue);
    const job = await queue.getJob(first?.id ?? '');
    expect(job?.data).toEqual({ replyId: first?.id });
    expect(first?.messageId).toBe(m.id);
  });

  it('queues the reply handler only when the message names one', async () => {
    const to = uniqueNumber();
    await seedMessage(t.database.db, t.user.accountId, gw, { to });
    const r = await inbound({ from: to });
    expect(r?.messageId).not.toBeNull();
    expect(await t.queues.get(JOBS.replyHandler.queue).getJob(r?.id ?? '')).toBeUndefined();
  });

  it('queues a message.reply webhook to the message’s own URL', async () => {
    const to = uniqueNumber();
    const m = await seedMessage(t.database.db, t.user.accountId, gw, { to, webhookUrl: 'http://127.0.0.1:9/own', metadata: { ticket: 7 } });
    const r = await inbound({ from: to, text: 'Thanks!' });
    const [d] = await t.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.replyId, r?.id ?? ''));
    expect(d).toMatchObject({
      eventType: 'message.reply',
      url: 'http://127.0.0.1:9/own',
      messageId: m.id,
      accountId: t.user.accountId,
      state: 'pending',
    });
    const payload = d?.payload as {
      type: string;
      data: { reply: Record<string, unknown>; messageId: string; message: Record<string, unknown> };
    };
    expect(payload.type).toBe('message.reply');
    expect(payload.data.reply).toMatchObject({ id: r?.id, from: to, content: 'Thanks!' });
    expect(payload.data.messageId).toBe(m.id);
    expect(payload.data.message).toMatchObject({ metadata: { ticket: 7 } });
    expect((await t.queues.get(JOBS.webhook.queue).getJob(d?.id ?? ''))?.data).toEqual({ deliveryId: d?.id });
  });

  it('GET /v1/messages/:id includes the replies; GET /v1/replies filters and pages, per account', async () => {
    const to = uniqueNumber();
    const m = await seedMessage(t.database.db, t.user.accountId, gw, { to });
    const got: string[] = [];
    for (const text of ['one', 'two', 'three']) got.push((await inbound({ from: to, text, reference: m.id }))?.id ?? '');

    const message = json(await t.request({ method: 'GET', url: `/v1/messages/${m.id}`, key: t.user.key }));
    expect((message['replies'] as { content: string }[]).map((r) => r.content)).toEqual(['one', 'two', 'three']);

    const page1 = json(await t.request({ method: 'GET', url: `/v1/replies?messageId=${m.id}&limit=2`, key: t.user.key }));
    const ids1 = (page1['data'] as { id: string }[]).map((r) => r.id);
    expect(ids1).toEqual([got[2], got[1]]);
    const page2 = json(
      await t.request({
        method: 'GET',
        url: `/v1/replies?messageId=${m.id}&limit=2&cursor=${String(page1['nextCursor'])}`,
        key: t.user.key,
      }),
    );
    expect((page2['data'] as { id: string }[]).map((r) => r.id)).toEqual([got[0]]);
    expect(page2['nextCursor']).toBeNull();

    const byNumber = json(await t.request({ method: 'GET', url: `/v1/replies?from=${to.slice(1)}`, key: t.user.key }));
    expect((byNumber['data'] as unknown[]).length).toBe(3);
    // since/until bound the time smsgw stored the reply (its time-ordered id), not the provider's clock.
    const later = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const earlier = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const since = json(
      await t.request({ method: 'GET', url: `/v1/replies?from=${encodeURIComponent(to)}&since=${later}`, key: t.user.key }),
    );
    expect(since['data']).toEqual([]);
    const until = json(
      await t.request({ method: 'GET', url: `/v1/replies?from=${encodeURIComponent(to)}&until=${later}`, key: t.user.key }),
    );
    expect((until['data'] as unknown[]).length).toBe(3);
    const before = json(
      await t.request({ method: 'GET', url: `/v1/replies?from=${encodeURIComponent(to)}&until=${earlier}`, key: t.user.key }),
    );
    expect(before['data']).toEqual([]);

    const otherAccount = json(await t.request({ method: 'GET', url: `/v1/replies?messageId=${m.id}` }));
    expect(otherAccount['data']).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/v1/replies?since=yesterday', key: t.user.key })).statusCode).toBe(400);
  });
});
