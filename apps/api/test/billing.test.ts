import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { billingRunTotals, createBillingRun, messages, transition } from '@smsgw/db';
import { newId } from '@smsgw/core';
import { useTestApp } from './helpers.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';

const t = useTestApp();
let gw: string;
beforeAll(async () => {
  gw = await t.createGateway();
  for (const rate of [
    { pricePerSegment: '0.0500', currency: 'EUR' },
    { pricePerSegment: '0.0300', currency: 'EUR', prefix: '+4474' },
    { pricePerSegment: '0.0400', currency: 'EUR', country: 'GB' },
  ]) {
    const res = await t.request({ method: 'POST', url: '/v1/rates', payload: { gateway: gw, ...rate } });
    expect(res.statusCode, res.body).toBe(201);
  }
});

const uk74 = () => uniqueNumber('74');
const uk75 = () => uniqueNumber('75');
type Money = { amount: string; currency: string | null } | null;
type Msg = { id: string; segments: number; rate: Money; estimatedCost: Money; billed: boolean; billingRunId: string | null };

async function send(body: Record<string, unknown>, key = t.user.key): Promise<Msg> {
  const res = await t.request({ method: 'POST', url: '/v1/messages', key, payload: { gateway: gw, content: 'hello', ...body } });
  expect(res.statusCode, res.body).toBe(202);
  return res.json<Msg>();
}
const setStatus = (id: string, set: Parameters<typeof transition>[3]) => transition(t.database.db, id, ['queued'], set, { type: 'test' });

describe('rates', () => {
  it('a message records the most specific rate in force at accept: prefix, then country, then the gateway', async () => {
    expect((await send({ to: uk74() })).rate).toEqual({ amount: '0.030000', currency: 'EUR' });
    const long = await send({ to: uk75(), content: 'x'.repeat(400) });
    expect(long).toMatchObject({ segments: 3, rate: { amount: '0.040000' }, estimatedCost: { amount: '0.120000', currency: 'EUR' } });
    expect((await send({ to: '+33612345678' })).rate).toEqual({ amount: '0.050000', currency: 'EUR' });
  });

  it('a new price is a new version: the list shows the one in force, the history all, and old messages keep theirs', async () => {
    const before = await send({ to: uk74() });
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/v1/rates',
          payload: { gateway: gw, prefix: '4474', pricePerSegment: 0.031, currency: 'EUR' },
        })
      ).statusCode,
    ).toBe(201);
    expect((await send({ to: uk74() })).rate?.amount).toBe('0.031000');
    const current = (await t.request({ method: 'GET', url: `/v1/rates?gateway=${gw}` })).json<{
      data: { prefix: string | null; pricePerSegment: string }[];
    }>().data;
    expect(current.filter((r) => r.prefix === '+4474').map((r) => r.pricePerSegment)).toEqual(['0.031000']);
    const history = (await t.request({ method: 'GET', url: `/v1/rates?gateway=${gw}&history=true` })).json<{ data: unknown[] }>().data;
    expect(history).toHaveLength(4);
    const [row] = await t.database.db.select().from(messages).where(eq(messages.id, before.id));
    expect(row?.rate).toBe('0.030000');
  });

  it('only admins set prices, for gateways that exist, as exact decimals', async () => {
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/v1/rates',
          key: t.user.key,
          payload: { gateway: gw, pricePerSegment: '1', currency: 'EUR' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.request({ method: 'POST', url: '/v1/rates', payload: { gateway: 'no-such-gw', pricePerSegment: '1', currency: 'EUR' } }))
        .statusCode,
    ).toBe(422);
    expect(
      (await t.request({ method: 'POST', url: '/v1/rates', payload: { gateway: gw, pricePerSegment: '0.1234567', currency: 'EUR' } }))
        .statusCode,
    ).toBe(400);
  });

  it('GET /v1/rates/last gives the per-segment rate of the latest charged message to a number', async () => {
    const to = uk75();
    expect((await t.request({ method: 'GET', url: `/v1/rates/last?to=${encodeURIComponent(to)}`, key: t.user.key })).statusCode).toBe(404);
    const m = await send({ to, content: 'y'.repeat(300) });
    await setStatus(m.id, { status: 'delivered', sentAt: new Date(), gatewayCharge: '0.0900', chargeCurrency: 'GBP' });
    const res = await t.request({ method: 'GET', url: `/v1/rates/last?to=${encodeURIComponent(to)}`, key: t.user.key });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ to, perSegment: '0.045000', currency: 'GBP', messageId: m.id, segments: 2 });
  });
});

