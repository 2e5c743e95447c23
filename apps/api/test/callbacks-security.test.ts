import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getMessageById, replies, statusReports, type MessageRow } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { callback, callbackToken, fixture, presetFixtures, seedMessage } from './callbacks-fixtures.js';

const sandbox = presetFixtures('sandbox');
const twilio = presetFixtures('twilio');
const kannel = presetFixtures('kannel');
const SBX_ID = 'sbx_3f2a9c0d1e4b5a6c7d8e';
const WHSEC = `whsec_${randomBytes(24).toString('base64')}`;

function delivered(gatewayMessageId: string) {
  const f = fixture(sandbox.statusCallbacks, 0);
  return { contentType: f.contentType, body: f.body.replaceAll(SBX_ID, gatewayMessageId) };
}

/** Standard Webhooks headers for `body`, signed `ageSeconds` ago. */
function standardHeaders(body: string, ageSeconds = 0): Record<string, string> {
  const id = `msg_${randomBytes(6).toString('hex')}`;
  const ts = String(Math.floor(Date.now() / 1000) - ageSeconds);
  const key = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
  const sig = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': `v1,${sig}` };
}

describe('callback authentication and hostile input', () => {
  let t: TestApp;
  let gw: string;
  let token: string;
  let path: string;

  beforeAll(async () => {
    t = await buildTestApp();
    gw = await t.createGateway();
    token = await callbackToken(t.database.db, gw);
    path = `/callbacks/${gw}/${token}/status`;
  });
  afterAll(async () => t.close());

  const reportsOf = async (m: MessageRow) =>
    t.database.db
      .select()
      .from(statusReports)
      .where(eq(statusReports.gatewayMessageId, m.gatewayMessageId ?? ''));
  const unchanged = async (m: MessageRow) => {
    const after = await getMessageById(t.database.db, m.id);
    expect(after?.status).toBe(m.status);
    expect(after?.updatedAt).toEqual(m.updatedAt);
    expect(await reportsOf(m)).toHaveLength(0);
  };

  it('a forged token, another gateway’s token or an unknown gateway is 401 and changes nothing', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const other = await t.createGateway();
    const otherToken = await callbackToken(t.database.db, other);
    for (const p of [
      `/callbacks/${gw}/${token.slice(0, -1)}x/status`,
      `/callbacks/${gw}/${otherToken}/status`,
      `/callbacks/nope-${gw}/${token}/status`,
    ]) {
      const res = await callback(t.app, p, delivered(m.gatewayMessageId ?? ''));
      expect(res.statusCode).toBe(401);
      expect(json(res).error?.code).toBe('unauthorized');
    }
    await unchanged(m);
  });

  it('Twilio: a missing or forged X-Twilio-Signature is 403 and changes nothing', async () => {
    const tw = await t.createGateway({
      preset: 'twilio',
      credentials: { accountSid: 'AC00000000000000000000000000000000', authToken: 'secret-token' },
    });
    const twPath = `/callbacks/${tw}/${await callbackToken(t.database.db, tw)}/status`;
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const m = await seedMessage(t.database.db, t.admin.accountId, tw, { gatewayMessageId: sid });
    const body = fixture(twilio.statusCallbacks, 1).body.replaceAll('SM1342fe1b2c904d1ab04f0fc7a58abca9', sid);
    const form = 'application/x-www-form-urlencoded';
    const forged = createHmac('sha1', 'not-the-token').update(`${t.config.publicUrl}${twPath}`).digest('base64');
    const attempts: Record<string, string>[] = [{}, { 'x-twilio-signature': forged }, { 'x-twilio-signature': 'garbage' }];
    for (const headers of attempts) {
      const res = await callback(t.app, twPath, { contentType: form, body, headers });
      expect(res.statusCode).toBe(403);
      expect(json(res).error?.code).toBe('signature_invalid');
    }
    await unchanged(m);
  });

  it('Standard Webhooks: a stale, forged or missing signature is 403; a fresh one is applied', async () => {
    const sw = await t.createGateway({
      config: { statusCallback: { signature: { scheme: 'standard-webhooks', secret: '{{settings.callbackSecret}}' } } },
      settings: { baseUrl: 'http://127.0.0.1:9', callbackSecret: WHSEC },
    });
    const swPath = `/callbacks/${sw}/${await callbackToken(t.database.db, sw)}/status`;
    const m = await seedMessage(t.database.db, t.admin.accountId, sw);
    const report = delivered(m.gatewayMessageId ?? '');
    const stale = standardHeaders(report.body, 3600);
    const forged = { ...standardHeaders(report.body), 'webhook-signature': `v1,${randomBytes(32).toString('base64')}` };
    const otherBody = standardHeaders(`${report.body} `);
    for (const headers of [stale, forged, otherBody, {}]) {
      expect((await callback(t.app, swPath, { ...report, headers })).statusCode).toBe(403);
    }
    await unchanged(m);
    expect((await callback(t.app, swPath, { ...report, headers: standardHeaders(report.body) })).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  it('Plivo V3 on the reply path: a forged signature is 403 and stores nothing; a valid one stores the reply', async () => {
    const pl = await t.createGateway({ preset: 'plivo', credentials: { authId: 'MA0000000000', authToken: 'plivo-token' } });
    const plPath = `/callbacks/${pl}/${await callbackToken(t.database.db, pl)}/reply`;
    const uuid = `${randomBytes(4).toString('hex')}-7f1d-11e1-8ea7-1231380bc197`;
    const body = fixture(presetFixtures('plivo').replyCallbacks, 0).body.replace('2a8f5f4e-7f1d-11e1-8ea7-1231380bc197', uuid);
    const pairs = [...new URLSearchParams(body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const nonce = randomBytes(8).toString('hex');
    const signed = `${t.config.publicUrl}${plPath}?${pairs.map(([k, v]) => k + v).join('')}.${nonce}`;
    const sign = (key: string) => createHmac('sha256', key).update(signed).digest('base64');
    const form = 'application/x-www-form-urlencoded';
    const stored = async () => t.database.db.select().from(replies).where(eq(replies.providerId, uuid));
    const bad = await callback(t.app, plPath, {
      contentType: form,
      body,
      headers: { 'x-plivo-signature-v3': sign('wrong'), 'x-plivo-signature-v3-nonce': nonce },
    });
    expect(bad.statusCode).toBe(403);
    expect(await stored()).toHaveLength(0);
    const ok = await callback(t.app, plPath, {
      contentType: form,
      body,
      headers: { 'x-plivo-signature-v3': sign('plivo-token'), 'x-plivo-signature-v3-nonce': nonce },
    });
    expect(ok.statusCode).toBe(200);
    expect((await stored()).map((r) => r.content)).toEqual(['Yes please']);
  });

  it('missing fields, malformed JSON, an empty body: 400 and nothing stored', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const id = m.gatewayMessageId ?? '';
    const bodies = [
      JSON.stringify({ status: 'DELIVERED' }),
      JSON.stringify({ id }),
      `{"id":"${id}","status":"DELIVERED"`,
      'not json at all',
      '',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    ];
    for (const body of bodies) {
      const res = await callback(t.app, path, { contentType: 'application/json', body });
      expect(res.statusCode, body).toBe(400);
    }
    await unchanged(m);
  });

  it('a 1 MB body is refused with 413 before it is read', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const big = JSON.stringify({ id: m.gatewayMessageId, status: 'DELIVERED', pad: 'x'.repeat(1024 * 1024) });
    const res = await callback(t.app, path, { contentType: 'application/json', body: big });
    expect(res.statusCode).toBe(413);
    await unchanged(m);
  });

  it('__proto__ keys neither pollute nor supply fields', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const id = m.gatewayMessageId ?? '';
    const onlyInProto = `{"__proto__":{"id":"${id}","status":"DELIVERED"}}`;
    expect((await callback(t.app, path, { contentType: 'application/json', body: onlyInProto })).statusCode).toBe(400);
    const form = await callback(t.app, `/callbacks/${gw}/${token}/reply`, {
      contentType: 'application/x-www-form-urlencoded',
      body: '__proto__=x&msisdn=1&text=hi',
    });
    expect(form.statusCode).toBe(200);
    await unchanged(m);
    const withExtra = `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"id":"${id}","status":"DELIVERED"}`;
    expect((await callback(t.app, path, { contentType: 'application/json', body: withExtra })).statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('an unexpected content type or method is answered 4xx or ignored, never 500', async () => {
    const m = await seedMessage(t.database.db, t.admin.accountId, gw);
    const cases = [
      { contentType: 'application/xml', body: '<report/>' },
      { contentType: 'multipart/form-data; boundary=x', body: '--x--' },
      { method: 'GET' as const },
    ];
    for (const c of cases) {
      const res = await callback(t.app, path, c);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const put = await t.app.inject({ method: 'PUT', url: path, payload: 'x' });
    expect(put.statusCode).toBe(404);
    await unchanged(m);
  });

  it('a provider that calls back with GET and query parameters (Kannel)', async () => {
    const k = await t.createGateway({ preset: 'kannel', credentials: { username: 'u', password: 'p' } });
    const m = await seedMessage(t.database.db, t.admin.accountId, k);
    const query = fixture(kannel.statusCallbacks, 0).query.replaceAll('msg_01JD0000000000000000000000', m.gatewayMessageId ?? '');
    const res = await callback(t.app, `/callbacks/${k}/${await callbackToken(t.database.db, k)}/status`, { method: 'GET', query });
    expect(res.statusCode).toBe(200);
    expect((await getMessageById(t.database.db, m.id))?.status).toBe('delivered');
  });

  describe('legacy postback paths', () => {
    it('/sms/status_postback/ identifies the gateway by ?gateway=&token= or basic auth', async () => {
      const a = await seedMessage(t.database.db, t.admin.accountId, gw);
      const res = await callback(t.app, '/sms/status_postback/', {
        ...delivered(a.gatewayMessageId ?? ''),
        query: new URLSearchParams({ gateway: gw, token }).toString(),
      });
      expect(res.statusCode).toBe(200);
      expect((await getMessageById(t.database.db, a.id))?.status).toBe('delivered');

      const b = await seedMessage(t.database.db, t.admin.accountId, gw);
      const basic = `Basic ${Buffer.from(`${gw}:${token}`).toString('base64')}`;
      const res2 = await callback(t.app, '/sms/status_postback', {
        ...delivered(b.gatewayMessageId ?? ''),
        headers: { authorization: basic },
      });
      expect(res2.statusCode).toBe(200);
      expect((await getMessageById(t.database.db, b.id))?.status).toBe('delivered');
    });

    it('refuses a legacy call without a gateway, or with a wrong token (401, no change)', async () => {
      const m = await seedMessage(t.database.db, t.admin.accountId, gw);
      const report = delivered(m.gatewayMessageId ?? '');
      for (const query of ['', `gateway=${gw}`, `gateway=${gw}&token=wrong`, `token=${token}`]) {
        expect((await callback(t.app, '/sms/status_postback/', { ...report, query })).statusCode).toBe(401);
      }
      const basic = `Basic ${Buffer.from(`${gw}:wrong`).toString('base64')}`;
      expect((await callback(t.app, '/sms/status_postback/', { ...report, headers: { authorization: basic } })).statusCode).toBe(401);
      await unchanged(m);
    });

    it('/sms/reply_postback/ stores the reply; a bad token stores nothing', async () => {
      const providerId = `sbx_in_${randomBytes(10).toString('hex')}`;
      const body = new URLSearchParams({ msisdn: '+447400123456', to: 'SMSGW', text: 'legacy hello', message_id: providerId }).toString();
      const form = 'application/x-www-form-urlencoded';
      expect(
        (await callback(t.app, '/sms/reply_postback/', { contentType: form, body, query: `gateway=${gw}&token=nope` })).statusCode,
      ).toBe(401);
      expect(await t.database.db.select().from(replies).where(eq(replies.providerId, providerId))).toHaveLength(0);
      const ok = await callback(t.app, '/sms/reply_postback/', { contentType: form, body, query: `gateway=${gw}&token=${token}` });
      expect(ok.statusCode).toBe(200);
      const stored = await t.database.db.select().from(replies).where(eq(replies.providerId, providerId));
      expect(stored.map((r) => r.content)).toEqual(['legacy hello']);
      expect(JSON.stringify(stored[0]?.raw)).not.toContain(token);
    });
  });
});
