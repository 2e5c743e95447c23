import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { JOBS } from '@smsgw/core';
import { optOuts, replies, webhookDeliveries, type ReplyRow } from '@smsgw/db';
import { testAccount } from '../../../test/support/env.js';
import { buildTestApp, json, type TestApp, type TestKey } from './helpers.js';
import { callback, callbackToken, seedMessage, uniqueNumber } from './callbacks-fixtures.js';

const HOUR = 3600_000;

/**
 * Finding A: without an echoed reference, a reply used to go to the most recent message to that
 * phone across every account sharing the gateway, so account B's later message captured account
 * A's reply, its webhook, its handler and its STOP. Ownership of the number replied to, or a
 * sending history of one account only, is now the only way a reply without a reference reaches
 * an account.
 */
describe('replies: which account a reply belongs to', () => {
  let t: TestApp;
  let gw: string;
  let replyPath: string;
  /** Account A (the admin key's account is the admin; A and B are plain tenants). */
  let a: TestKey;
  let b: TestKey;
  const owned: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ SMSGW_REPLY_WINDOW_HOURS: '48' });
    gw = await t.createGateway();
    replyPath = `/callbacks/${gw}/${await callbackToken(t.database.db, gw)}/reply`;
    a = t.user;
    b = await testAccount(t.database, false);
  });
  afterAll(async () => {
    for (const n of owned) await t.request({ method: 'DELETE', url: `/v1/sender-numbers/${encodeURIComponent(n)}` });
    await t.close();
  });

  async function inbound(from: string, i: { to?: string; text?: string; reference?: string; path?: string } = {}): Promise<ReplyRow> {
    const providerId = `sbx_in_${randomBytes(10).toString('hex')}`;
    const form = new URLSearchParams({
      msisdn: from.replace(/^\+/, ''),
      to: i.to ?? 'SMSGW',
      text: i.text ?? 'Yes please',
      message_id: providerId,
    });
    if (i.reference) form.set('reference', i.reference);
    const res = await callback(t.app, i.path ?? replyPath, { contentType: 'application/x-www-form-urlencoded', body: form.toString() });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(replies).where(eq(replies.providerId, providerId));
    if (!row) throw new Error('reply not stored');
    return row;
  }
  const deliveriesOf = (replyId: string) => t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.replyId, replyId));
  const optOutsOf = (number: string) => t.database.db.select().from(optOuts).where(eq(optOuts.number, number));
  const listed = async (key: string, query: string) =>
    (json(await t.request({ method: 'GET', url: `/v1/replies?${query}`, key }))['data'] as { id: string }[]).map((r) => r.id);
  async function own(accountId: string, gateway?: string): Promise<string> {
    const number = uniqueNumber();
    const res = await t.request({
      method: 'POST',
      url: '/v1/sender-numbers',
      payload: { number, accountId, ...(gateway ? { gateway } : {}) },
    });
    expect(res.statusCode).toBe(201);
    owned.push(number);
    return number;
  }

  it("a reply is not handed to another account's later message: it is kept unmatched, for admins only", async () => {
    const phone = uniqueNumber();
    await seedMessage(t.database.db, a.accountId, gw, {
      to: phone,
      sentAt: new Date(Date.now() - 2 * HOUR),
      webhookUrl: 'http://127.0.0.1:9/a',
    });
    await seedMessage(t.database.db, b.accountId, gw, {
      to: phone,
      sentAt: new Date(Date.now() - HOUR),
      webhookUrl: 'http://127.0.0.1:9/b',
      replyHandler: 'survey',
    });

    const r = await inbound(phone, { text: 'my account number is 1234' });
    expect(r).toMatchObject({ accountId: null, messageId: null, matchedBy: null, handlerState: null });
    // No webhook, no handler job: the text reaches no application.
    expect(await deliveriesOf(r.id)).toEqual([]);
    expect(await t.queues.get(JOBS.replyHandler.queue).getJob(r.id)).toBeUndefined();
    // Neither tenant lists it; an admin finds it among the unmatched.
    expect(await listed(b.key, `from=${encodeURIComponent(phone)}`)).toEqual([]);
    expect(await listed(a.key, `from=${encodeURIComponent(phone)}`)).toEqual([]);
    expect(await listed(t.admin.key, `unmatched=true&from=${encodeURIComponent(phone)}`)).toEqual([r.id]);
    expect((await t.request({ method: 'GET', url: '/v1/replies?unmatched=true', key: b.key })).statusCode).toBe(403);
  });

  it('an ambiguous STOP opts the phone out of every account that sent to it, and of no other', async () => {
    const phone = uniqueNumber();
    await seedMessage(t.database.db, a.accountId, gw, { to: phone, sentAt: new Date(Date.now() - 2 * HOUR) });
    await seedMessage(t.database.db, b.accountId, gw, { to: phone, sentAt: new Date(Date.now() - HOUR) });
    const r = await inbound(phone, { text: 'STOP' });
    expect(r).toMatchObject({ accountId: null, keyword: 'stop' });
    const rows = await optOutsOf(phone);
    expect(rows.map((o) => o.accountId).sort()).toEqual([a.accountId, b.accountId].sort());
    expect(rows.every((o) => o.source === `reply:${r.id}`)).toBe(true);
    // The admin's account never wrote to this phone: it may still.
    const send = await t.request({ method: 'POST', url: '/v1/messages', payload: { to: phone, content: 'hi', gateway: gw } });
    expect(send.statusCode).toBe(202);
    for (const k of [a, b]) {
      const refused = await t.request({
        method: 'POST',
        url: '/v1/messages',
        key: k.key,
        payload: { to: phone, content: 'hi', gateway: gw },
      });
      expect(refused.statusCode).toBe(422);
    }
  });

  it('one account in the window is unambiguous: its latest message is matched', async () => {
    const phone = uniqueNumber();
    // B's message is outside the window: not a candidate.
    await seedMessage(t.database.db, b.accountId, gw, { to: phone, sentAt: new Date(Date.now() - 49 * HOUR) });
    const m = await seedMessage(t.database.db, a.accountId, gw, { to: phone, sentAt: new Date(Date.now() - HOUR) });
    expect(await inbound(phone)).toMatchObject({ accountId: a.accountId, messageId: m.id, matchedBy: 'recent' });
  });

  it("a reply to an owned number belongs to its owner, even after another account's later message", async () => {
    const number = await own(a.accountId);
    const phone = uniqueNumber();
    const mine = await seedMessage(t.database.db, a.accountId, gw, {
      to: phone,
      from: number,
      sentAt: new Date(Date.now() - 2 * HOUR),
      replyHandler: 'survey',
      webhookUrl: 'http://127.0.0.1:9/a',
    });
    const theirs = await seedMessage(t.database.db, b.accountId, gw, {
      to: phone,
      sentAt: new Date(Date.now() - HOUR),
      webhookUrl: 'http://127.0.0.1:9/b',
    });

    const r = await inbound(phone, { to: number.slice(1), text: 'yes' });
    expect(r).toMatchObject({ accountId: a.accountId, messageId: mine.id, matchedBy: 'recent', to: number, handlerState: 'pending' });
    const deliveries = await deliveriesOf(r.id);
    expect(deliveries.map((d) => [d.accountId, d.url])).toEqual([[a.accountId, 'http://127.0.0.1:9/a']]);
    expect(await listed(a.key, `from=${encodeURIComponent(phone)}`)).toEqual([r.id]);
    expect(await listed(b.key, `from=${encodeURIComponent(phone)}`)).toEqual([]);
    expect((await t.queues.get(JOBS.replyHandler.queue).getJob(r.id))?.data).toEqual({ replyId: r.id });

    // STOP to the owned number stops the owner only.
    const stop = await inbound(phone, { to: number, text: 'stop' });
    expect(stop).toMatchObject({ accountId: a.accountId });
    expect((await optOutsOf(phone)).map((o) => o.accountId)).toEqual([a.accountId]);
    expect(theirs.accountId).toBe(b.accountId);
  });

  it('an owned number with no message of its owner still belongs to the owner, never to the account that wrote', async () => {
    const number = await own(a.accountId);
    const phone = uniqueNumber();
    await seedMessage(t.database.db, b.accountId, gw, { to: phone, webhookUrl: 'http://127.0.0.1:9/b', replyHandler: 'survey' });
    const r = await inbound(phone, { to: number });
    expect(r).toMatchObject({ accountId: a.accountId, messageId: null, matchedBy: 'number', handlerState: null });
    const deliveries = await deliveriesOf(r.id);
    expect(deliveries.filter((d) => d.accountId !== a.accountId)).toEqual([]);
  });

  it('an ownership limited to a gateway counts only for replies through that gateway', async () => {
    const other = await t.createGateway();
    const otherPath = `/callbacks/${other}/${await callbackToken(t.database.db, other)}/reply`;
    const number = await own(a.accountId, gw);
    const phone = uniqueNumber();
    await seedMessage(t.database.db, b.accountId, other, { to: phone });
    await seedMessage(t.database.db, a.accountId, other, { to: phone, sentAt: new Date(Date.now() - HOUR) });
    expect(await inbound(phone, { to: number, path: otherPath })).toMatchObject({ accountId: null, matchedBy: null });
    expect(await inbound(phone, { to: number })).toMatchObject({ accountId: a.accountId, matchedBy: 'number' });
  });

  it('an echoed reference still decides first', async () => {
    const number = await own(a.accountId);
    const phone = uniqueNumber();
    const theirs = await seedMessage(t.database.db, b.accountId, gw, { to: phone });
    await seedMessage(t.database.db, a.accountId, gw, { to: phone });
    expect(await inbound(phone, { to: number, reference: theirs.id })).toMatchObject({
      accountId: b.accountId,
      messageId: theirs.id,
      matchedBy: 'reference',
    });
  });

  it('webhook rows of ambiguous replies: none for any account', async () => {
    const phone = uniqueNumber();
    await seedMessage(t.database.db, a.accountId, gw, { to: phone, webhookUrl: 'http://127.0.0.1:9/a' });
    await seedMessage(t.database.db, b.accountId, gw, { to: phone, webhookUrl: 'http://127.0.0.1:9/b' });
    const ids = [(await inbound(phone)).id, (await inbound(phone, { text: 'STOP' })).id];
    expect(await t.database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.replyId, ids))).toEqual([]);
  });
});
