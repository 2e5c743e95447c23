import { describe, expect, it } from 'vitest';
import { classifyResult, parseRetryAfter } from '../src/classify.js';
import type { GatewayConfigInput } from '../src/config/schema.js';
import { parseGatewayConfig } from '../src/config/parse.js';
import type { HttpResult } from '../src/http.js';

const NOW = new Date('2025-03-01T12:00:00Z');

function config(response: GatewayConfigInput['response'] = { rules: [] }) {
  return parseGatewayConfig({
    send: { method: 'POST', url: 'https://api.example.com/sms', body: 'form' },
    response,
  });
}

function res(status: number, body = '', headers: Record<string, string> = {}, truncated = false): HttpResult {
  return { kind: 'response', status, headers, body, truncated };
}

describe('classifyResult defaults', () => {
  const cfg = config({ messageId: { json: 'id' } });

  it.each([
    [200, { kind: 'accepted', gatewayMessageId: 'abc' }],
    [202, { kind: 'accepted', gatewayMessageId: 'abc' }],
    [429, { kind: 'throttled', retryAfterMs: undefined }],
    [401, { kind: 'permanent', gatewayFault: true, httpStatus: 401 }],
    [402, { kind: 'permanent', gatewayFault: true, httpStatus: 402 }],
    [403, { kind: 'permanent', gatewayFault: true, httpStatus: 403 }],
    [400, { kind: 'permanent', gatewayFault: false, httpStatus: 400 }],
    [404, { kind: 'permanent', gatewayFault: false, httpStatus: 404 }],
    [422, { kind: 'permanent', gatewayFault: false, httpStatus: 422 }],
    // A 500, or a 502/504 from a proxy, may come after the provider took the message: never resent.
    [500, { kind: 'ambiguous', error: 'HTTP 500: {"id":"abc"}' }],
    [502, { kind: 'ambiguous' }],
    [504, { kind: 'ambiguous' }],
    [501, { kind: 'ambiguous' }],
    [599, { kind: 'ambiguous' }],
    // 503 says the request was not taken: retried.
    [503, { kind: 'temporary', httpStatus: 503 }],
    [301, { kind: 'permanent', gatewayFault: true, httpStatus: 301 }],
    [302, { kind: 'permanent', gatewayFault: true, httpStatus: 302 }],
  ])('HTTP %i', (status, expected) => {
    expect(classifyResult(cfg, res(status, '{"id":"abc"}'), NOW)).toMatchObject(expected);
  });

  it('network errors: written → ambiguous, not written → temporary', () => {
    expect(classifyResult(cfg, { kind: 'error', written: true, code: 'deadline_exceeded', message: 'total deadline exceeded' })).toEqual({
      kind: 'ambiguous',
      error: 'deadline_exceeded: total deadline exceeded',
    });
    expect(
      classifyResult(cfg, { kind: 'error', written: false, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 1.2.3.4:443' }),
    ).toEqual({
      kind: 'temporary',
      error: 'ECONNREFUSED: connect ECONNREFUSED 1.2.3.4:443',
      httpStatus: undefined,
    });
  });

  it('error text: HTTP status plus the start of the body, control characters stripped', () => {
    const out = classifyResult(cfg, res(400, `Invalid\r\n\tdestination\u0000 ${'x'.repeat(500)}`));
    expect(out).toMatchObject({ kind: 'permanent' });
    if (out.kind !== 'permanent') return;
    expect(out.error).toMatch(/^HTTP 400: Invalid destination x+$/);
    expect(out.error.length).toBeLessThanOrEqual('HTTP 400: '.length + 200);
    expect(classifyResult(cfg, res(503))).toMatchObject({ error: 'HTTP 503' });
  });

  it('error text from response.errorText, capped at 500 characters', () => {
    const c = config({ errorText: { json: 'error.message' } });
    expect(classifyResult(c, res(400, '{"error":{"message":"Number blocked"}}'))).toMatchObject({ error: 'Number blocked' });
    const long = JSON.stringify({ error: { message: 'y'.repeat(2000) } });
    const out = classifyResult(c, res(400, long));
    expect(out.kind === 'permanent' && out.error.length).toBe(500);
  });

  it('accepted without a messageId extractor; ambiguous when the extractor finds no id', () => {
    expect(classifyResult(config(), res(200, 'OK'))).toEqual({ kind: 'accepted', gatewayMessageId: undefined });
    expect(classifyResult(cfg, res(200, 'not json'))).toMatchObject({ kind: 'ambiguous' });
  });

  it('a truncated body is still classified', () => {
    const c = config({ messageId: { regex: 'ID: (\\w+)' } });
    expect(classifyResult(c, res(200, 'ID: abc123 and then a lot', {}, true))).toEqual({ kind: 'accepted', gatewayMessageId: 'abc123' });
  });

  it('message id from a header', () => {
    const c = config({ messageId: { header: 'X-Message-Id' } });
    expect(classifyResult(c, res(201, '', { 'x-message-id': 'h-1' }))).toEqual({ kind: 'accepted', gatewayMessageId: 'h-1' });
  });
});

describe('5xx per status', () => {
  it('a rule decides where the provider documents otherwise; the rest keep the defaults', () => {
    const c = config({
      rules: [
        { status: 500, bodyMatches: 'not sent', outcome: 'temporary' },
        { status: 503, bodyMatches: 'queued', outcome: 'ambiguous' },
      ],
    });
    expect(classifyResult(c, res(500, 'not sent, retry'))).toMatchObject({ kind: 'temporary', httpStatus: 500 });
    expect(classifyResult(c, res(500, 'oops'))).toEqual({ kind: 'ambiguous', error: 'HTTP 500: oops' });
    expect(classifyResult(c, res(503, 'queued, then fell over'))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyResult(c, res(503, 'maintenance'))).toMatchObject({ kind: 'temporary' });
    expect(classifyResult(c, res(502))).toEqual({ kind: 'ambiguous', error: 'HTTP 502' });
  });

  it('an ambiguous rule takes its error text like any other', () => {
    const c = config({ rules: [{ json: { path: 'code', equals: 99 }, outcome: 'ambiguous', error: { json: 'description' } }] });
    expect(classifyResult(c, res(500, '{"code":99,"description":"Internal error"}'))).toEqual({
      kind: 'ambiguous',
      error: 'Internal error',
    });
  });
});

describe('classifyResult rules', () => {
  const cfg = config({
    messageId: { regex: '^ID: (?<value>\\w+)' },
    errorText: { regex: '^ERR: (.*)$' },
    rules: [
      { status: 200, bodyMatches: '^ERR: 001', outcome: 'permanent', gatewayFault: true },
      { status: '2xx', bodyMatches: '^ERR: 114', outcome: 'temporary' },
      { status: [200, 202], bodyMatches: '^ERR: 121', outcome: 'permanent' },
      { status: 200, bodyMatches: '^ERR: 130', outcome: 'throttled' },
      { json: { path: 'status', equals: ['0', 'queued'] }, outcome: 'accepted' },
      { json: { path: 'error_code', exists: true }, outcome: 'permanent', error: { json: 'error_text' } },
      { status: 403, outcome: 'permanent', gatewayFault: false },
      { status: 503, bodyMatches: 'maintenance', outcome: 'throttled' },
    ],
  });

  it('a 200 whose body says error is not accepted', () => {
    expect(classifyResult(cfg, res(200, 'ERR: 001, Authentication failed'))).toEqual({
      kind: 'permanent',
      error: '001, Authentication failed',
      gatewayFault: true,
      httpStatus: 200,
    });
    expect(classifyResult(cfg, res(200, 'ERR: 114, Cannot route message'))).toMatchObject({ kind: 'temporary', httpStatus: 200 });
    expect(classifyResult(cfg, res(200, 'ERR: 121, Destination blocked'))).toMatchObject({ kind: 'permanent', gatewayFault: false });
    expect(classifyResult(cfg, res(200, 'ERR: 130, Max throughput', { 'retry-after': '7' }), NOW)).toEqual({
      kind: 'throttled',
      error: '130, Max throughput',
      retryAfterMs: 7000,
    });
  });

  it('all conditions of a rule must hold; otherwise the defaults apply', () => {
    // 202 falls to the defaults, and a success without the id is not understood: ambiguous.
    expect(classifyResult(cfg, res(202, 'ERR: 001, Authentication failed'))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyResult(cfg, res(200, 'ID: abc'))).toEqual({ kind: 'accepted', gatewayMessageId: 'abc' });
    expect(classifyResult(cfg, res(503, 'down'))).toMatchObject({ kind: 'temporary' });
    expect(classifyResult(cfg, res(503, 'planned maintenance'))).toMatchObject({ kind: 'throttled' });
  });

  it('json equals (number or string, any of a list) and exists', () => {
    expect(classifyResult(cfg, res(400, '{"status":0}'))).toMatchObject({ kind: 'accepted' });
    expect(classifyResult(cfg, res(400, '{"status":"queued"}'))).toMatchObject({ kind: 'accepted' });
    expect(classifyResult(cfg, res(200, '{"error_code":7,"error_text":"Unknown number"}'))).toEqual({
      kind: 'permanent',
      error: 'Unknown number',
      gatewayFault: false,
      httpStatus: 200,
    });
    expect(classifyResult(cfg, res(200, '{"error_code":null}'))).toMatchObject({ kind: 'ambiguous' });
  });

  it('a rule may override the default gateway fault', () => {
    expect(classifyResult(cfg, res(403, ''))).toMatchObject({ kind: 'permanent', gatewayFault: false });
  });

  it('a rule without gatewayFault keeps the default for its status', () => {
    const c = config({ rules: [{ status: 401, outcome: 'permanent' }] });
    expect(classifyResult(c, res(401))).toMatchObject({ gatewayFault: true });
  });

  it('a broken regex in a rule is refused when the config is parsed, naming the field', () => {
    expect(() => config({ rules: [{ bodyMatches: '(', outcome: 'permanent' }] })).toThrow(
      /response\.rules\.0\.bodyMatches: not a valid regular expression/,
    );
  });
});

describe('Retry-After', () => {
  it('seconds and HTTP-date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('is capped when asked', () => {
    expect(parseRetryAfter('604800', NOW, 300_000)).toBe(300_000);
    expect(parseRetryAfter('9'.repeat(400), NOW, 300_000)).toBe(300_000);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', NOW, 300_000)).toBe(300_000);
    expect(parseRetryAfter('30', NOW, 300_000)).toBe(30_000);
  });

  it('a provider cannot pause the queue for days: capped at response.maxRetryAfterMs, 5 minutes by default', () => {
    const week = res(429, '', { 'retry-after': '604800' });
    expect(classifyResult(config(), week, NOW)).toEqual({ kind: 'throttled', error: 'HTTP 429', retryAfterMs: 300_000 });
    const dated = res(429, '', { 'retry-after': 'Sat, 08 Mar 2025 12:00:00 GMT' });
    expect(classifyResult(config(), dated, NOW)).toMatchObject({ retryAfterMs: 300_000 });
    expect(classifyResult(config({ rules: [], maxRetryAfterMs: 60_000 }), week, NOW)).toMatchObject({ retryAfterMs: 60_000 });
    // A throttle rule on another status is capped the same way.
    const rule = config({ rules: [{ status: 503, outcome: 'throttled' }] });
    expect(classifyResult(rule, res(503, '', { 'retry-after': '86400' }), NOW)).toMatchObject({ kind: 'throttled', retryAfterMs: 300_000 });
    expect(() => config({ rules: [], maxRetryAfterMs: 86_400_000 })).toThrow(/maxRetryAfterMs/);
  });

  it('is read from a 429', () => {
    const cfg = config();
    expect(classifyResult(cfg, res(429, '', { 'retry-after': 'Sat, 01 Mar 2025 12:01:00 GMT' }), NOW)).toEqual({
      kind: 'throttled',
      error: 'HTTP 429',
      retryAfterMs: 60_000,
    });
    expect(classifyResult(cfg, res(429, 'slow down', { 'retry-after': '3' }), NOW)).toEqual({
      kind: 'throttled',
      error: 'HTTP 429: slow down',
      retryAfterMs: 3000,
    });
  });
});

describe('a success status without the message id', () => {
  it('is ambiguous when the config says where the id is (never resent), accepted when it does not', () => {
    const withId = config({ rules: [], messageId: { json: 'id' } });
    expect(classifyResult(withId, res(200, '{"id":"abc"}'))).toEqual({ kind: 'accepted', gatewayMessageId: 'abc' });
    expect(classifyResult(withId, res(200, '{"status":"weird"}'))).toMatchObject({ kind: 'ambiguous' });
    expect(classifyResult(config({ rules: [] }), res(202, 'Accepted'))).toEqual({ kind: 'accepted', gatewayMessageId: undefined });
  });
});
