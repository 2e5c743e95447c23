import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@smsgw/core';
import { creditLedgerSum, insertMessages, transition, type NewMessage } from '@smsgw/db';
import { useTestApp } from './helpers.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';

const t = useTestApp();
let gw: string;
beforeAll(async () => {
  gw = await t.createGateway();
  const res = await t.request({ method: 'POST', url: '/v1/rates', payload: { gateway: gw, pricePerSegment: '0.05', currency: 'EUR' } });
  expect(res.statusCode, res.body).toBe(201);
});

const number = () => uniqueNumber();
const newBillee = () => ({ type: 'customer', id: `c${randomInt(1, 1e9)}` });
type Billee = ReturnType<typeof newBillee>;
const base = (b: Billee) => `/v1/billees/${b.type}/${b.id}`;
type Credit = { limit: string; reserved: string; spent: string; balance: string; currency: string };

async function prepaid(limit: string, currency = 'EUR'): Promise<Billee> {
  const b = newBillee();
  const res = await t.request({ method: 'PUT', url: `${base(b)}/credit`, key: t.user.key, payload: { limit, currency } });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}
const send = (billee: Billee, extra: Record<string, unknown> = {}) =>
  t.request({
    method: 'POST',
    url: '/v1/messages',
    key: t.user.key,
    payload: { to: number(), content: 'paid for', gateway: gw, billee, ...extra },
  });
const balance = async (b: Billee) => (await t.request({ method: 'GET', url: `${base(b)}/balance`, key: t.user.key })).json<Credit>();
const ledgerSum = (b: Billee) => creditLedgerSum(t.database.db, t.user.accountId, b);

