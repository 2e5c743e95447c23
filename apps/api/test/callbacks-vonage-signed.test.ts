import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMessageById } from '@smsgw/db';
import { buildTestApp, type TestApp } from './helpers.js';
import { callback, callbackToken, seedMessage } from './callbacks-fixtures.js';

const SIGNATURE_SECRET = 'vonage-signature-secret';

/** Vonage's recipe: sorted `&k=v` (with & and = in values as _), HMAC-SHA256 keyed by the signature secret. */
function signed(params: Record<string, string>): string {
  const base = Object.keys(params)
    .sort()
    .map((k) => `&${k}=${(params[k] ?? '').replace(/[&=]/g, '_')}`)
    .join('');
  return new URLSearchParams({
    ...params,
    sig: createHmac('sha256', SIGNATURE_SECRET).update(base).digest('hex').toUpperCase(),
  }).toString();
}

describe('the vonage preset with signed webhooks turned on by a config override (README recipe)', () => {
  let t: TestApp;
  let gw: string;
  let path: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const signature = { scheme: 'vonage-sms', secret: '{{credentials.signatureSecret}}', algorithm: 'sha256' };
    gw = await t.createGateway({
      preset: 'vonage',
      credentials: { apiKey: 'k', apiSecret: 's', signatureSecret: SIGNATURE_SECRET },
      settings: { baseUrl: 'http://127.0.0.1:9' },
      config: { statusCallback: { signature }, replyCallback: { signature } },
    });
    path = `/callbacks/${gw}/${await callbackToken(t.database.db, gw)}/status`;
  });
  afterAll(async () => t?.close());

  it('a signed delivery receipt is applied; unsigned or forged ones are refused with 403 and change nothing', async () => {
    const message = await seedMessage(t.database.db, t.user.accountId, gw, { status: 'sent', gatewayMessageId: '0A00000012345678' });
    const dlr = {
      messageId: '0A00000012345678',
      msisdn: message.to.replace('+', ''),
      status: 'delivered',
      'err-code': '0',
      'message-timestamp': '2026-11-26 09:59:58',
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    expect((await callback(t.app, path, { method: 'GET', query: new URLSearchParams(dlr).toString() })).statusCode).toBe(403);
    const forged = signed(dlr).replace('status=delivered', 'status=failed');
    expect((await callback(t.app, path, { method: 'GET', query: forged })).statusCode).toBe(403);
    expect((await getMessageById(t.database.db, message.id))?.status).toBe('sent');

    const ok = await callback(t.app, path, { method: 'GET', query: signed(dlr) });
    expect(ok.statusCode).toBe(200);
    expect((await getMessageById(t.database.db, message.id))?.status).toBe('delivered');
  });
});
