import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sendQueueName } from '@smsgw/core';
import { getMessage } from '@smsgw/db';
import { json, useTestApp } from './helpers.js';

const TO = '+447400123456';

const t = useTestApp();
let gw: string;

beforeAll(async () => {
  gw = await t.createGateway();
});

const send = (payload: unknown, headers: Record<string, string> = {}, key = t.user.key) =>
  t.request({ method: 'POST', url: '/v1/messages', key, headers, payload: payload as Record<string, unknown> });

const job = (gateway: string, id: string) => t.queues.get(sendQueueName(gateway)).getJob(id);

describe('POST /v1/messages accepts', () => {
  it('answers 202 with the message, stores the row and queues {messageId} under the message id', async () => {
    const res = await send({ to: TO, content: 'Hello there', gateway: gw });
    expect(res.statusCode).toBe(202);
    const body = json(res);
    expect(body).toMatchObject({ status: 'queued', segments: 1, encoding: 'gsm7', gateway: gw, to: TO, content: 'Hello there' });
    const id = String(body['id']);
    expect(id).toMatch(/^msg_/);
    const row = await getMessage(t.database.db, t.user.accountId, id);
    expect(row?.status).toBe('queued');
    const j = await job(gw, id);
    expect(j?.id).toBe(id);
    // Job data holds ids only: no number, no text.
    expect(j?.data).toEqual({ messageId: id });
  });

  it('normalises the recipient to E.164', async () => {
    const res = await send({ to: '0044 7400 123456', content: 'hi', gateway: gw });
    expect(res.statusCode).toBe(202);
    expect(json(res)['to']).toBe(TO);
  });

  it.each([
    ['Привет', 'ucs2', 1],
    ['Я'.repeat(70), 'ucs2', 1],
    ['Я'.repeat(71), 'ucs2', 2],
    // An emoji is two UTF-16 units: 35 fill one segment, 36 need two.
    ['😀'.repeat(35), 'ucs2', 1],
    ['😀'.repeat(36), 'ucs2', 2],
    ['a'.repeat(160), 'gsm7', 1],
    ['a'.repeat(161), 'gsm7', 2],
    ['€'.repeat(80), 'gsm7', 1],
  ])('measures %j as %s in %i segment(s)', async (content, encoding, segments) => {
    const res = await send({ to: TO, content, gateway: gw });
    expect(res.statusCode).toBe(202);
    expect(json(res)).toMatchObject({ encoding, segments });
  });

  it('renders a template body with its vars', async () => {
    const res = await send({
      to: TO,
      gateway: gw,
      template: { body: 'Hi {{name | upper}}, your code is {{code}}', vars: { name: 'ann', code: 1234 } },
    });
    expect(res.statusCode).toBe(202);
    expect(json(res)['content']).toBe('Hi ANN, your code is 1234');
  });

  it('schedules a message whose sendAt is in the future, with a delayed job', async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await send({ to: TO, content: 'later', gateway: gw, sendAt });
    expect(res.statusCode).toBe(202);
    const body = json(res);
    expect(body).toMatchObject({ status: 'scheduled', sendAt });
    const j = await job(gw, String(body['id']));
    expect(await j?.getState()).toBe('delayed');
    expect(j?.opts.delay).toBeGreaterThan(3_500_000);
  });

  it('queues at once with a validUntil and no sendAt, and keeps the validUntil', async () => {
    const validUntil = new Date(Date.now() + 600_000).toISOString();
    const res = await send({ to: TO, content: 'soon', gateway: gw, validUntil });
    expect(json(res)).toMatchObject({ status: 'queued', validUntil, sendAt: null });
  });

  it('keeps billee, metadata, replyCallback and webhookUrl', async () => {
    const payload = {
      to: TO,
      content: 'x',
      gateway: gw,
      billee: { type: 'customer', id: 42 },
      metadata: { order: 'A-1', nested: { n: 1 } },
      replyCallback: 'survey.v1',
      webhookUrl: 'https://example.com/hook',
    };
    const res = await send(payload);
    expect(res.statusCode).toBe(202);
    expect(json(res)).toMatchObject({
      billee: { type: 'customer', id: '42' },
      metadata: payload.metadata,
      replyCallback: 'survey.v1',
      webhookUrl: payload.webhookUrl,
    });
  });
});

