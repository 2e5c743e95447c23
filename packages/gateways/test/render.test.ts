import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GatewayConfigInput } from '../src/config/schema.js';
import { parseGatewayConfig } from '../src/config/parse.js';
import { mergeSettings, renderSendRequest, type SendContext } from '../src/render.js';

type SendInput = GatewayConfigInput['send'];

function config(send: Partial<SendInput>, settings: Record<string, string | number | boolean> = {}) {
  return parseGatewayConfig({
    settings: { baseUrl: 'https://api.example.com', ...settings },
    send: { method: 'POST', url: '{{settings.baseUrl}}/sms', body: 'form', ...send },
  });
}

const ctx: SendContext = {
  to: '+447700900123',
  from: 'ACME',
  content: 'Hello & welcome, 100% sure?',
  encoding: 'gsm7',
  segments: 1,
  messageId: 'msg_01HX',
  statusCallbackUrl: 'https://smsgw.example.org/callbacks/gw/tok/status',
  replyCallbackUrl: 'https://smsgw.example.org/callbacks/gw/tok/reply',
  credentials: { apiKey: 'k-123', user: 'alice', pass: 'p:ss' },
  settings: { baseUrl: 'https://api.example.com', senderId: 'ACME' },
};

function errorOf(fn: () => unknown): { status?: number; code?: string; message: string; details?: unknown } {
  try {
    fn();
  } catch (err) {
    return err as { status?: number; code?: string; message: string; details?: unknown };
  }
  throw new Error('expected a throw');
}

