import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReplyCallback } from '../../src/callbacks/parse-reply.js';
import { parseStatusCallback } from '../../src/callbacks/parse-status.js';
import { storableDate, storableItem, storableJson, storableText } from '../../src/callbacks/storable.js';
import { formPost, replyConfig, request, statusConfig } from './helpers.js';

const BASE = 'https://smsgw.example.test/callbacks/gw/tok/status';
const JSON_TYPE = 'application/json';
/** What PostgreSQL text and jsonb refuse: the parsers must never hand any of it on. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what the parsers must never hand on.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectStorable(value: unknown): void {
  const strings = Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  for (const s of strings) expect(UNSTORABLE.test(s), JSON.stringify(s)).toBe(false);
}

describe('status callbacks with content PostgreSQL refuses', () => {
  const cfg = statusConfig({
    messageId: 'id',
    status: 'status',
    errorCode: 'err',
    currency: 'currency',
    reference: 'ref',
    timestamp: { path: 'at', format: 'iso' },
    statusMap: { DELIVRD: 'delivered' },
  });

  it('replaces NUL in every form field', () => {
    const req = formPost(BASE, { id: 'a\u0000b', status: 'DELIV\u0000', err: 'e\u0000', currency: 'EU\u0000', ref: 'msg_\u0000' });
    const [r] = parseStatusCallback(cfg, req);
    expect(r).toMatchObject({
      gatewayMessageId: 'a\uFFFDb',
      providerStatus: 'DELIV\uFFFD',
      errorCode: 'e\uFFFD',
      currency: 'EU\uFFFD',
      reference: 'msg_\uFFFD',
    });
    expectStorable(r);
  });

  it('replaces lone surrogates escaped in JSON, keeps real pairs', () => {
    const raw = '{"id":"x\\ud800","status":"\\udc00DELIVRD","err":"\\ud83d\\ude00","ref":"\\ud800\\ud800"}';
    const cfgJson = statusConfig({ source: 'json', messageId: 'id', status: 'status', errorCode: 'err', reference: 'ref', statusMap: {} });
    const [r] = parseStatusCallback(cfgJson, request({ method: 'POST', url: BASE, rawBody: raw, contentType: JSON_TYPE }));
    expect(r).toMatchObject({ gatewayMessageId: 'x\uFFFD', providerStatus: '\uFFFDDELIVRD', errorCode: '😀', reference: '\uFFFD\uFFFD' });
    expectStorable(r);
  });

  it.each([
    '0000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-01:00',
    '2025-13-01T00:00:00Z',
    'soon',
  ])('drops the time %s and keeps the report', (at) => {
    const [r] = parseStatusCallback(cfg, formPost(BASE, { id: 'm1', status: 'DELIVRD', at }));
    expect(r?.status).toBe('delivered');
    expect(r?.at).toBeUndefined();
  });

  it('never returns an unstorable string, whatever the provider sends', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary' }), (id, err) => {
        const req = formPost(BASE, { id: `m${id}`, status: 'DELIVRD', err });
        for (const r of parseStatusCallback(cfg, req)) expectStorable(r);
      }),
    );
  });
});

describe('reply callbacks with content PostgreSQL refuses', () => {
  const cfg = replyConfig({
    source: 'auto',
    from: 'from',
    to: 'to',
    text: 'text',
    providerId: 'id',
    reference: 'ref',
    timestamp: { path: 'at', format: 'unix' },
  });

  it('replaces NUL and lone surrogates in every field, keeping the text otherwise exact', () => {
    const raw =
      '{"from":"447700900\\u0000","to":"\\udfff","text":" a\\u0000b\\ud800 ","id":"in\\u0000","ref":"r\\udbff","at":"999999999999"}';
    const [r] = parseReplyCallback(cfg, request({ method: 'POST', url: BASE, rawBody: raw, contentType: JSON_TYPE }));
    expect(r).toEqual({
      from: '447700900\uFFFD',
      to: '\uFFFD',
      text: ' a\uFFFDb\uFFFD ',
      providerId: 'in\uFFFD',
      reference: 'r\uFFFD',
      at: undefined,
    });
  });
});

describe('storable helpers', () => {
  it('storableText changes only what PostgreSQL refuses, keeping the length', () => {
    expect(storableText('plain é 😀')).toBe('plain é 😀');
    expect(storableText('\u0000\uD83D\uDE00\uDC00\uD800')).toBe('\uFFFD😀\uFFFD\uFFFD');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = storableText(s);
        expect(out).toHaveLength(s.length);
        expect(UNSTORABLE.test(out)).toBe(false);
        // Well-formed UTF-16 round-trips through UTF-8, as PostgreSQL will store it.
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
    );
  });

  it('storableDate keeps 1970–9999 and drops the rest', () => {
    expect(storableDate(new Date('2025-01-01T00:00:00Z'))?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(storableDate(new Date('9999-12-31T23:59:59.999Z'))).toBeDefined();
    expect(storableDate(new Date(-1))).toBeUndefined();
    expect(storableDate(new Date('+010000-01-01T00:00:00Z'))).toBeUndefined();
    expect(storableDate(new Date(Number.NaN))).toBeUndefined();
    expect(storableItem({ at: new Date(-62_167_219_200_000), n: 1, s: 'x\u0000' })).toEqual({ at: undefined, n: 1, s: 'x\uFFFD' });
  });

  it('storableJson cleans keys and nested values, and keeps __proto__ as data', () => {
    const value = JSON.parse('{"a\\u0000":["\\ud800",{"b":"\\u0000"}],"__proto__":"x","n":1,"z":null}') as unknown;
    const out = storableJson(value) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"a\uFFFD":["\uFFFD",{"b":"\uFFFD"}],"__proto__":"x","n":1,"z":null}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
