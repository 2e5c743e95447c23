import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sendQueueName } from '@smsgw/core';
import { getMessage } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';

const TO = '+447400123456';

let t: TestApp;
let gw: string;

beforeAll(async () => {
  t = await buildTestApp();
  gw = await t.createGateway();
});
afterAll(async () => {
  await t?.close();
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
    const res = await send({ to: TO, gateway: gw, template: { body: 'Hi {{name | upper}}, your code is {{code}}', vars: { name: 'ann', code: 1234 } } });
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
    expect(json(res)).toMatchObject({ billee: { type: 'customer', id: '42' }, metadata: payload.metadata, replyCallback: 'survey.v1', webhookUrl: payload.webhookUrl });
  });
});

describe('POST /v1/messages refuses, and stores nothing', () => {
  const cases: Array<[string, () => unknown, number, string?]> = [
    ['letters in the number', () => ({ to: '+44abc7400123', content: 'x', gateway: gw }), 422, 'invalid_recipient'],
    ['a number too short', () => ({ to: '+44123', content: 'x', gateway: gw }), 422, 'invalid_recipient'],
    ['an invalid number (+447700900123)', () => ({ to: '+447700900123', content: 'x', gateway: gw }), 422, 'invalid_recipient'],
    ['an empty number', () => ({ to: '', content: 'x', gateway: gw }), 400, 'invalid_request'],
    ['a number as a JSON number', () => ({ to: 447400123456, content: 'x', gateway: gw }), 400, 'invalid_request'],
    ['no recipient', () => ({ content: 'x', gateway: gw }), 400, 'invalid_request'],
    ['empty content', () => ({ to: TO, content: '', gateway: gw }), 422, 'empty_content'],
    ['whitespace content', () => ({ to: TO, content: ' \n\t ', gateway: gw }), 422, 'empty_content'],
    ['no content', () => ({ to: TO, gateway: gw }), 422, 'empty_content'],
    ['too many segments', () => ({ to: TO, content: 'a'.repeat(153 * 10 + 1), gateway: gw }), 422, 'content_too_long'],
    ['too many UCS-2 segments', () => ({ to: TO, content: 'Я'.repeat(67 * 10 + 1), gateway: gw }), 422, 'content_too_long'],
    ['content and template together', () => ({ to: TO, content: 'x', template: { body: 'y' }, gateway: gw }), 422, 'invalid_content'],
    ['a template with a missing var', () => ({ to: TO, template: { body: 'Hi {{name}}' }, gateway: gw }), 422, 'template_error'],
    ['a stored template name', () => ({ to: TO, template: { name: 'welcome' }, gateway: gw }), 422, 'unknown_template'],
    ['an unknown gateway', () => ({ to: TO, content: 'x', gateway: 'gw-does-not-exist' }), 422, 'unknown_gateway'],
    ['an unknown field', () => ({ to: TO, content: 'x', gateway: gw, priority: 1 }), 400, 'invalid_request'],
    ['an unknown field in billee', () => ({ to: TO, content: 'x', gateway: gw, billee: { type: 'a', id: 'b', x: 1 } }), 400, 'invalid_request'],
    ['a bad sender', () => ({ to: TO, content: 'x', gateway: gw, from: 'Far too long sender' }), 422, 'invalid_sender'],
    ['a bad webhookUrl', () => ({ to: TO, content: 'x', gateway: gw, webhookUrl: 'ftp://example.com' }), 400, 'invalid_request'],
    ['sendAt that is not a date', () => ({ to: TO, content: 'x', gateway: gw, sendAt: 'tomorrow' }), 400, 'invalid_request'],
    ['sendAt without an offset', () => ({ to: TO, content: 'x', gateway: gw, sendAt: '2031-01-01T10:00:00' }), 400, 'invalid_request'],
    ['sendAt in year 0', () => ({ to: TO, content: 'x', gateway: gw, sendAt: '0000-01-01T00:00:00Z' }), 422, 'invalid_send_at'],
    ['validUntil in the past', () => ({ to: TO, content: 'x', gateway: gw, validUntil: '2001-01-01T00:00:00Z' }), 422, 'invalid_valid_until'],
    [
      'validUntil before sendAt',
      () => ({ to: TO, content: 'x', gateway: gw, sendAt: '2031-01-02T00:00:00Z', validUntil: '2031-01-01T00:00:00Z' }),
      422,
      'invalid_valid_until',
    ],
    ['a JSON array', () => [{ to: TO, content: 'x' }], 400, 'invalid_request'],
    ['a JSON string', () => JSON.stringify('hello'), 400, undefined],
    ['metadata over 4 KiB', () => ({ to: TO, content: 'x', gateway: gw, metadata: { a: 'x'.repeat(5000) } }), 400, 'invalid_request'],
    ['a NUL character in the content', () => ({ to: TO, content: 'a\u0000b', gateway: gw }), 400, 'invalid_request'],
    ['a NUL character in metadata', () => ({ to: TO, content: 'ab', gateway: gw, metadata: { k: 'a\u0000' } }), 400, 'invalid_request'],
  ];

  it.each(cases)('%s', async (_what, payload, status, code) => {
    const before = await t.messageCount(t.user.accountId);
    const res = await send(payload());
    expect(res.statusCode, res.body).toBe(status);
    const body = json(res);
    expect(typeof body.error?.message).toBe('string');
    if (code) expect(body.error?.code).toBe(code);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('refuses a disabled gateway', async () => {
    const off = await t.createGateway({ enabled: false });
    const before = await t.messageCount(t.user.accountId);
    const res = await send({ to: TO, content: 'x', gateway: off });
    expect(res.statusCode).toBe(422);
    expect(json(res).error?.code).toBe('gateway_disabled');
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('refuses Unicode for a gateway that cannot send it', async () => {
    const ascii = await t.createGateway({ config: { send: { unicode: { supported: false } } } });
    const res = await send({ to: TO, content: 'Привет', gateway: ascii });
    expect(res.statusCode).toBe(422);
    expect(json(res).error?.code).toBe('unicode_not_supported');
  });

  const raw: Array<[string, string, string, number, string]> = [
    ['malformed JSON', 'application/json', '{"to": "+447400123456", "content": ', 400, 'invalid_json'],
    ['an empty JSON body', 'application/json', '', 400, 'invalid_json'],
    ['a wrong content type', 'text/plain', 'to=+447400123456&content=hi', 415, 'unsupported_media_type'],
    ['a form body', 'application/x-www-form-urlencoded', 'to=%2B447400123456&content=hi', 415, 'unsupported_media_type'],
    ['a __proto__ key', 'application/json', `{"to":"${TO}","content":"x","__proto__":{"admin":true}}`, 400, 'invalid_json'],
    ['a nested __proto__ key', 'application/json', `{"to":"${TO}","content":"x","metadata":{"__proto__":{"a":1}}}`, 400, 'invalid_json'],
    ['a constructor.prototype key', 'application/json', `{"to":"${TO}","content":"x","metadata":{"constructor":{"prototype":{"a":1}}}}`, 400, 'invalid_json'],
    ['JSON null', 'application/json', 'null', 400, 'invalid_request'],
  ];

  it.each(raw)('%s', async (_what, contentType, payload, status, code) => {
    const before = await t.messageCount(t.user.accountId);
    const res = await send(payload, { 'content-type': contentType });
    expect(res.statusCode, res.body).toBe(status);
    expect(json(res).error?.code).toBe(code);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('refuses a body over the limit with 413', async () => {
    const before = await t.messageCount(t.user.accountId);
    const res = await send(JSON.stringify({ to: TO, content: 'x'.repeat(t.config.bodyLimit + 10) }), { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(413);
    expect(json(res).error?.code).toBe('body_too_large');
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('refuses deeply nested metadata without a 500', async () => {
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const res = await send(`{"to":"${TO}","content":"x","gateway":"${gw}","metadata":${deep}}`, { 'content-type': 'application/json' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('refuses a bad Idempotency-Key', async () => {
    const res = await send({ to: TO, content: 'x', gateway: gw }, { 'idempotency-key': 'x'.repeat(256) });
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.code).toBe('invalid_idempotency_key');
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
  const date = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text);
  const field = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.jsonValue());
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        to: field(text),
        content: field(text),
        template: field(fc.record({ body: field(text), vars: field(fc.dictionary(fc.string(), fc.jsonValue())) }, { requiredKeys: [] })),
        from: field(text),
        gateway: fc.oneof(fc.constant(0).map(() => gw), field(text)),
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
