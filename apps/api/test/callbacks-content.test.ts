import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { replies, type ReplyRow } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { callback, callbackToken, uniqueNumber } from './callbacks-fixtures.js';

/**
 * What a provider sends is content, not a reason to fail: NUL characters, lone surrogates and
 * absurd dates are things PostgreSQL refuses, and a 500 makes the provider retry the same
 * callback forever. Each must be stored (cleaned) and answered 2xx.
 */
describe('callback content PostgreSQL cannot store as sent', () => {
  let t: TestApp;
  let formPath: string;
  let jsonPath: string;
  let queryPath: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const form = await t.createGateway();
    formPath = `/callbacks/${form}/${await callbackToken(t.database.db, form)}/reply`;
    // The sandbox preset with its inbound messages read from JSON, as Infobip or Telnyx send them.
    const jsonGw = await t.createGateway({ config: { replyCallback: { source: 'json' } } });
    jsonPath = `/callbacks/${jsonGw}/${await callbackToken(t.database.db, jsonGw)}/reply`;
    // And from the query string, as Kannel sends them.
    const queryGw = await t.createGateway({ config: { replyCallback: { source: 'query' } } });
    queryPath = `/callbacks/${queryGw}/${await callbackToken(t.database.db, queryGw)}/reply`;
  });
  afterAll(async () => t.close());

  async function stored(providerId: string): Promise<ReplyRow | undefined> {
    const [row] = await t.database.db.select().from(replies).where(eq(replies.providerId, providerId));
    return row;
  }

  const providerId = (): string => `sbx_in_${randomBytes(10).toString('hex')}`;

  it('a NUL in a form field is stored replaced, answered 200', async () => {
    const id = providerId();
    const body = `msisdn=${uniqueNumber().slice(1)}&to=SMSGW&text=a%00b&message_id=${id}&timestamp=2025-01-01T12:00:00Z`;
    const res = await callback(t.app, formPath, { contentType: 'application/x-www-form-urlencoded', body });
    expect(res.statusCode).toBe(200);
    expect((await stored(id))?.content).toBe('a\uFFFDb');
  });

  it('a raw NUL byte in a form body (also kept in the raw payload) is stored replaced, answered 200', async () => {
    const id = providerId();
    const body = `msisdn=${uniqueNumber().slice(1)}&text=hi\u0000there&message_id=${id}`;
    const res = await callback(t.app, formPath, { contentType: 'application/x-www-form-urlencoded', body });
    expect(res.statusCode).toBe(200);
    const row = await stored(id);
    expect(row?.content).toBe('hi\uFFFDthere');
    expect(JSON.stringify(row?.raw)).toContain('hi\uFFFDthere');
  });

  // Needs the global %00 guard (apps/api/src/plugins/errors.ts) to let callback paths through:
  // a 400 makes a GET-callback provider (Kannel) retry the report forever.
  it('a NUL in the query of a GET callback is stored replaced, answered 200', async () => {
    const id = providerId();
    const query = `msisdn=${uniqueNumber().slice(1)}&text=a%00b&message_id=${id}&x=%00`;
    const res = await callback(t.app, queryPath, { method: 'GET', query });
    expect(res.statusCode).toBe(200);
    expect((await stored(id))?.content).toBe('a\uFFFDb');
  });

  it('lone surrogates and a NUL escaped in JSON are stored replaced, answered 200', async () => {
    const id = providerId();
    const body = `{"msisdn":"${uniqueNumber().slice(1)}","text":"x\\ud800y\\udc00z\\u0000","message_id":"${id}","reference":"r\\u0000"}`;
    const res = await callback(t.app, jsonPath, { contentType: 'application/json', body });
    expect(res.statusCode).toBe(200);
    const row = await stored(id);
    expect(row?.content).toBe('x\uFFFDy\uFFFDz\uFFFD');
    // A kept pair is a real character (an emoji), not damage.
    const pair = providerId();
    const ok = await callback(t.app, jsonPath, {
      contentType: 'application/json',
      body: `{"msisdn":"${uniqueNumber().slice(1)}","text":"\\ud83d\\ude00","message_id":"${pair}"}`,
    });
    expect(ok.statusCode).toBe(200);
    expect((await stored(pair))?.content).toBe('😀');
  });

  it('a NUL in a JSON key is answered 200', async () => {
    const id = providerId();
    const body = `{"msisdn":"${uniqueNumber().slice(1)}","text":"k","message_id":"${id}","a\\u0000b":"c"}`;
    const res = await callback(t.app, jsonPath, { contentType: 'application/json', body });
    expect(res.statusCode).toBe(200);
    expect((await stored(id))?.content).toBe('k');
  });

  it("a NUL in a legacy path's gateway name is a 401 like any unknown gateway, not a 500", async () => {
    const auth = `Basic ${Buffer.from('gw\u0000x:token').toString('base64')}`;
    const res = await callback(t.app, '/sms/reply_postback/', {
      body: 'text=hi',
      contentType: 'application/x-www-form-urlencoded',
      headers: { authorization: auth },
    });
    expect(res.statusCode).toBe(401);
  });

  it.each(['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-14:00', '2025-02-30T00:00:00Z', 'yesterday'])(
    'a reply dated %s is stored with the time it arrived, answered 200',
    async (timestamp) => {
      const id = providerId();
      const before = Date.now();
      const body = new URLSearchParams({ msisdn: uniqueNumber().slice(1), text: 'dated', message_id: id, timestamp }).toString();
      const res = await callback(t.app, formPath, { contentType: 'application/x-www-form-urlencoded', body });
      expect(res.statusCode).toBe(200);
      expect((await stored(id))?.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    },
  );
});

describe('GET /v1/replies date parameters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it.each([
    ['since', '0000-01-01T00:00:00Z'],
    ['until', '0000-01-01T00:00:00Z'],
    ['since', '1969-12-31T23:59:59Z'],
    ['until', '+275760-09-13T00:00:00Z'],
    ['since', 'not-a-date'],
  ])('%s=%s is a 400 naming the parameter', async (name, value) => {
    const res = await t.request({ method: 'GET', url: `/v1/replies?${name}=${encodeURIComponent(value)}` });
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.code).toBe('invalid_request');
    expect(json(res).error?.message).toContain(name);
  });

  it('a date in range is accepted', async () => {
    const res = await t.request({ method: 'GET', url: '/v1/replies?since=1970-01-01T00:00:00Z&until=9999-12-31T23:59:59Z' });
    expect(res.statusCode).toBe(200);
  });
});
