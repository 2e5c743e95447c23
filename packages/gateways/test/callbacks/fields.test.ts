import { describe, expect, it } from 'vitest';
import { getPath } from '../../src/extract.js';
import { callbackFields } from '../../src/callbacks/request.js';
import { expectInvalid, FORM, formPost, jsonPost, request } from './helpers.js';

const URL_Q = 'https://smsgw.example.test/callbacks/gw/tok/status?id=q1&status=sent';

describe('callbackFields', () => {
  it('reads the query string, keeping the last of repeated parameters', () => {
    const req = request({ url: 'https://x.test/cb?a=1&b=2&a=3' });
    expect({ ...(callbackFields('query', req) as object) }).toEqual({ a: '3', b: '2' });
    expect({ ...(callbackFields('auto', req) as object) }).toEqual({ a: '3', b: '2' });
  });

  it('reads a form body, decoding + and percent escapes, last value wins', () => {
    const req = request({ method: 'POST', rawBody: 'a=1&Body=hello+w%C3%B6rld&a=2&empty=', contentType: FORM });
    expect({ ...(callbackFields('form', req) as object) }).toEqual({ a: '2', Body: 'hello wörld', empty: '' });
  });

  it("with 'auto' merges the query under a form or JSON body", () => {
    const form = formPost(URL_Q, { status: 'delivered', extra: 'x' });
    expect({ ...(callbackFields('auto', form) as object) }).toEqual({ id: 'q1', status: 'delivered', extra: 'x' });
    const json = jsonPost(URL_Q, { status: 'failed', nested: { a: 1 } });
    expect({ ...(callbackFields('auto', json) as object) }).toEqual({ id: 'q1', status: 'failed', nested: { a: 1 } });
  });

  it('with an explicit source reads only that source', () => {
    const form = formPost(URL_Q, { status: 'delivered' });
    expect({ ...(callbackFields('form', form) as object) }).toEqual({ status: 'delivered' });
    expect({ ...(callbackFields('query', form) as object) }).toEqual({ id: 'q1', status: 'sent' });
    expect(callbackFields('json', jsonPost(URL_Q, [1, 2]))).toEqual([1, 2]);
  });

  it("with 'auto' sniffs bodies sent without a useful content type", () => {
    const json = request({ method: 'POST', url: URL_Q, rawBody: '{"status":"x"}', contentType: undefined });
    expect(getPath(callbackFields('auto', json), 'status')).toBe('x');
    const form = request({ method: 'POST', url: URL_Q, rawBody: 'status=y', contentType: 'text/plain' });
    expect(getPath(callbackFields('auto', form), 'status')).toBe('y');
    const xml = request({ method: 'POST', url: URL_Q, rawBody: '<a>status=z</a>', contentType: 'application/xml' });
    expect(getPath(callbackFields('auto', xml), 'status')).toBe('sent');
    const get = request({ method: 'GET', url: URL_Q, rawBody: '{"status":"ignored"}', contentType: 'application/json' });
    expect(getPath(callbackFields('auto', get), 'status')).toBe('sent');
  });

  it('keeps a JSON array body whole (nothing to merge the query into)', () => {
    expect(callbackFields('auto', jsonPost(URL_Q, [{ id: 1 }]))).toEqual([{ id: 1 }]);
  });

  it('answers malformed or empty JSON with 400 invalid_callback', () => {
    expectInvalid(
      () => callbackFields('auto', request({ method: 'POST', rawBody: '{"a":', contentType: 'application/json' })),
      /not valid JSON/,
    );
    expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: 'a=1', contentType: FORM })), /not valid JSON/);
    expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: '  ' })), /empty/);
  });

  it('never echoes the body in the error', () => {
    const msg = expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: '{"text":"secret +15005550006"' })));
    expect(msg).not.toContain('15005550006');
    expect(msg).not.toContain('secret');
  });
});

describe('hostile keys', () => {
  it('a __proto__ key in JSON pollutes nothing and is dropped', () => {
    const body =
      '{"__proto__":{"polluted":"yes"},"a":{"__proto__":{"polluted":"yes"},"b":1},"constructor":{"prototype":{"polluted":"yes"}}}';
    const fields = callbackFields(
      'auto',
      request({ method: 'POST', url: 'https://x.test/cb?__proto__[polluted]=yes', rawBody: body, contentType: 'application/json' }),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(getPath(fields, '__proto__')).toBeUndefined();
    expect(getPath(fields, 'a.__proto__.polluted')).toBeUndefined();
    expect(getPath(fields, 'a.b')).toBe(1);
    // 'constructor' is plain data here: an own property, never Object's constructor.
    expect(getPath(fields, 'constructor.prototype.polluted')).toBe('yes');
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('__proto__ and constructor keys in a form or query pollute nothing', () => {
    const req = request({
      method: 'POST',
      url: 'https://x.test/cb?__proto__=q&toString=q',
      rawBody: '__proto__=x&__proto__%5Bpolluted%5D=yes&constructor=y&hasOwnProperty=z',
      contentType: FORM,
    });
    for (const source of ['form', 'auto', 'query'] as const) {
      const fields = callbackFields(source, req);
      expect(getPath(fields, '__proto__')).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
    const form = callbackFields('auto', req) as Record<string, string>;
    expect(form['constructor']).toBe('y');
    expect(form['hasOwnProperty']).toBe('z');
    expect(form['toString']).toBe('q');
  });

  it('missing fields are never found on the prototype', () => {
    const fields = callbackFields('query', request({ url: 'https://x.test/cb?a=1' }));
    expect(getPath(fields, 'constructor')).toBeUndefined();
    expect(getPath(fields, 'toString')).toBeUndefined();
  });
});

describe('large bodies', () => {
  it('parses a 1 MB JSON body', () => {
    const big = JSON.stringify({ id: 'm1', text: 'x'.repeat(1_000_000) });
    expect(getPath(callbackFields('auto', request({ method: 'POST', rawBody: big, contentType: 'application/json' })), 'id')).toBe('m1');
  });

  // How fast is the benchmark's business; here only that it is a 400 and not a stack overflow.
  it('answers 1 MB of nesting with a 400, not a crash', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: deep })), /nested too deeply/);
    const deepObj = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: deepObj })), /nested too deeply/);
  });

  it('counts depth outside strings only, and allows 64 levels', () => {
    const ok = '{"a":'.repeat(63) + '"[[[[{{{{\\"[["' + '}'.repeat(63);
    expect(getPath(callbackFields('json', request({ method: 'POST', rawBody: `[${ok}]` })), '0.a.a.a')).toBeDefined();
    const tooDeep = '['.repeat(65) + ']'.repeat(65);
    expectInvalid(() => callbackFields('json', request({ method: 'POST', rawBody: tooDeep })), /nested too deeply/);
  });

  it('parses a 1 MB form body of many fields', { timeout: 20_000 }, () => {
    const body = Array.from({ length: 100_000 }, (_, i) => `k${i}=v${i}`).join('&');
    expect(body.length).toBeGreaterThan(1_000_000);
    const fields = callbackFields('auto', request({ method: 'POST', rawBody: body, contentType: FORM }));
    expect(getPath(fields, 'k99999')).toBe('v99999');
  });
});