describe('billing', () => {
  it('unbilled totals per billee count what the gateway took, at the charge when reported, else the estimate', async () => {
    const billee = { type: 'customer', id: String(randomInt(1, 1e9)) };
    const a = await send({ to: uk74(), billee });
    const b = await send({ to: uk75(), billee, content: 'x'.repeat(400) });
    await send({ to: uk74(), billee }); // still queued: not billable yet
    await setStatus(a.id, { status: 'delivered', sentAt: new Date(), gatewayCharge: '0.0280', chargeCurrency: 'EUR' });
    await setStatus(b.id, { status: 'sent', sentAt: new Date() });
    const res = await t.request({ method: 'GET', url: `/v1/billing/unbilled?billee=customer:${billee.id}`, key: t.user.key });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ totals: unknown[]; data: { id: string }[] }>();
    expect(body.totals).toEqual([{ billee, currency: 'EUR', messages: 2, segments: 4, cost: '0.148000', unpriced: 0 }]);
    expect(body.data.map((m) => m.id)).toEqual([a.id, b.id]);
    expect((await t.request({ method: 'GET', url: '/v1/billing/unbilled?billee=nocolon', key: t.user.key })).statusCode).toBe(400);
  });

  it('a run bills once: a retry with its key answers the same run, the messages carry it, the export lists them', async () => {
    const billee = { type: 'customer', id: String(randomInt(1, 1e9)) };
    const a = await send({ to: uk74(), billee });
    const b = await send({ to: uk75(), billee });
    await setStatus(a.id, { status: 'delivered', sentAt: new Date(), gatewayCharge: '0.0250', chargeCurrency: 'EUR' });
    await setStatus(b.id, { status: 'sent', sentAt: new Date() });
    const until = new Date(Date.now() + 1000).toISOString();
    const key = `run-${randomInt(0, 1e9)}`;
    const run = (payload: Record<string, unknown>, k = key) =>
      t.request({ method: 'POST', url: '/v1/billing/runs', key: t.user.key, headers: { 'idempotency-key': k }, payload });
    const first = await run({ billee: `customer:${billee.id}`, until });
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<{ id: string; messages: number; totals: unknown[] }>();
    expect(body).toMatchObject({ messages: 2, billee, totals: [{ currency: 'EUR', messages: 2, segments: 2, amount: '0.065000' }] });
    const again = await run({ billee: `customer:${billee.id}`, until });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(body.id);
    expect((await run({ until })).statusCode).toBe(409);

    const billed = await t.request({
      method: 'GET',
      url: `/v1/messages?billed=true&gateway=${gw}&billee=customer:${billee.id}`,
      key: t.user.key,
    });
    expect(
      billed
        .json<{ data: Msg[] }>()
        .data.map((m) => [m.id, m.billingRunId])
        .sort(),
    ).toEqual(
      [
        [a.id, body.id],
        [b.id, body.id],
      ].sort(),
    );
    const unbilled = await t.request({ method: 'GET', url: `/v1/messages?billed=false&billee=customer:${billee.id}`, key: t.user.key });
    expect(unbilled.json<{ data: unknown[] }>().data).toHaveLength(0);

    const got = await t.request({ method: 'GET', url: `/v1/billing/runs/${body.id}`, key: t.user.key });
    expect(got.json()).toEqual(body);
    expect((await t.request({ method: 'GET', url: `/v1/billing/runs/${body.id}`, key: t.admin.key })).statusCode).toBe(404);
    const csv = await t.request({ method: 'GET', url: `/v1/billing/runs/${body.id}/export.csv`, key: t.user.key });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^message_id,created_at,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(lines.find((l) => l.startsWith(a.id))).toMatch(/,0\.025000,EUR$/);
  });

  it('concurrent runs never bill a message twice', async () => {
    const billee = { type: 'customer', id: String(randomInt(1, 1e9)) };
    const items = Array.from({ length: 300 }, () => ({ to: uk74(), content: 'bill me', gateway: gw, billee }));
    const res = await t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, payload: { messages: items } });
    expect(res.statusCode).toBe(202);
    const batchId = res.json<{ batchId: string }>().batchId;
    await t.database.db.execute(sql`UPDATE messages SET status = 'sent', sent_at = now() WHERE batch_id = ${batchId}`);
    const until = new Date(Date.now() + 1000).toISOString();
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request({ method: 'POST', url: '/v1/billing/runs', key: t.user.key, payload: { billee: `customer:${billee.id}`, until } }),
      ),
    );
    expect(runs.every((r) => r.statusCode === 201)).toBe(true);
    const counts = runs.map((r) => r.json<{ messages: number }>().messages);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    const rows = await t.database.db
      .select({ run: messages.billingRunId, billed: messages.billed })
      .from(messages)
      .where(eq(messages.batchId, batchId));
    expect(rows.every((r) => r.billed && r.run !== null)).toBe(true);
    const ids = new Set(runs.map((r) => r.json<{ id: string }>().id));
    expect(new Set(rows.map((r) => r.run)).size).toBeLessThanOrEqual(ids.size);
  });

  it('a run that meets messages another run holds waits for it, then bills none of them', async () => {
    const billee = { type: 'customer', id: String(randomInt(1, 1e9)) };
    const items = Array.from({ length: 50 }, () => ({ to: uk74(), content: 'raced', gateway: gw, billee }));
    const res = await t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, payload: { messages: items } });
    const batchId = res.json<{ batchId: string }>().batchId;
    await t.database.db.execute(sql`UPDATE messages SET status = 'delivered', sent_at = now() WHERE batch_id = ${batchId}`);
    const run = () => ({
      id: newId('run'),
      accountId: t.user.accountId,
      billee,
      until: new Date(Date.now() + 1000),
      idempotencyKey: null,
      requestHash: null,
    });
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let marked = () => {};
    const held = new Promise<void>((r) => {
      marked = r;
    });
    // The first run marks the messages and keeps its transaction open: their rows stay locked.
    const first = t.database.db.transaction(async (tx) => {
      const r = await createBillingRun(tx, run());
      marked();
      await gate;
      return r;
    });
    await held;
    let secondDone = false;
    const second = createBillingRun(t.database.db, run()).finally(() => {
      secondDone = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(secondDone).toBe(false);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect((await billingRunTotals(t.database.db, a.run.id))[0]?.messages).toBe(50);
    expect(await billingRunTotals(t.database.db, b.run.id)).toEqual([]);
  });
});
