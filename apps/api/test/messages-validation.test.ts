import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, json, useTestApp, type TestApp } from './helpers.js';

const TO = '+447400123456';

const t = useTestApp();
let gw: string;

beforeAll(async () => {
  gw = await t.createGateway();
});

const send = (payload: unknown, headers: Record<string, string> = {}, key = t.user.key) =>
  t.request({ method: 'POST', url: '/v1/messages', key, headers, payload: payload as Record<string, unknown> });

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
    ['too many segments', () => ({ to: TO, content: 'a'.repeat(153 * 10 + 1), gateway: gw }), 422, 'too_many_segments'],
    ['content over 20000 characters', () => ({ to: TO, content: 'a'.repeat(20_001), gateway: gw }), 400, 'invalid_request'],
    ['too many UCS-2 segments', () => ({ to: TO, content: 'Я'.repeat(67 * 10 + 1), gateway: gw }), 422, 'too_many_segments'],
    ['content and template together', () => ({ to: TO, content: 'x', template: { body: 'y' }, gateway: gw }), 422, 'invalid_content'],
    ['a template with a missing var', () => ({ to: TO, template: { body: 'Hi {{name}}' }, gateway: gw }), 422, 'template_error'],
    ['a stored template name', () => ({ to: TO, template: { name: 'welcome' }, gateway: gw }), 422, 'unknown_template'],
    ['an unknown gateway', () => ({ to: TO, content: 'x', gateway: 'gw-does-not-exist' }), 422, 'unknown_gateway'],
    ['an unknown field', () => ({ to: TO, content: 'x', gateway: gw, priority: 1 }), 400, 'invalid_request'],
    [
      'an unknown field in billee',
      () => ({ to: TO, content: 'x', gateway: gw, billee: { type: 'a', id: 'b', x: 1 } }),
      400,
      'invalid_request',
    ],
    ['a bad sender', () => ({ to: TO, content: 'x', gateway: gw, from: 'Far too long sender' }), 422, 'invalid_sender'],
    ['a bad webhookUrl', () => ({ to: TO, content: 'x', gateway: gw, webhookUrl: 'ftp://example.com' }), 400, 'invalid_request'],
    ['sendAt that is not a date', () => ({ to: TO, content: 'x', gateway: gw, sendAt: 'tomorrow' }), 400, 'invalid_request'],
    ['sendAt without an offset', () => ({ to: TO, content: 'x', gateway: gw, sendAt: '2031-01-01T10:00:00' }), 400, 'invalid_request'],
    ['sendAt in year 0', () => ({ to: TO, content: 'x', gateway: gw, sendAt: '0000-01-01T00:00:00Z' }), 400, 'invalid_request'],
    [
      'sendAt past year 9999 in UTC',
      () => ({ to: TO, content: 'x', gateway: gw, sendAt: '9999-12-31T23:00:00-05:00' }),
      400,
      'invalid_request',
    ],
    [
      'validUntil in the past',
      () => ({ to: TO, content: 'x', gateway: gw, validUntil: '2001-01-01T00:00:00Z' }),
      422,
      'invalid_valid_until',
    ],
    [
      'validUntil before sendAt',
      () => ({ to: TO, content: 'x', gateway: gw, sendAt: '2031-01-02T00:00:00Z', validUntil: '2031-01-01T00:00:00Z' }),
      422,
      'invalid_valid_until',
    ],
    ['a JSON array', () => [{ to: TO, content: 'x' }], 400, 'invalid_request'],
    ['metadata over 4 KiB', () => ({ to: TO, content: 'x', gateway: gw, metadata: { a: 'x'.repeat(5000) } }), 400, 'invalid_request'],
    ['a NUL character in the content', () => ({ to: TO, content: 'a\u0000b', gateway: gw }), 400, 'invalid_request'],
    ['a NUL character in metadata', () => ({ to: TO, content: 'ab', gateway: gw, metadata: { k: 'a\u0000' } }), 400, 'invalid_request'],
    [
      'a NUL character in a metadata key',
      () => ({ to: TO, content: 'ab', gateway: gw, metadata: { 'k\u0000': 1 } }),
      400,
      'invalid_request',
    ],
    [
      'a NUL character in a template var',
      () => ({ to: TO, gateway: gw, template: { body: '{{a}}', vars: { a: '\u0000' } } }),
      400,
      'invalid_request',
    ],
    [
      'an unpaired surrogate in metadata',
      () => ({ to: TO, content: 'ab', gateway: gw, metadata: { k: 'a\ud800' } }),
      400,
      'invalid_request',
    ],
    ['an unpaired surrogate in the content', () => ({ to: TO, content: '\udc00x', gateway: gw }), 400, 'invalid_request'],
    [
      'a NUL character in the billee',
      () => ({ to: TO, content: 'ab', gateway: gw, billee: { type: 'c', id: 'a\u0000' } }),
      400,
      'invalid_request',
    ],
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
    ['JSON sent as text/plain', 'text/plain', `{"to":"${TO}","content":"x"}`, 415, 'unsupported_media_type'],
    ['a JSON string', 'application/json', '"hello"', 400, 'invalid_request'],
    ['a form body', 'application/x-www-form-urlencoded', 'to=%2B447400123456&content=hi', 415, 'unsupported_media_type'],
    ['a __proto__ key', 'application/json', `{"to":"${TO}","content":"x","__proto__":{"admin":true}}`, 400, 'invalid_json'],
    ['a nested __proto__ key', 'application/json', `{"to":"${TO}","content":"x","metadata":{"__proto__":{"a":1}}}`, 400, 'invalid_json'],
    [
      'a constructor.prototype key',
      'application/json',
      `{"to":"${TO}","content":"x","metadata":{"constructor":{"prototype":{"a":1}}}}`,
      400,
      'invalid_json',
    ],
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
    const res = await send(JSON.stringify({ to: TO, content: 'x'.repeat(t.config.bodyLimit + 10) }), {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(413);
    expect(json(res).error?.code).toBe('body_too_large');
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it.each([
    ['metadata', (deep: string) => `"content":"x","metadata":${deep}`],
    ['template vars', (deep: string) => `"template":{"body":"hi","vars":{"v":${deep}}}`],
  ])('refuses deeply nested %s with a 400, not a 500', async (_what, field) => {
    const before = await t.messageCount(t.user.accountId);
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const res = await send(`{"to":"${TO}","gateway":"${gw}",${field(deep)}}`, {
      'content-type': 'application/json',
      'idempotency-key': `deep-${Math.random()}`,
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.message).toMatch(/nested/);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it("refuses content longer than the gateway's own segment limit (send.maxSegments)", async () => {
    const small = await t.createGateway({ config: { send: { maxSegments: 2 } } });
    expect((await send({ to: TO, content: 'a'.repeat(306), gateway: small })).statusCode).toBe(202);
    const before = await t.messageCount(t.user.accountId);
    const res = await send({ to: TO, content: 'a'.repeat(307), gateway: small });
    expect(res.statusCode).toBe(422);
    expect(json(res).error?.code).toBe('too_many_segments');
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('refuses a bad Idempotency-Key', async () => {
    const res = await send({ to: TO, content: 'x', gateway: gw }, { 'idempotency-key': 'x'.repeat(256) });
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.code).toBe('invalid_idempotency_key');
  });
});

describe('a message webhookUrl follows the SSRF rule of gateways', () => {
  let strict: TestApp;
  let strictGw: string;
  beforeAll(async () => {
    strict = await buildTestApp({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: undefined });
    // The sandbox is on loopback: create the gateway through the permissive app, send through the strict one.
    strictGw = gw;
  });
  afterAll(async () => {
    await strict?.close();
  });

  it.each(['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:127.0.0.1]/x', 'http://10.0.0.1/x'])(
    'refuses %s with 422 and stores nothing',
    async (webhookUrl) => {
      const before = await strict.messageCount(strict.user.accountId);
      const res = await strict.request({
        method: 'POST',
        url: '/v1/messages',
        key: strict.user.key,
        payload: { to: TO, content: 'x', gateway: strictGw, webhookUrl },
      });
      expect(res.statusCode).toBe(422);
      expect(json(res)).toMatchObject({ error: { code: 'webhook_url_not_allowed' } });
      expect(await strict.messageCount(strict.user.accountId)).toBe(before);
    },
  );
});
