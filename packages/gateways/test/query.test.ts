import { describe, expect, it } from 'vitest';
import type { GatewayConfigInput } from '../src/config/schema.js';
import { parseGatewayConfig } from '../src/config/parse.js';
import type { HttpResult } from '../src/http.js';
import { parseBalance, parseNumberCheck, renderQueryRequest } from '../src/query.js';

function config(extra: Partial<GatewayConfigInput> = {}) {
  return parseGatewayConfig({
    send: {
      method: 'POST',
      url: '{{settings.baseUrl}}/sms',
      body: 'form',
      auth: { type: 'basic', username: '{{credentials.user}}', password: '{{credentials.pass}}' },
      headers: { Accept: 'application/json', 'X-Ref': '{{messageId}}' },
    },
    balance: {
      url: '{{settings.baseUrl}}/account/balance',
      balance: { json: 'balance' },
      currency: { json: 'currency' },
    },
    numberCheck: {
      url: '{{settings.baseUrl}}/lookup',
      body: 'query',
      params: { type: 'hlr' },
      numberParam: 'msisdn',
      status: { json: 'status' },
      statusMap: { DELIVRD: 'valid', UNDELIV: 'invalid' },
    },
    ...extra,
  });
}

const ctx = { credentials: { user: 'alice', pass: 'pw', token: 't-1' }, settings: { baseUrl: 'https://api.example.com' } };
type Response = Extract<HttpResult, { kind: 'response' }>;
const ok = (body: string): Response => ({ kind: 'response', status: 200, headers: {}, body, truncated: false });

describe('renderQueryRequest', () => {
  it('renders the balance query with the send auth and the send headers a query can fill', () => {
    const req = renderQueryRequest(config(), 'balance', ctx);
    expect(req).toEqual({
      method: 'GET',
      url: 'https://api.example.com/account/balance',
      headers: {
        'user-agent': 'smsgw/0.1',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}`,
      },
      body: undefined,
    });
  });

  it('renders a number check with its own auth and the number parameter', () => {
    const cfg = config();
    const withAuth = parseGatewayConfig({
      ...cfg,
      numberCheck: { ...cfg.numberCheck, auth: { type: 'bearer', token: '{{credentials.token}}' } },
    });
    const req = renderQueryRequest(withAuth, 'numberCheck', { ...ctx, number: '+447700900123' });
    expect(req.url).toBe('https://api.example.com/lookup?type=hlr&msisdn=%2B447700900123');
    expect(req.headers.authorization).toBe('Bearer t-1');
  });

  it('exposes the number as a template variable', () => {
    const cfg = config();
    const pathStyle = parseGatewayConfig({
      ...cfg,
      numberCheck: { ...cfg.numberCheck, url: '{{settings.baseUrl}}/lookup/{{number | noplus}}', numberParam: undefined, params: {} },
    });
    expect(renderQueryRequest(pathStyle, 'numberCheck', { ...ctx, number: '+447700900123' }).url).toBe(
      'https://api.example.com/lookup/447700900123',
    );
  });

  it('refuses a number check without a number, and configs without the query', () => {
    expect(() => renderQueryRequest(config(), 'numberCheck', ctx)).toThrow(expect.objectContaining({ code: 'gateway_template_error' }));
    const bare = parseGatewayConfig({ send: { method: 'POST', url: 'https://x.example/sms', body: 'form' } });
    expect(() => renderQueryRequest(bare, 'balance', ctx)).toThrow(expect.objectContaining({ status: 422, code: 'balance_not_supported' }));
    expect(() => renderQueryRequest(bare, 'numberCheck', { ...ctx, number: '+1' })).toThrow(
      expect.objectContaining({ status: 422, code: 'number_check_not_supported' }),
    );
  });
});

describe('parseBalance', () => {
  it('reads balance and currency from a 2xx response', () => {
    expect(parseBalance(config(), ok('{"balance": 12.5, "currency": "EUR"}'))).toEqual({ balance: '12.5', currency: 'EUR' });
    expect(parseBalance(config(), ok('{"balance": "3"}'))).toEqual({ balance: '3', currency: undefined });
  });

  it('reads a regex balance from a text body', () => {
    const cfg = config({ balance: { url: 'https://x.example/bal', balance: { regex: 'Credit: ([\\d.]+)' } } });
    expect(parseBalance(cfg, ok('Credit: 99.10'))).toEqual({ balance: '99.10', currency: undefined });
  });

  it('is undefined for errors, non-2xx, missing values or no balance query', () => {
    expect(parseBalance(config(), { kind: 'error', written: false, code: 'ECONNREFUSED', message: 'x' })).toBeUndefined();
    expect(parseBalance(config(), { ...ok('{"balance": 1}'), status: 401 })).toBeUndefined();
    expect(parseBalance(config(), ok('{}'))).toBeUndefined();
    const bare = parseGatewayConfig({ send: { method: 'POST', url: 'https://x.example/sms', body: 'form' } });
    expect(parseBalance(bare, ok('{"balance": 1}'))).toBeUndefined();
  });
});

describe('parseNumberCheck', () => {
  it('maps status words, unknown otherwise', () => {
    expect(parseNumberCheck(config(), ok('{"status":"DELIVRD"}'))).toBe('valid');
    expect(parseNumberCheck(config(), ok('{"status":"UNDELIV"}'))).toBe('invalid');
    expect(parseNumberCheck(config(), ok('{"status":"constructor"}'))).toBe('unknown');
    expect(parseNumberCheck(config(), ok('{}'))).toBe('unknown');
    expect(parseNumberCheck(config(), { ...ok('{"status":"DELIVRD"}'), status: 500 })).toBeUndefined();
  });
});
