import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sendQueueName } from '@smsgw/core';
import { addOptOut, listEvents } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';

const t = useTestApp();
let gw: string;
beforeAll(async () => {
  gw = await t.createGateway();
});

const number = () => uniqueNumber();
const batch = (messages: unknown[], headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, headers, payload: { messages } });
type Item = { index: number; message?: { id: string; status: string }; error?: { code: string } };
const items = (res: { json(): unknown }) => (res.json() as { data: Item[] }).data;

describe('POST /v1/messages/batch', () => {
  it('stores the valid items with their events and one job each, and reports the invalid ones by index', async () => {
    const before = await t.messageCount(t.user.accountId);
    const res = await batch([
      { to: number(), content: 'one', gateway: gw },
      { to: 'not a number', content: 'two', gateway: gw },
      { to: number(), content: 'three', gateway: gw },
      { to: number(), content: '', gateway: gw },
    ]);
    expect(res.statusCode).toBe(202);
    const body = json(res);
    expect(body).toMatchObject({ accepted: 2, rejected: 2 });
    const data = items(res);
    expect(data.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    expect(data[1]?.error?.code).toBe('invalid_recipient');
    expect(data[3]?.error?.code).toBe('empty_content');
    expect(await t.messageCount(t.user.accountId)).toBe(before + 2);
    for (const d of [data[0], data[2]]) {
      const id = d?.message?.id ?? '';
      expect((await listEvents(t.database.db, id)).map((e) => e.type)).toEqual(['accepted']);
      expect((await t.queues.get(sendQueueName(gw)).getJob(id))?.data).toEqual({ messageId: id });
    }
  });

  it('an opted-out recipient is refused within the batch by the same statement', async () => {
    const stopped = number();
    await addOptOut(t.database.db, t.user.accountId, stopped, 'test');
    const res = await batch([
      { to: stopped, content: 'no', gateway: gw },
      { to: number(), content: 'yes', gateway: gw },
    ]);
    expect(res.statusCode).toBe(202);
    expect(items(res).map((d) => d.error?.code ?? d.message?.status)).toEqual(['recipient_opted_out', 'queued']);
  });

  it('answers 422 and stores nothing when no item is valid, 400 past 1,000 items or without messages', async () => {
    const before = await t.messageCount(t.user.accountId);
    const none = await batch([{ to: 'x', content: 'a', gateway: gw }, { content: 'b' }]);
    expect(none.statusCode).toBe(422);
    expect(json(none).error?.code).toBe('batch_rejected');
    const tooMany = await batch(Array.from({ length: 1001 }, () => ({ to: number(), content: 'x', gateway: gw })));
    expect(tooMany.statusCode).toBe(400);
    expect((await batch([])).statusCode).toBe(400);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('an Idempotency-Key makes a retried batch answer with the same messages, storing nothing new', async () => {
    const key = `batch-${randomInt(0, 1e9)}`;
    const messages = [
      { to: number(), content: 'first', gateway: gw },
      { to: 'bad', content: 'x', gateway: gw },
      { to: number(), content: 'second', gateway: gw },
    ];
    const first = await batch(messages, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    const before = await t.messageCount(t.user.accountId);
    // A STOP since the first request does not turn the repeat into an error.
    await addOptOut(t.database.db, t.user.accountId, messages[0]?.to ?? '', 'test');
    const again = await batch(messages, { 'idempotency-key': key });
    expect(again.statusCode).toBe(202);
    expect(items(again).map((d) => d.message?.id ?? d.error?.code)).toEqual(items(first).map((d) => d.message?.id ?? d.error?.code));
    expect(await t.messageCount(t.user.accountId)).toBe(before);
    const changed = await batch([messages[0], messages[1], { ...messages[2], content: 'changed' }], { 'idempotency-key': key });
    expect(items(changed)[2]?.error?.code).toBe('idempotency_key_reused');
    expect((await batch(messages, { 'idempotency-key': 'bad key with spaces' })).statusCode).toBe(400);
  });
});
