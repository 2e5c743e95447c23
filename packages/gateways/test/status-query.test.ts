import { describe, expect, it } from 'vitest';
import type { GatewayConfigInput } from '../src/config/schema.js';
import { parseGatewayConfig } from '../src/config/parse.js';
import type { HttpResult } from '../src/http.js';
import { parseStatusQuery, renderStatusQuery } from '../src/status-query.js';

type StatusQueryInput = NonNullable<GatewayConfigInput['statusQuery']>;

function config(statusQuery: Partial<StatusQueryInput> = {}) {
  return parseGatewayConfig({
    send: {
      method: 'POST',
      url: '{{settings.baseUrl}}/sms',
      body: 'json',
      auth: { type: 'bearer', token: '{{credentials.token}}' },
      headers: { Accept: 'application/json', 'X-Body-Hash': '{{content | base64}}' },
    },
    statusQuery: {
      url: '{{settings.baseUrl}}/messages',
      body: 'query',
      params: { ref: '{{messageId}}' },
      status: { json: 'data.state' },
      messageId: { json: 'data.id' },
      errorCode: { json: 'data.err' },
      statusMap: { QUEUED: 'accepted', DELIVRD: 'delivered', UNDELIV: 'failed' },
      notFound: [{ status: 404, json: { path: 'code', equals: 'no_such_message' } }],
      ...statusQuery,
    },
  });
}

const ctx = {
  messageId: 'msg_1',
  gatewayMessageId: null,
  to: '+447700900123',
  credentials: { token: 't-1' },
  settings: { baseUrl: 'https://api.example.com' },
};
const answer = (status: number, body: unknown, truncated = false): HttpResult => ({
  kind: 'response',
  status,
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  truncated,
});

describe('renderStatusQuery', () => {
  it('looks the message up by our reference, with the send auth and the send headers a lookup can fill', () => {
    expect(renderStatusQuery(config(), ctx)).toEqual({
      method: 'GET',
      url: 'https://api.example.com/messages?ref=msg_1',
      headers: { 'user-agent': 'smsgw/0.1', accept: 'application/json', authorization: 'Bearer t-1' },
      body: undefined,
    });
  });

  it('by the gateway id: renders it when known, and renders nothing without it', () => {
    const cfg = config({ by: 'gatewayMessageId', url: '{{settings.baseUrl}}/messages/{{gatewayMessageId}}', params: {} });
    expect(renderStatusQuery(cfg, ctx)).toBeUndefined();
    expect(renderStatusQuery(cfg, { ...ctx, gatewayMessageId: 'gw-9' })?.url).toBe('https://api.example.com/messages/gw-9');
  });

  it('renders nothing for a config without a status lookup', () => {
    const cfg = parseGatewayConfig({ send: { method: 'POST', url: 'https://api.example.com/sms', body: 'json' } });
    expect(renderStatusQuery(cfg, ctx)).toBeUndefined();
  });
});

describe('parseStatusQuery', () => {
  it('maps the status word, and reads the provider id and error code', () => {
    expect(parseStatusQuery(config(), answer(200, { data: { id: 'gw-9', state: 'UNDELIV', err: '34' } }))).toEqual({
      kind: 'found',
      status: 'failed',
      providerStatus: 'UNDELIV',
      gatewayMessageId: 'gw-9',
      errorCode: '34',
    });
    expect(parseStatusQuery(config(), answer(200, { data: { state: 'QUEUED' } }))).toMatchObject({
      kind: 'found',
      status: 'accepted',
      gatewayMessageId: undefined,
    });
  });

  it('concludes nothing from a word the map does not know', () => {
    expect(parseStatusQuery(config(), answer(200, { data: { state: 'ENROUTE' } }))).toEqual({
      kind: 'unmapped',
      providerStatus: 'ENROUTE',
    });
  });

  it('says not_found only when a notFound rule matches the answer', () => {
    expect(parseStatusQuery(config(), answer(404, { code: 'no_such_message' }))).toEqual({ kind: 'not_found', httpStatus: 404 });
    // A 404 without the provider's words may be a wrong URL or a proxy: not proof of anything.
    expect(parseStatusQuery(config(), answer(404, '<html>Not Found</html>'))).toMatchObject({ kind: 'inconclusive', reason: 'HTTP 404' });
  });

  it('never reads "not found" into a server error, an auth failure, a throttle or a cut-off body', () => {
    const broad = config({ notFound: [{ status: '4xx' }, { status: '5xx' }, { status: 200, json: { path: 'data', exists: false } }] });
    for (const status of [500, 503, 401, 403, 407, 429]) {
      expect(parseStatusQuery(broad, answer(status, { code: 'no_such_message' })).kind, String(status)).toBe('inconclusive');
    }
    expect(parseStatusQuery(broad, answer(404, {})).kind).toBe('not_found');
    expect(parseStatusQuery(broad, answer(200, {})).kind).toBe('not_found');
    expect(parseStatusQuery(broad, answer(200, '{"da', true))).toEqual({ kind: 'inconclusive', reason: 'response too large' });
  });

  it('is inconclusive on a network error or a 2xx without a status', () => {
    expect(parseStatusQuery(config(), { kind: 'error', written: true, code: 'deadline_exceeded', message: 'x' })).toEqual({
      kind: 'inconclusive',
      reason: 'deadline_exceeded',
    });
    expect(parseStatusQuery(config(), answer(200, { data: {} }))).toEqual({ kind: 'inconclusive', reason: 'no status in the answer' });
  });

  it('refuses a notFound rule without a status (a body pattern alone could match an error page)', () => {
    expect(() => config({ notFound: [{ bodyMatches: 'not found' } as never] })).toThrow(/statusQuery\.notFound\.0\.status/);
  });
});
