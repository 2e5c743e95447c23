import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueStatusWebhook } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { seedMessage } from './callbacks-fixtures.js';

describe('account webhook settings', () => {
  let t: TestApp;
  let strict: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    // Private webhook targets not allowed (the production default), while private gateways are:
    // a sandbox gateway on loopback must not open the internal network to every account's webhooks.
    strict = await buildTestApp({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: undefined });
  });
  afterAll(async () => {
    await t.close();
    await strict.close();
  });

  it('GET /v1/account shows the account its own webhook secret', async () => {
    const res = await t.request({ method: 'GET', url: '/v1/account', key: t.user.key });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      id: t.user.accountId,
      webhookUrl: null,
      webhookSecret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]+$/),
    });
    expect((await t.request({ method: 'GET', url: '/v1/account', key: null })).statusCode).toBe(401);
  });

  it('PATCH /v1/account sets and clears the default URL, and rotates the secret', async () => {
    const before = json(await t.request({ method: 'GET', url: '/v1/account', key: t.user.key }));
    const set = await t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload: { webhookUrl: 'http://127.0.0.1:9/in' } });
    expect(json(set)).toMatchObject({ webhookUrl: 'http://127.0.0.1:9/in', webhookSecret: before['webhookSecret'] });
    const rotated = json(await t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload: { rotateWebhookSecret: true } }));
    expect(rotated['webhookSecret']).not.toBe(before['webhookSecret']);
    expect(rotated['webhookUrl']).toBe('http://127.0.0.1:9/in');
    const cleared = json(await t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload: { webhookUrl: null } }));
    expect(cleared['webhookUrl']).toBeNull();
    for (const payload of [{ webhookUrl: 'ftp://example.com/x' }, { webhookUrl: 'not a url' }, { other: true }]) {
      expect((await t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload })).statusCode).toBe(400);
    }
  });

  it('refuses a private webhook address unless SMSGW_ALLOW_PRIVATE_WEBHOOKS (SMSGW_ALLOW_PRIVATE_GATEWAYS does not count)', async () => {
    expect(strict.config).toMatchObject({ allowPrivateGateways: true, allowPrivateWebhooks: false });
    for (const webhookUrl of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://10.1.2.3/x']) {
      const res = await strict.request({ method: 'PATCH', url: '/v1/account', key: strict.user.key, payload: { webhookUrl } });
      expect(res.statusCode, webhookUrl).toBe(422);
      expect(json(res).error?.code).toBe('webhook_url_not_allowed');
    }
  });

  it('GET /v1/webhook-deliveries lists the account’s own deliveries only', async () => {
    await t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload: { webhookUrl: 'http://127.0.0.1:9/in' } });
    const gw = await t.createGateway();
    const m = await seedMessage(t.database.db, t.user.accountId, gw);
    const id = await enqueueStatusWebhook(t.database.db, { enqueueWebhook: async () => undefined }, m);
    const own = json(await t.request({ method: 'GET', url: `/v1/webhook-deliveries?messageId=${m.id}`, key: t.user.key }));
    expect(own['data']).toEqual([
      expect.objectContaining({ id, eventType: 'message.status', state: 'pending', attempts: 0, messageId: m.id }),
    ]);
    const other = json(await t.request({ method: 'GET', url: `/v1/webhook-deliveries?messageId=${m.id}` }));
    expect(other['data']).toEqual([]);
    expect((await t.request({ method: 'GET', url: '/v1/webhook-deliveries?state=lost', key: t.user.key })).statusCode).toBe(400);
  });
});