describe('prepaid credit', () => {
  it('50 concurrent accepts against a credit of 10 messages: exactly 10 accepted, and the ledger sums to the balance', async () => {
    const billee = await prepaid('0.50');
    const before = await t.messageCount(t.user.accountId);
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(billee)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 202)).toHaveLength(10);
    expect(codes.filter((c) => c === 402)).toHaveLength(40);
    expect(answers.find((r) => r.statusCode === 402)?.json<{ error: { code: string } }>().error.code).toBe('insufficient_credit');
    expect(await t.messageCount(t.user.accountId)).toBe(before + 10);
    expect(await balance(billee)).toMatchObject({ limit: '0.500000', reserved: '0.500000', spent: '0.000000', balance: '0.000000' });
    expect(Number(await ledgerSum(billee))).toBe(0);
  });

  it('the same with 50 statements of their own, each on its own connection: the row lock orders them', async () => {
    const billee = await prepaid('0.50');
    const row = (): NewMessage => ({
      id: newId('msg'),
      accountId: t.user.accountId,
      to: number(),
      content: 'paid for',
      encoding: 'gsm7',
      segments: 1,
      status: 'queued',
      gateway: gw,
      routeGateways: [gw],
      billeeType: billee.type,
      billeeId: billee.id,
    });
    const results = (await Promise.all(Array.from({ length: 50 }, () => insertMessages(t.database.db, [row()])))).flat();
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(10);
    expect(results.filter((r) => r.kind === 'no_credit')).toHaveLength(40);
    expect((await balance(billee)).balance).toBe('0.000000');
    expect(await ledgerSum(billee)).toBe('0.000000');
  });

  it('settles at the charge when delivered, releases on failure, cancel or expiry; the ledger always sums to the balance', async () => {
    const billee = await prepaid('1.00');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await send(billee)).json<{ id: string }>().id);
    const [delivered = '', failed = '', cancelled = '', estimated = ''] = ids;
    expect(await balance(billee)).toMatchObject({ reserved: '0.200000', balance: '0.800000' });

    await transition(t.database.db, delivered, ['queued'], { status: 'sent' }, { type: 'sent' });
    await transition(
      t.database.db,
      delivered,
      ['sent'],
      { status: 'delivered', gatewayCharge: '0.042', chargeCurrency: 'EUR' },
      { type: 'report' },
    );
    await transition(t.database.db, failed, ['queued'], { status: 'failed' }, { type: 'failed' });
    expect((await t.request({ method: 'POST', url: `/v1/messages/${cancelled}/cancel`, key: t.user.key })).statusCode).toBe(200);
    // Delivered without a charge in the report: the estimate is what it cost.
    await transition(t.database.db, estimated, ['queued'], { status: 'delivered' }, { type: 'report' });
    expect(await balance(billee)).toMatchObject({ reserved: '0.000000', spent: '0.092000', balance: '0.908000' });
    expect(await ledgerSum(billee)).toBe('0.908000');
    // A resend and a second failure release nothing twice.
    await transition(t.database.db, failed, ['failed'], { status: 'queued' }, { type: 'resend' });
    await transition(t.database.db, failed, ['queued'], { status: 'failed' }, { type: 'failed' });
    expect((await balance(billee)).balance).toBe('0.908000');
    expect(await ledgerSum(billee)).toBe('0.908000');

    const ledger = (await t.request({ method: 'GET', url: `${base(billee)}/ledger?limit=3`, key: t.user.key })).json<{
      data: { kind: string; amount: string; messageId: string | null }[];
      nextCursor: string | null;
    }>();
    expect(ledger.data).toHaveLength(3);
    const rest = (
      await t.request({ method: 'GET', url: `${base(billee)}/ledger?cursor=${ledger.nextCursor ?? ''}`, key: t.user.key })
    ).json<{
      data: { kind: string; amount: string; messageId: string | null }[];
    }>();
    const all = [...ledger.data, ...rest.data].reverse();
    expect(all.map((e) => e.kind)).toEqual(['limit', 'reserve', 'reserve', 'reserve', 'reserve', 'settle', 'release', 'release', 'settle']);
    expect(all.find((e) => e.kind === 'settle' && e.messageId === delivered)?.amount).toBe('0.008000');
  });

  it('a batch reserves item by item; an atomic one that does not fit stores nothing', async () => {
    const billee = await prepaid('0.15');
    const items = Array.from({ length: 5 }, () => ({ to: number(), content: 'x', gateway: gw, billee }));
    const atomic = await t.request({
      method: 'POST',
      url: '/v1/messages/batch',
      key: t.user.key,
      payload: { atomic: true, messages: items },
    });
    expect(atomic.statusCode).toBe(422);
    expect((await balance(billee)).reserved).toBe('0.000000');
    const res = await t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, payload: { messages: items } });
    expect(res.statusCode).toBe(202);
    const data = res.json<{ data: { message?: unknown; error?: { code: string } }[] }>().data;
    expect(data.map((d) => d.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'insufficient_credit', 'insufficient_credit']);
    expect(await balance(billee)).toMatchObject({ reserved: '0.150000', balance: '0.000000' });
  });

  it('refuses a message with no price in the credit’s currency; keeps the currency; no credit means no limit', async () => {
    const usd = await prepaid('10', 'USD');
    const refused = await send(usd);
    expect(refused.statusCode).toBe(402);
    const change = await t.request({
      method: 'PUT',
      url: `${base(usd)}/credit`,
      key: t.user.key,
      payload: { limit: '5', currency: 'EUR' },
    });
    expect(change.statusCode).toBe(409);
    expect(change.json<{ error: { code: string } }>().error.code).toBe('credit_currency_fixed');
    const raised = await t.request({
      method: 'PUT',
      url: `${base(usd)}/credit`,
      key: t.user.key,
      payload: { limit: 12.5, currency: 'USD' },
    });
    expect(raised.json<Credit>()).toMatchObject({ limit: '12.500000', balance: '12.500000' });
    expect(await ledgerSum(usd)).toBe('12.500000');

    const free = newBillee();
    expect((await send(free)).statusCode).toBe(202);
    expect((await t.request({ method: 'GET', url: `${base(free)}/balance`, key: t.user.key })).statusCode).toBe(404);
    // Another account's billee of the same name is another credit.
    expect((await t.request({ method: 'GET', url: `${base(usd)}/balance`, key: t.admin.key })).statusCode).toBe(404);
  });
});
