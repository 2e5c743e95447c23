import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startHarness, uniqueName, type Harness } from '../../apps/worker/test/harness.js';
import { startFakeProvider, type FakeProvider } from './fake-provider.js';

/**
 * Migrating from django-sms-gateway, end to end: the original's example gateways (its own
 * fixture, Clickatell and SMS Global) imported through the API, a message sent through each by
 * the real workers to a fake provider answering as the original expected, then delivery reports
 * posted to the legacy `/sms/status_postback/` path with the fields the original's postback read
 * — the provider's id, its status code and its date — and a reply to `/sms/reply_postback/`.
 */

const ROWS = JSON.parse(
  readFileSync(new URL('../../packages/gateways/test/fixtures/django-example-gateways.json', import.meta.url), 'utf8'),
) as unknown[];
const TO = '+447400123456';

const importSchema = z.object({
  created: z.number(),
  data: z.array(
    z.object({ name: z.string(), created: z.boolean(), gateway: z.object({ callbackUrls: z.object({ status: z.string() }) }) }),
  ),
});

/** The token of a gateway, from the callback URL the import answered with (`…/callbacks/<name>/<token>/status`). */
const tokenOf = (statusUrl: string): string => statusUrl.split('/').at(-2) ?? '';

/** `yyMMddHHmm` in UTC, SMS Global's donedate. */
const donedate = (d: Date): string => d.toISOString().slice(2, 16).replace(/[-T:]/g, '');

describe('gateways imported from django-sms-gateway', () => {
  let h: Harness;
  let fake: FakeProvider;
  const names = { clickatell: uniqueName('dj-clickatell'), smsglobal: uniqueName('dj-smsglobal') };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    [h, fake] = await Promise.all([startHarness({ databaseLabel: 'django-import' }), startFakeProvider()]);
    // The answers the original's success_format patterns were written for.
    fake.serve('clickatell', { status: 200, headers: { 'content-type': 'text/html' }, body: 'ID: 996411ad91fa211e7d17bc873aa4a41d' });
    fake.serve('smsglobal', {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: 'OK: 0; Sent queued message ID: 86b1a945370734f4 SMSGlobalMsgID:6942744494999745\r\n',
    });
    const res = await h.api('POST', '/v1/gateways/import/django', {
      rows: ROWS,
      overrides: {
        Clickatell: { name: names.clickatell, settings: { baseUrl: `${fake.url}/clickatell` } },
        'SMS Global': { name: names.smsglobal, settings: { baseUrl: `${fake.url}/smsglobal` } },
      },
    });
    expect(res.status).toBe(200);
    const body = importSchema.parse(res.json);
    expect(body.created).toBe(2);
    for (const item of body.data) tokens[item.name] = tokenOf(item.gateway.callbackUrls.status);
    await h.runtime.sync();
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('Clickatell: sends the form the original sent, stores the id from "ID: …", and applies a GET postback', async () => {
    const msg = await h.send({ to: TO, content: 'Hello from Django', gateway: names.clickatell });
    const sent = await h.waitFor(msg.id, 'sent');
    expect(sent.gatewayMessageId).toBe('996411ad91fa211e7d17bc873aa4a41d');
    const [req] = fake.requests('clickatell');
    expect([req?.method, req?.path]).toEqual(['POST', '/clickatell/http/sendmsg']);
    expect(Object.fromEntries(new URLSearchParams(req?.body ?? ''))).toEqual({
      api_id: 'YOUR_API_ID',
      user: 'YOUR_USER',
      password: 'YOUR_PASSWORD',
      from: 'YOUR_SENDER',
      concat: '3',
      to: '447400123456',
      text: 'Hello from Django',
      climsgid: msg.id,
    });

    // The original's status postback: GET with apiMsgId, status (mapped 004 → Delivered) and a unix timestamp.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const query = new URLSearchParams({
      gateway: names.clickatell,
      token: tokens[names.clickatell] ?? '',
      api_id: '12345',
      apiMsgId: '996411ad91fa211e7d17bc873aa4a41d',
      cliMsgId: msg.id,
      timestamp: String(at.getTime() / 1000),
      to: '447400123456',
      status: '004',
    });
    const res = await fetch(`${h.apiUrl}/sms/status_postback/?${query.toString()}`);
    expect([res.status, await res.text()]).toEqual([200, 'OK']);
    const delivered = await h.waitFor(msg.id, 'delivered');
    expect(delivered.deliveredAt?.toISOString()).toBe(at.toISOString());
    const report = (await h.events(msg.id)).find((e) => e.type === 'report');
    expect(report?.detail).toMatchObject({ providerStatus: '004', errorCode: '004' });
  });

  it('SMS Global: reads the id before the carriage return, applies a postback with basic auth, and takes a reply', async () => {
    const msg = await h.send({ to: TO, content: 'Table for two?', gateway: names.smsglobal });
    expect((await h.waitFor(msg.id, 'sent')).gatewayMessageId).toBe('6942744494999745');
    const [req] = fake.requests('smsglobal');
    expect(Object.fromEntries(new URLSearchParams(req?.body ?? ''))).toMatchObject({
      action: 'sendsms',
      to: '447400123456',
      text: 'Table for two?',
      userfield: msg.id,
    });

    // The legacy path also takes the gateway as basic auth: http://<name>:<token>@host/sms/status_postback/.
    const auth = `Basic ${Buffer.from(`${names.smsglobal}:${tokens[names.smsglobal] ?? ''}`).toString('base64')}`;
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const query = new URLSearchParams({ msgid: '6942744494999745', dlrstatus: 'DELIVRD', dlr_err: '000', donedate: donedate(at) });
    const res = await fetch(`${h.apiUrl}/sms/status_postback/?${query.toString()}`, { headers: { authorization: auth } });
    expect([res.status, await res.text()]).toEqual([200, 'OK']);
    expect((await h.waitFor(msg.id, 'delivered')).deliveredAt?.toISOString()).toBe(at.toISOString());

    const reply = new URLSearchParams({
      from: '447400123456',
      to: '61447100250',
      msg: 'Yes please',
      userfield: msg.id,
      date: '2013-11-25 14:31:00',
    });
    const replied = await fetch(`${h.apiUrl}/sms/reply_postback/?${reply.toString()}`, { headers: { authorization: auth } });
    expect(replied.status).toBe(200);
    const detail = await h.api('GET', `/v1/messages/${msg.id}`);
    expect(detail.json['replies']).toMatchObject([{ content: 'Yes please' }]);
  });

  it('a postback for an id nobody sent is answered OK (the provider stops retrying) and changes nothing', async () => {
    const query = new URLSearchParams({
      gateway: names.clickatell,
      token: tokens[names.clickatell] ?? '',
      apiMsgId: 'nobody-sent-this',
      status: '004',
      timestamp: '1218007874',
    });
    const res = await fetch(`${h.apiUrl}/sms/status_postback/?${query.toString()}`);
    expect(res.status).toBe(200);
  });
});
