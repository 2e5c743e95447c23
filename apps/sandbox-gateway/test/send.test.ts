import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import type { DlrPayload, Sandbox } from '../src/index.js';
import { createClient, errorCode, startReceiver } from './helpers.js';
import type { Receiver } from './helpers.js';

const client = createClient();
let sbx: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await client.close();
});
beforeEach(async () => {
  receiver.caught.length = 0;
  sbx = await createSandbox({ apiKey: 'secret', dlrDelayMs: 20 });
});
afterEach(async () => {
  await sbx.close();
});

const auth = { authorization: 'Bearer secret' };

describe('POST /api/send', () => {
  it('accepts a send and reports delivery with the id and reference', async () => {
    const res = await client.send(
      sbx.url,
      { to: '+447700900001', from: 'Acme', text: 'hello', reference: 'msg_1', status_url: `${receiver.url}/dlr` },
      { headers: auth },
    );
    expect(res.status).toBe(200);
    const body = res.json as { id: string; status: string; parts: number };
    expect(body).toEqual({ id: expect.stringMatching(/^sbx_[0-9a-f]{20}$/), status: 'accepted', parts: 1 });

    const [report] = await receiver.waitFor((c) => c.length >= 1);
    expect(report?.path).toBe('/dlr');
    expect(report?.headers['content-type']).toBe('application/json');
    const dlr = report?.json as DlrPayload;
    expect(dlr).toEqual({
      id: body.id,
      reference: 'msg_1',
      status: 'DELIVERED',
      error_code: null,
      timestamp: expect.any(Number),
      price: '0.0050',
      parts: 1,
    });
    expect(Math.abs(dlr.timestamp - Date.now() / 1000)).toBeLessThan(10);
    await sbx.idle();
    expect(sbx.reports()).toMatchObject([{ url: `${receiver.url}/dlr`, attempt: 1, responseStatus: 200, payload: dlr }]);
  });

  it('accepts form-encoded sends and counts Unicode parts', async () => {
    const text = 'ü'.repeat(80); // GSM-7: one part; forced UCS-2: 80 units > 70 → two parts
    const gsm = await client.send(sbx.url, { to: '447700900002', text }, { form: true, headers: auth });
    expect(gsm).toMatchObject({ status: 200, json: { status: 'accepted', parts: 1 } });
    const ucs = await client.send(sbx.url, { to: '447700900002', text, unicode: '1' }, { form: true, headers: auth });
    expect(ucs).toMatchObject({ status: 200, json: { parts: 2 } });
    const emoji = await client.send(sbx.url, { to: '447700900002', text: '😀'.repeat(36) }, { headers: auth });
    expect(emoji).toMatchObject({ status: 200, json: { parts: 2 } }); // 72 UTF-16 units
  });

  it('answers 401 auth_failed for a missing or wrong token', async () => {
    const fields = { to: '447700900003', text: 'hi' };
    const missing = await client.send(sbx.url, fields);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: { code: 'auth_failed', message: expect.any(String) } });
    const wrong = await client.send(sbx.url, fields, { headers: { authorization: 'Bearer nope' } });
    expect(errorCode(wrong.json)).toBe('auth_failed');
    expect(sbx.requests().map((r) => r.status)).toEqual([401, 401]);
  });

  it('needs no token when started without apiKey', async () => {
    const open = await createSandbox();
    try {
      const res = await client.send(open.url, { to: '447700900004', text: 'hi' });
      expect(res.status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it.each([
    ['missing_to', { text: 'hi' }],
    ['invalid_number', { to: '12ab', text: 'hi' }],
    ['invalid_number', { to: '+1234', text: 'hi' }],
    ['missing_text', { to: '447700900005' }],
    ['missing_text', { to: '447700900005', text: '' }],
    ['invalid_parameter', { to: '447700900005', text: 'hi', unicode: 'yes' }],
    ['invalid_url', { to: '447700900005', text: 'hi', status_url: 'ftp://x' }],
    ['invalid_sender', { to: '447700900005', text: 'hi', from: 'WayTooLongSender' }],
    ['text_too_long', { to: '447700900005', text: 'x'.repeat(153 * 30 + 1) }],
  ])('answers 400 %s', async (code, fields) => {
    const res = await client.send(sbx.url, fields, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('accepts the fields as a query string too', async () => {
    const res = await fetch(`${sbx.url}/api/send?to=447700900007&text=hi%20there`, { method: 'POST', headers: auth });
    expect(res.status).toBe(200);
    expect(sbx.requests('+447700900007')).toMatchObject([{ params: { to: '447700900007', text: 'hi there' }, status: 200 }]);
  });

  it('records malformed bodies as 400 invalid_body', async () => {
    const res = await fetch(`${sbx.url}/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(errorCode(await res.json())).toBe('invalid_body');
    expect(sbx.requests()).toMatchObject([{ status: 400, errorCode: 'invalid_body', params: {} }]);
  });

  it('sends no report without a status_url, and uses the statusUrl option as default', async () => {
    const res = await client.send(sbx.url, { to: '447700900006', text: 'hi' }, { headers: auth });
    expect(res.status).toBe(200);
    await sbx.idle();
    expect(sbx.reports()).toEqual([]);

    const withDefault = await createSandbox({ statusUrl: `${receiver.url}/default`, dlrDelayMs: 0 });
    try {
      await client.send(withDefault.url, { to: '447700900006', text: 'hi' });
      const caught = await receiver.waitFor((c) => c.some((x) => x.path === '/default'));
      expect(caught.find((x) => x.path === '/default')?.json).toMatchObject({ status: 'DELIVERED' });
    } finally {
      await withDefault.close();
    }
  });
});