describe('renderSendRequest bodies', () => {
  it('renders a form body in config order with the user agent', () => {
    const req = renderSendRequest(config({ params: { to: '{{to}}', from: '{{from}}', text: '{{content}}', ref: '{{messageId}}' } }), ctx);
    expect(req).toEqual({
      method: 'POST',
      url: 'https://api.example.com/sms',
      headers: { 'user-agent': 'smsgw/0.1', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'to=%2B447700900123&from=ACME&text=Hello+%26+welcome%2C+100%25+sure%3F&ref=msg_01HX',
    });
  });

  it('renders a JSON body, nested, keeping numbers, booleans and null', () => {
    const req = renderSendRequest(
      config({
        body: 'json',
        params: {
          messages: [{ destinations: [{ to: '{{to | noplus}}' }], text: '{{content}}', parts: '{{segments}}' }],
          flash: false,
          validity: 1440,
          notify: { url: '{{statusCallbackUrl}}', enabled: true, extra: null },
        },
      }),
      ctx,
    );
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({
      messages: [{ destinations: [{ to: '447700900123' }], text: ctx.content, parts: '1' }],
      flash: false,
      validity: 1440,
      notify: { url: ctx.statusCallbackUrl, enabled: true, extra: null },
    });
  });

  it('appends query params to the URL without a body, keeping the template query as written', () => {
    const req = renderSendRequest(
      config({
        method: 'GET',
        url: '{{settings.baseUrl}}/http/sendmsg?api_id=1%2C2',
        body: 'query',
        params: { to: '{{to | noplus}}', text: '{{content}}' },
      }),
      ctx,
    );
    expect(req.body).toBeUndefined();
    expect(req.headers['content-type']).toBeUndefined();
    expect(req.url).toBe(
      'https://api.example.com/http/sendmsg?api_id=1%2C2&to=447700900123&text=Hello%20%26%20welcome%2C%20100%25%20sure%3F',
    );
    expect(new URL(req.url).searchParams.get('text')).toBe(ctx.content);
  });

  it("sends no body for 'none'", () => {
    const req = renderSendRequest(
      config({ body: 'none', url: '{{settings.baseUrl}}/send/{{to | urlencode}}/{{content | urlencode}}' }),
      ctx,
    );
    expect(req.body).toBeUndefined();
    expect(req.url).toBe('https://api.example.com/send/%2B447700900123/Hello%20%26%20welcome%2C%20100%25%20sure%3F');
  });

  it('does not encode the URL template where it does not ask for it, nor twice where it does', () => {
    const req = renderSendRequest(config({ url: '{{settings.baseUrl}}/a%2Fb?sig={{credentials.apiKey | urlencode}}' }), {
      ...ctx,
      credentials: { apiKey: 'a/b+c=' },
    });
    expect(req.url).toBe('https://api.example.com/a%2Fb?sig=a%2Fb%2Bc%3D');
  });

  it('repeats array keys in a form body and drops null', () => {
    const req = renderSendRequest(config({ params: { to: ['{{to}}', '+15550100'], gone: null, n: 3 } }), ctx);
    expect(req.body).toBe('to=%2B447700900123&to=%2B15550100&n=3');
  });
});

describe('renderSendRequest omitEmpty and unicode', () => {
  it('omits parameters that render empty (no sender), unless omitEmpty is off', () => {
    const send = { params: { to: '{{to}}', from: '{{from}}', text: '{{content}}' } };
    expect(renderSendRequest(config(send), { ...ctx, from: undefined }).body).not.toContain('from=');
    expect(renderSendRequest(config({ ...send, omitEmpty: false }), { ...ctx, from: undefined }).body).toContain('from=&');
  });

  it('omits empty values inside JSON objects too', () => {
    const req = renderSendRequest(config({ body: 'json', params: { sender: { name: '{{from}}' }, to: '{{to}}' } }), {
      ...ctx,
      from: undefined,
    });
    expect(JSON.parse(req.body ?? '')).toEqual({ sender: {}, to: ctx.to });
  });

  it('merges unicode params for UCS-2 and gsmParams for GSM-7, over params, order kept', () => {
    const cfg = config({
      params: { type: 'text', to: '{{to}}', text: '{{content}}' },
      unicode: { params: { type: 'unicode', text: '{{content | ucs2hex}}' }, gsmParams: { coding: 0 } },
    });
    expect(renderSendRequest(cfg, { ...ctx, content: 'Привет', encoding: 'ucs2' }).body).toBe(
      'type=unicode&to=%2B447700900123&text=041F04400438043204350442',
    );
    expect(renderSendRequest(cfg, { ...ctx, content: 'Hi' }).body).toBe('type=text&to=%2B447700900123&text=Hi&coding=0');
  });

  it('refuses UCS-2 content on a gateway that cannot send it', () => {
    const cfg = config({ unicode: { supported: false } });
    expect(errorOf(() => renderSendRequest(cfg, { ...ctx, encoding: 'ucs2' }))).toMatchObject({
      status: 422,
      code: 'unicode_not_supported',
    });
    expect(() => renderSendRequest(cfg, ctx)).not.toThrow();
  });

  it('refuses more segments than the gateway sends', () => {
    const cfg = config({ maxSegments: 3 });
    expect(errorOf(() => renderSendRequest(cfg, { ...ctx, segments: 4 }))).toMatchObject({ status: 422, code: 'too_many_segments' });
  });
});

describe('renderSendRequest auth and headers', () => {
  it('basic', () => {
    const req = renderSendRequest(
      config({ auth: { type: 'basic', username: '{{credentials.user}}', password: '{{credentials.pass}}' } }),
      ctx,
    );
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('alice:p:ss').toString('base64')}`);
  });

  it('bearer', () => {
    const req = renderSendRequest(config({ auth: { type: 'bearer', token: '{{credentials.apiKey}}' } }), ctx);
    expect(req.headers.authorization).toBe('Bearer k-123');
  });

  it('header (name lowercased) and custom headers', () => {
    const req = renderSendRequest(
      config({ auth: { type: 'header', name: 'X-API-Key', value: '{{credentials.apiKey}}' }, headers: { Accept: 'application/json' } }),
      ctx,
    );
    expect(req.headers).toMatchObject({ 'x-api-key': 'k-123', accept: 'application/json', 'user-agent': 'smsgw/0.1' });
  });

  it('query auth goes into the URL, whatever the body', () => {
    const req = renderSendRequest(
      config({
        auth: { type: 'query', params: { api_key: '{{credentials.apiKey}}', user: '{{credentials.user}}' } },
        params: { to: '{{to}}' },
      }),
      ctx,
    );
    expect(req.url).toBe('https://api.example.com/sms?api_key=k-123&user=alice');
    expect(req.body).toBe('to=%2B447700900123');
  });

  it('mac signs the final URL (path and query), host and scheme port, with the given time and nonce', () => {
    const signing = { at: new Date('2024-01-01T00:00:00.900Z'), nonce: 'n0nce' };
    const cfg = config({
      method: 'GET',
      body: 'query',
      auth: { type: 'mac', id: '{{credentials.apiKey}}', secret: '{{credentials.pass}}' },
      params: { to: '{{to}}' },
    });
    const req = renderSendRequest(cfg, { ...ctx, signing });
    // SMSGlobal's documented string: ts, nonce, method, URI, host, port, empty extra data; each line ends in \n.
    const base = '1704067200\nn0nce\nGET\n/sms?to=%2B447700900123\napi.example.com\n443\n\n';
    const mac = createHmac('sha256', 'p:ss').update(base).digest('base64');
    expect(req.headers.authorization).toBe(`MAC id="k-123", ts="1704067200", nonce="n0nce", mac="${mac}"`);
    const local = renderSendRequest(cfg, { ...ctx, signing, settings: { baseUrl: 'http://127.0.0.1:8080' } });
    const localBase = '1704067200\nn0nce\nGET\n/sms?to=%2B447700900123\n127.0.0.1:8080\n80\n\n';
    expect(local.headers.authorization).toContain(`mac="${createHmac('sha256', 'p:ss').update(localBase).digest('base64')}"`);
  });

  it('mac takes a fresh time and nonce per request when none is given', () => {
    const cfg = config({ auth: { type: 'mac', id: '{{credentials.apiKey}}', secret: '{{credentials.pass}}' } });
    const nonces = [renderSendRequest(cfg, ctx), renderSendRequest(cfg, ctx)].map(
      (r) => /nonce="([^"]+)"/.exec(r.headers.authorization ?? '')?.[1],
    );
    expect(nonces[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(nonces[1]).not.toBe(nonces[0]);
    const ts = Number(/ts="(\d+)"/.exec(renderSendRequest(cfg, ctx).headers.authorization ?? '')?.[1]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
  });

  it('refuses a header value with line breaks', () => {
    const cfg = config({ headers: { 'X-Note': '{{content}}' } });
    expect(errorOf(() => renderSendRequest(cfg, { ...ctx, content: 'a\r\nX-Evil: 1' }))).toMatchObject({
      status: 422,
      code: 'gateway_template_error',
    });
  });
});

describe('renderSendRequest errors', () => {
  it('names a missing variable, never a value', () => {
    const err = errorOf(() => renderSendRequest(config({ params: { key: '{{credentials.apiSecret}}', to: '{{to}}' } }), ctx));
    expect(err).toMatchObject({
      status: 422,
      code: 'gateway_template_error',
      details: { field: 'send.params.key', variable: 'credentials.apiSecret' },
    });
    expect(err.message).toContain('credentials.apiSecret');
    expect(err.message).not.toContain(ctx.to);
    expect(err.message).not.toContain('k-123');
  });

  it('refuses a URL that does not render absolute http(s)', () => {
    for (const url of ['/relative/path', '{{settings.host}}/sms', 'ftp://files.example.com/x', 'javascript:alert(1)']) {
      const settings = { ...ctx.settings, host: 'api.example.com' };
      const err = errorOf(() => renderSendRequest(config({ url }), { ...ctx, settings }));
      expect(err).toMatchObject({ status: 422, code: 'invalid_gateway_url' });
    }
  });
});

describe('mergeSettings', () => {
  it('puts row settings over config defaults, keeping scalars only', () => {
    const cfg = config({}, { region: 'eu', retries: 2 });
    expect(mergeSettings(cfg, { region: 'us', senderId: 'ACME', flash: true, nothing: null, nested: { a: 1 } })).toEqual({
      baseUrl: 'https://api.example.com',
      region: 'us',
      retries: 2,
      senderId: 'ACME',
      flash: true,
    });
  });

  it('keeps a __proto__ key as data', () => {
    const merged = mergeSettings(config({}), JSON.parse('{"__proto__": "x"}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
  });
});
