import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addOptOut, batches, transition, updateAccountWebhook, webhookDeliveries } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';

const t = useTestApp();
let gw: string;
beforeAll(async () => {
  gw = await t.createGateway();
  // batch.completed goes to the account's default webhook (never called here: no worker runs).
  await updateAccountWebhook(t.database.db, t.user.accountId, { webhookUrl: 'http://127.0.0.1:9/hooks' });
});

const number = () => uniqueNumber();
const items = (n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({ to: number(), content: `m${i}`, gateway: gw, ...extra }));
const send = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, headers, payload });
const get = (url: string, key = t.user.key) => t.request({ method: 'GET', url, key });

interface Batch {
  id: string;
  total: number;
  done: number;
  percentComplete: number;
  completed: boolean;
  completedAt: string | null;
  counts: Record<string, number>;
  charged: { amount: string; currency: string | null }[];
}
type Page = { data: { id: string; status: string; batchId: string | null }[]; nextCursor: string | null };

async function created(n: number, extra: Record<string, unknown> = {}): Promise<{ batchId: string; ids: string[] }> {
  const res = await send({ messages: items(n), ...extra });
  expect(res.statusCode, res.body).toBe(202);
  const body = res.json<{ batchId: string; data: { message?: { id: string; batchId: string | null } }[] }>();
  const ids = body.data.map((d) => d.message?.id ?? '');
  expect(body.data.every((d) => d.message?.batchId === body.batchId)).toBe(true);
  return { batchId: body.batchId, ids };
}

const completedHooks = async (batchId: string) =>
  (await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, 'batch.completed'))).filter(
    (d) => (d.payload['data'] as { id?: string } | undefined)?.id === batchId,
  );