describe('Idempotency-Key', () => {
  it('same key and body → the same message, one row, one job', async () => {
    const key = `idem-${Date.now()}-${Math.random()}`;
    const payload = { to: TO, content: 'once only', gateway: gw };
    const before = await t.messageCount(t.user.accountId);
    const first = await send(payload, { 'idempotency-key': key });
    const second = await send(payload, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    const id = String(json(first)['id']);
    expect(json(second)['id']).toBe(id);
    expect(await t.messageCount(t.user.accountId)).toBe(before + 1);
    const jobs = await t.queues.get(sendQueueName(gw)).getJobs(['wait', 'delayed', 'prioritized']);
    expect(jobs.filter((j) => j.data.messageId === id)).toHaveLength(1);
  });

  it('concurrent repeats of one key make one message', async () => {
    const key = `idem-race-${Date.now()}`;
    const payload = { to: TO, content: 'race', gateway: gw };
    const before = await t.messageCount(t.user.accountId);
    const all = await Promise.all(Array.from({ length: 8 }, () => send(payload, { 'idempotency-key': key })));
    expect(all.map((r) => r.statusCode).every((s) => s === 200 || s === 202)).toBe(true);
    expect(new Set(all.map((r) => json(r)['id'])).size).toBe(1);
    expect(await t.messageCount(t.user.accountId)).toBe(before + 1);
  });

  it('same key with a different body → 409', async () => {
    const key = `idem-diff-${Date.now()}`;
    expect((await send({ to: TO, content: 'one', gateway: gw }, { 'idempotency-key': key })).statusCode).toBe(202);
    const before = await t.messageCount(t.user.accountId);
    const res = await send({ to: TO, content: 'two', gateway: gw }, { 'idempotency-key': key });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('idempotency_key_reused');
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('the same body with its fields in another order is the same request', async () => {
    const key = `idem-order-${Date.now()}`;
    const a = await send(`{"to":"${TO}","content":"same","gateway":"${gw}","metadata":{"a":1,"b":2}}`, {
      'content-type': 'application/json',
      'idempotency-key': key,
    });
    const b = await send(`{"metadata":{"b":2,"a":1},"gateway":"${gw}","content":"same","to":"${TO}"}`, {
      'content-type': 'application/json',
      'idempotency-key': key,
    });
    expect([a.statusCode, b.statusCode]).toEqual([202, 200]);
    expect(json(b)['id']).toBe(json(a)['id']);
  });

  it('keys are per account', async () => {
    const key = `idem-acct-${Date.now()}`;
    const payload = { to: TO, content: 'mine', gateway: gw };
    const a = await send(payload, { 'idempotency-key': key }, t.user.key);
    const b = await send(payload, { 'idempotency-key': key }, t.admin.key);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(json(a)['id']).not.toBe(json(b)['id']);
  });
});

describe('robustness', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(TO, '', ' ', '0', '+1', '😀'));
  const date = fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    text,
  );
  const field = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.jsonValue());
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        to: field(text),
        content: field(text),
        template: field(fc.record({ body: field(text), vars: field(fc.dictionary(fc.string(), fc.jsonValue())) }, { requiredKeys: [] })),
        from: field(text),
        gateway: fc.oneof(
          fc.constant(0).map(() => gw),
          field(text),
        ),
        billee: field(fc.record({ type: field(text), id: field(fc.oneof(text, fc.integer())) })),
        sendAt: field(date),
        validUntil: field(date),
        metadata: field(fc.dictionary(fc.string(), fc.jsonValue())),
      },
      { requiredKeys: [] },
    ),
  );

  it('never answers 5xx, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const payload = b === undefined ? 'null' : JSON.stringify(b);
        const res = await send(payload, { 'content-type': 'application/json' });
        expect(res.statusCode, `${res.statusCode} ${res.body} for ${payload.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
