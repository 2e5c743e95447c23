import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, statusReports } from '@smsgw/db';
import { BULL_BOARD_READ_ONLY_PATH, stripOutsideLinks } from '../src/plugins/bull-board.js';
import { CONSOLE_CSP } from '../src/plugins/console.js';
import { json, useTestApp } from './helpers.js';

const t = useTestApp();
let gw: string;
let readOnlyKey: string;
let noScopeKey: string;

beforeAll(async () => {
  gw = await t.createGateway();
  ({ key: readOnlyKey } = await createApiKey(t.database.db, { accountId: t.user.accountId, scopes: ['gateways:read', 'messages:read'] }));
  ({ key: noScopeKey } = await createApiKey(t.database.db, { accountId: t.user.accountId, scopes: ['replies:read'] }));
});

const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`x:${password}`).toString('base64')}` });

describe('/console', () => {
  it('serves its pages without a key, under a content security policy that allows only this origin', async () => {
    const redirect = await t.request({ method: 'GET', url: '/console', key: null });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/console/');
    const page = await t.request({ method: 'GET', url: '/console/', key: null });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    // No inline script: every script is a module file of this origin.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = await t.request({ method: 'GET', url: '/console/pages/send.js', key: null });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    const again = await t.request({
      method: 'GET',
      url: '/console/pages/send.js',
      key: null,
      headers: { 'if-none-match': String(script.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('404s what is not one of its files, the disk never read by a request path', async () => {
    for (const url of ['/console/nope.js', '/console/../package.json', '/console/%2e%2e/src/app.ts', '/console/pages']) {
      const res = await t.request({ method: 'GET', url, key: null });
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('GET /v1/messages/:id/timeline', () => {
  it("lists the message's events, reports, replies and webhook deliveries; another account's is 404", async () => {
    const sent = await t.request({
      method: 'POST',
      url: '/v1/messages',
      key: t.user.key,
      payload: { to: '+447400123456', content: 'hi', gateway: gw },
    });
    expect(sent.statusCode).toBe(202);
    const id = String(json(sent)['id']);
    // A report as stored, with the provider's raw body that the timeline must leave out.
    await t.database.db.insert(statusReports).values({
      gateway: gw,
      gatewayMessageId: 'gw-1',
      messageId: id,
      status: 'delivered',
      providerStatus: 'DELIVRD',
      state: 'recorded',
      raw: { to: '+447400123456' },
    });
    const res = await t.request({ method: 'GET', url: `/v1/messages/${id}/timeline`, key: t.user.key });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body['messageId']).toBe(id);
    expect((body['events'] as Array<{ type: string }>).map((e) => e.type)).toContain('accepted');
    expect(body['reports']).toEqual([expect.objectContaining({ gateway: gw, providerStatus: 'DELIVRD' })]);
    expect(body['reports']).toEqual([expect.not.objectContaining({ raw: expect.anything() })]);
    expect(body['replies']).toEqual([]);
    expect(Array.isArray(body['webhookDeliveries'])).toBe(true);

    const other = await t.request({ method: 'GET', url: `/v1/messages/${id}/timeline` });
    expect(other.statusCode).toBe(404);
    const noScope = await t.request({ method: 'GET', url: `/v1/messages/${id}/timeline`, key: noScopeKey });
    expect(noScope.statusCode).toBe(403);
  });
});

describe('GET /v1/gateway-health', () => {
  it("gives each gateway's queue depth, recent outcomes and last known balance", async () => {
    const res = await t.request({ method: 'GET', url: '/v1/gateway-health', key: readOnlyKey });
    expect(res.statusCode).toBe(200);
    const row = (json(res)['data'] as Array<Record<string, unknown>>).find((g) => g['name'] === gw);
    expect(row).toMatchObject({ enabled: true, balance: null, lastBalanceCheck: null, queue: { active: 0, failed: 0, paused: false } });
    // The message of the timeline test waits in this gateway's queue (no worker here).
    expect((row?.['queue'] as { waiting: number } | undefined)?.waiting).toBeGreaterThanOrEqual(1);
    expect(row?.['recent']).toEqual({});
  });

  it('needs gateways:read', async () => {
    expect((await t.request({ method: 'GET', url: '/v1/gateway-health', key: t.user.key })).statusCode).toBe(403);
  });
});

describe('Bull Board', () => {
  it('has no link to another origin in its page', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: basic(t.admin.key) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>smsgw</title>');
    expect(page.body).not.toContain('fonts.googleapis.com');
    expect(page.body).not.toMatch(/(href|src)=["']?(https?:)?\/\//);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(
      stripOutsideLinks('<link href="https://fonts.example/x.css" rel="stylesheet">\n<link href="static/a.css" rel="stylesheet">'),
    ).toBe('<link href="static/a.css" rel="stylesheet">');
  });

  it('sends a key that may read but not act to the read-only board, which refuses every action', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/queues/queue/webhooks?status=failed', headers: basic(readOnlyKey) });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe(`${BULL_BOARD_READ_ONLY_PATH}/queue/webhooks?status=failed`);
    const queues = await t.app.inject({ method: 'GET', url: `${BULL_BOARD_READ_ONLY_PATH}/api/queues`, headers: basic(readOnlyKey) });
    expect(queues.statusCode).toBe(200);
    const list = json(queues)['queues'] as Array<{ name: string; readOnlyMode: boolean }>;
    expect(list.find((q) => q.name === `send.${gw}`)?.readOnlyMode).toBe(true);
    for (const [base, key] of [
      [BULL_BOARD_READ_ONLY_PATH, readOnlyKey],
      [BULL_BOARD_READ_ONLY_PATH, t.admin.key],
      ['/admin/queues', readOnlyKey],
    ] as const) {
      const clean = await t.app.inject({ method: 'PUT', url: `${base}/api/queues/send.${gw}/clean/completed`, headers: basic(key) });
      expect(clean.statusCode, `${base} with ${key === readOnlyKey ? 'the read-only' : 'the admin'} key`).toBe(403);
    }
  });

  it('gives admins the full board, and asks again (401) a key that may not read queues', async () => {
    const queues = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: basic(t.admin.key) });
    expect(
      (json(queues)['queues'] as Array<{ name: string; readOnlyMode: boolean }>).find((q) => q.name === `send.${gw}`)?.readOnlyMode,
    ).toBe(false);
    const denied = await t.app.inject({ method: 'GET', url: BULL_BOARD_READ_ONLY_PATH, headers: basic(noScopeKey) });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Basic /);
  });
});