describe('batches', () => {
  it('a batch has an id every message carries, counts by status, a page of messages and a place in the list', async () => {
    const { batchId, ids } = await created(5);
    expect(batchId).toMatch(/^bat_/);
    const batch = (await get(`/v1/batches/${batchId}`)).json<Batch>();
    expect(batch).toMatchObject({ id: batchId, total: 5, done: 0, percentComplete: 0, completed: false, completedAt: null, charged: [] });
    expect(batch.counts['queued']).toBe(5);

    const first = (await get(`/v1/batches/${batchId}/messages?limit=3`)).json<Page>();
    expect(first.data).toHaveLength(3);
    const rest = (await get(`/v1/batches/${batchId}/messages?limit=3&cursor=${first.nextCursor ?? ''}`)).json<Page>();
    expect([...first.data, ...rest.data].map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(rest.nextCursor).toBeNull();

    await transition(t.database.db, ids[0] ?? '', ['queued'], { status: 'sent' }, { type: 'sent' });
    const sent = (await get(`/v1/batches/${batchId}/messages?status=sent`)).json<Page>();
    expect(sent.data.map((m) => m.id)).toEqual([ids[0]]);

    const list = (await get('/v1/batches?limit=100')).json<{ data: { id: string; total: number }[] }>();
    expect(list.data.find((b) => b.id === batchId)).toMatchObject({ total: 5 });
    // Another account sees neither the batch nor its messages.
    expect((await get(`/v1/batches/${batchId}`, t.admin.key)).statusCode).toBe(404);
    expect((await get(`/v1/batches/${batchId}/messages`, t.admin.key)).statusCode).toBe(404);
    expect((await get('/v1/batches', t.admin.key)).json<{ data: { id: string }[] }>().data.map((b) => b.id)).not.toContain(batchId);
  });

  it('cancel stops what was not sent; the last message to become final completes the batch, with one webhook row', async () => {
    const { batchId, ids } = await created(4);
    const [a = '', b = ''] = ids;
    // Two were claimed by a worker before the cancel: those are not cancelled.
    await transition(t.database.db, a, ['queued'], { status: 'sending' }, { type: 'sending' });
    await transition(t.database.db, b, ['queued'], { status: 'sent' }, { type: 'sent' });
    const res = await t.request({ method: 'POST', url: `/v1/batches/${batchId}/cancel`, key: t.user.key });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ cancelled: number; batch: Batch }>();
    expect(body.cancelled).toBe(2);
    expect(body.batch).toMatchObject({ done: 2, percentComplete: 50, completed: false });
    expect(body.batch.counts).toMatchObject({ cancelled: 2, sending: 1, sent: 1 });
    // A second cancel finds nothing left to cancel.
    expect(
      (await t.request({ method: 'POST', url: `/v1/batches/${batchId}/cancel`, key: t.user.key })).json<{ cancelled: number }>().cancelled,
    ).toBe(0);

    await transition(t.database.db, a, ['sending'], { status: 'failed' }, { type: 'failed' });
    expect(await completedHooks(batchId)).toHaveLength(0);
    await transition(t.database.db, b, ['sent'], { status: 'delivered', gatewayCharge: '0.05', chargeCurrency: 'EUR' }, { type: 'report' });
    const done = (await get(`/v1/batches/${batchId}`)).json<Batch>();
    expect(done).toMatchObject({ done: 4, percentComplete: 100, completed: true, charged: [{ amount: '0.050000', currency: 'EUR' }] });
    expect(done.completedAt).not.toBeNull();
    const hooks = await completedHooks(batchId);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.payload).toMatchObject({ type: 'batch.completed', data: { id: batchId, total: 4, done: 4 } });
  });

  it('a resend reopens a completed batch, and its completion is told again', async () => {
    const { batchId, ids } = await created(1);
    const id = ids[0] ?? '';
    await transition(t.database.db, id, ['queued'], { status: 'failed' }, { type: 'failed' });
    expect((await get(`/v1/batches/${batchId}`)).json<Batch>().completed).toBe(true);
    await transition(t.database.db, id, ['failed'], { status: 'queued' }, { type: 'resend' });
    expect((await get(`/v1/batches/${batchId}`)).json<Batch>()).toMatchObject({ completed: false, done: 0 });
    await transition(t.database.db, id, ['queued'], { status: 'cancelled' }, { type: 'cancelled' });
    expect(await completedHooks(batchId)).toHaveLength(2);
  });

  it('atomic: one invalid or opted-out item refuses the whole batch, and nothing is stored', async () => {
    const before = await t.messageCount(t.user.accountId);
    const invalid = await send({ atomic: true, messages: [...items(2), { to: 'not a number', content: 'x', gateway: gw }] });
    expect(invalid.statusCode).toBe(422);
    const body = json(invalid) as { error?: { code: string }; data?: { index: number; error?: { code: string } }[] };
    expect(body.error?.code).toBe('batch_rejected');
    expect(body.data?.map((d) => d.error?.code)).toEqual(['batch_rejected', 'batch_rejected', 'invalid_recipient']);

    const stopped = number();
    await addOptOut(t.database.db, t.user.accountId, stopped, 'test');
    const blocked = await send({ atomic: true, messages: [...items(2), { to: stopped, content: 'x', gateway: gw }] });
    expect(blocked.statusCode).toBe(422);
    expect((json(blocked) as { data?: { error?: { code: string } }[] }).data?.map((d) => d.error?.code)).toEqual([
      'batch_rejected',
      'batch_rejected',
      'recipient_opted_out',
    ]);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
    // Without atomic the same items store the valid ones.
    expect((await send({ messages: [...items(2), { to: stopped, content: 'x', gateway: gw }] })).statusCode).toBe(202);
  });

  it('a retried batch (same Idempotency-Key) names the same batch and stores nothing twice', async () => {
    const key = `bat-${randomInt(0, 1e9)}`;
    const messages = items(3);
    const first = await send({ messages }, { 'idempotency-key': key });
    const again = await send({ messages }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(202);
    const id = first.json<{ batchId: string }>().batchId;
    expect(again.json<{ batchId: string }>().batchId).toBe(id);
    const [row] = await t.database.db
      .select()
      .from(batches)
      .where(and(eq(batches.id, id), eq(batches.accountId, t.user.accountId)));
    expect(row).toMatchObject({ total: 3, idempotencyKey: key });
  });

  it('refuses a batch webhook URL it may not call, and answers 404 for an unknown batch', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v1/messages/batch',
      key: t.user.key,
      payload: { messages: items(1), webhookUrl: 'ftp://example.com/x' },
    });
    expect(res.statusCode).toBe(400);
    expect((await get('/v1/batches/bat_00000000000000000000000000')).statusCode).toBe(404);
    expect(
      (await t.request({ method: 'POST', url: '/v1/batches/bat_00000000000000000000000000/cancel', key: t.user.key })).statusCode,
    ).toBe(404);
  });
});
