import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import type { RecordedRequest, Sandbox } from '../src/index.js';
import { control, createClient, errorCode, startReceiver } from './helpers.js';
import type { Receiver } from './helpers.js';

const client = createClient();
let sbx: Sandbox;
let receiver: Receiver;

beforeEach(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: '<ok/>' }));
  sbx = await createSandbox({ apiKey: 'k', dlrDelayMs: 0, outcome: 'none' });
});
afterEach(async () => {
  await sbx.close();
  await receiver.close();
});
afterAll(() => client.close());

const auth = { authorization: 'Bearer k' };

describe('inbound', () => {
  it('posts a form-encoded reply to the reply_url last seen for the pair, with its reference', async () => {
    await client.send(
      sbx.url,
      { to: '+447700900300', from: 'Acme', text: 'hi', reference: 'msg_9', reply_url: `${receiver.url}/reply` },
      { headers: auth },
    );
    const res = await control(sbx.url, 'POST', '/control/inbound', { from: '+447700900300', to: 'Acme', text: 'yes please' });
    expect(res).toEqual({
      status: 200,
      json: { status: 200, body: '<ok/>', message_id: expect.stringMatching(/^sbx_in_[0-9a-f]+$/), url: `${receiver.url}/reply` },
    });
    const [caught] = receiver.caught;
    expect(caught?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(caught?.form).toEqual({
      msisdn: '+447700900300',
      to: 'Acme',
      text: 'yes please',
      message_id: (res.json as { message_id: string }).message_id,
      reference: 'msg_9',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('uses an explicit reply_url, then the replyUrl option, else answers 400 no_reply_url', async () => {
    const direct = await sbx.inbound({ from: '447700900301', to: '555', text: 'a', reply_url: `${receiver.url}/direct`, reference: 'r1' });
    expect(direct).toMatchObject({ status: 200, body: '<ok/>', url: `${receiver.url}/direct` });
    expect(receiver.caught[0]?.form).toMatchObject({ reference: 'r1', msisdn: '447700900301' });

    const none = await control(sbx.url, 'POST', '/control/inbound', { from: '447700900399', to: '555', text: 'a' });
    expect(none.status).toBe(400);
    expect(errorCode(none.json)).toBe('no_reply_url');

    const withDefault = await createSandbox({ replyUrl: `${receiver.url}/default` });
    try {
      const res = await withDefault.inbound({ from: '447700900302', to: '555', text: 'b' });
      expect(res.url).toBe(`${receiver.url}/default`);
      expect(receiver.caught[1]?.form.reference).toBeUndefined();
    } finally {
      await withDefault.close();
    }
  });

  it('answers 400 invalid_request without from/to/text', async () => {
    const res = await control(sbx.url, 'POST', '/control/inbound', { from: '447700900303' });
    expect(errorCode(res.json)).toBe('invalid_request');
  });
});

describe('request record', () => {
  it('records every send, redacts Authorization, filters by to and clears', async () => {
    await client.send(sbx.url, { to: '+447700900310', text: 'one' }, { headers: auth });
    await client.send(sbx.url, { to: '447700900311', text: 'two' }, { form: true, headers: { authorization: 'Bearer wrong' } });
    await client.send(sbx.url, { to: 'bad', text: 'three' }, { headers: auth });

    const all = (await control(sbx.url, 'GET', '/control/requests')).json as { requests: RecordedRequest[] };
    expect(all.requests).toMatchObject([
      {
        seq: 1,
        method: 'POST',
        path: '/api/send',
        to: '447700900310',
        params: { to: '+447700900310', text: 'one' },
        status: 200,
        id: expect.stringMatching(/^sbx_/),
      },
      { to: '447700900311', params: { text: 'two' }, status: 401, errorCode: 'auth_failed', id: null },
      { to: null, params: { to: 'bad' }, status: 400, errorCode: 'invalid_number' },
    ]);
    for (const r of all.requests) {
      expect(r.headers.authorization).toBe('[redacted]');
      expect(Date.parse(r.time)).not.toBeNaN();
    }
    expect(JSON.stringify(all)).not.toContain('Bearer');

    const filtered = (await control(sbx.url, 'GET', '/control/requests?to=447700900310')).json as { requests: RecordedRequest[] };
    expect(filtered.requests.map((r) => r.params.text)).toEqual(['one']);
    const withPlus = (await control(sbx.url, 'GET', `/control/requests?to=${encodeURIComponent('+447700900311')}`)).json as {
      requests: RecordedRequest[];
    };
    expect(withPlus.requests.map((r) => r.params.text)).toEqual(['two']);

    expect((await control(sbx.url, 'DELETE', '/control/requests')).status).toBe(200);
    expect(sbx.requests()).toEqual([]);
  });

  it('lists sent reports on GET /control/reports', async () => {
    sbx.setBehaviour({ outcome: 'delivered' });
    await client.send(sbx.url, { to: '447700900312', text: 'x', status_url: receiver.url }, { headers: auth });
    await receiver.waitFor((c) => c.length === 1);
    await sbx.idle();
    const res = (await control(sbx.url, 'GET', '/control/reports')).json as { reports: unknown[] };
    expect(res.reports).toMatchObject([{ url: receiver.url, attempt: 1, responseStatus: 200, payload: { status: 'DELIVERED' } }]);
  });
});

describe('behaviour control', () => {
  it('per-recipient rules make one number fail (start option and PUT)', async () => {
    const ruled = await createSandbox({ rules: { '447700900320': { mode: 'reject' } } });
    try {
      expect((await client.send(ruled.url, { to: '+447700900320', text: 'x' })).status).toBe(400);
      expect((await client.send(ruled.url, { to: '447700900321', text: 'x' })).status).toBe(200);

      const put = await control(ruled.url, 'PUT', '/control/behaviour', {
        rules: { '+447700900321': { mode: 'http503' }, '447700900320': null },
      });
      expect(put.json).toMatchObject({ rules: { '447700900321': { mode: 'http503' } } });
      expect((await client.send(ruled.url, { to: '447700900321', text: 'x' })).status).toBe(503);
      expect((await client.send(ruled.url, { to: '447700900320', text: 'x' })).status).toBe(200);
    } finally {
      await ruled.close();
    }
  });

  it('X-Sandbox-Behaviour overrides one request; a bad header is a 400', async () => {
    const h = (b: unknown) => ({ ...auth, 'x-sandbox-behaviour': JSON.stringify(b) });
    const res = await client.send(sbx.url, { to: '447700900330', text: 'x' }, { headers: h({ mode: 'http429', retryAfterSeconds: 3 }) });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect((await client.send(sbx.url, { to: '447700900330', text: 'x' }, { headers: auth })).status).toBe(200);

    const bad = await client.send(sbx.url, { to: '447700900330', text: 'x' }, { headers: h({ mode: 'explode' }) });
    expect(bad.status).toBe(400);
    expect(errorCode(bad.json)).toBe('invalid_behaviour');
  });

  it('PUT /control/behaviour merges knobs, rejects unknown ones; POST /control/reset restores', async () => {
    const put = await control(sbx.url, 'PUT', '/control/behaviour', { mode: 'http500' });
    expect(put.json).toMatchObject({ behaviour: { mode: 'http500', outcome: 'none', dlrDelayMs: 0 } });
    expect((await client.send(sbx.url, { to: '447700900340', text: 'x' }, { headers: auth })).status).toBe(500);

    const typo = await control(sbx.url, 'PUT', '/control/behaviour', { failfirst: 1 });
    expect(typo.status).toBe(400);
    expect(errorCode(typo.json)).toBe('invalid_behaviour');

    const reset = await control(sbx.url, 'POST', '/control/reset');
    expect(reset.json).toMatchObject({ behaviour: { mode: 'ok', outcome: 'none' } });
    expect(sbx.requests()).toEqual([]);
    expect((await client.send(sbx.url, { to: '447700900340', text: 'x' }, { headers: auth })).status).toBe(200);
  });

  it('GET /control/health answers ok and unknown paths a JSON 404', async () => {
    expect(await control(sbx.url, 'GET', '/control/health')).toEqual({ status: 200, json: { status: 'ok' } });
    const missing = await control(sbx.url, 'GET', '/nope');
    expect(missing.status).toBe(404);
    expect(errorCode(missing.json)).toBe('not_found');
  });
});
