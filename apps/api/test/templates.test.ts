import { beforeAll, describe, expect, it } from 'vitest';
import { json, useTestApp, type TestApp } from './helpers.js';

const TO = '+447400123456';

const send = (t: TestApp, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/messages', key: t.user.key, payload });
const tpl = (t: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  t.request({ method, url, key: t.user.key, ...(payload ? { payload } : {}) });

describe('named templates', () => {
  const t = useTestApp();
  let gw: string;
  beforeAll(async () => {
    gw = await t.createGateway();
  });

  it('creates version 1, measures it, and refuses a taken name or a bad tag', async () => {
    const res = await tpl(t, 'POST', '/v1/templates', { name: 'otp', body: 'Your {{ app }} code is {{ code }}', description: 'codes' });
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({
      name: 'otp',
      description: 'codes',
      latestVersion: 1,
      version: { version: 1, variables: ['app', 'code'], encoding: 'gsm7', segments: 1 },
    });
    const again = await tpl(t, 'POST', '/v1/templates', { name: 'otp', body: 'x' });
    expect(again.statusCode).toBe(409);
    expect(json(again).error?.code).toBe('template_exists');
    const bad = await tpl(t, 'POST', '/v1/templates', { name: 'broken', body: 'Hi {{ name | nosuchfilter }}' });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).error?.code).toBe('template_error');
    const badName = await tpl(t, 'POST', '/v1/templates', { name: 'otp@2', body: 'x' });
    expect(badName.statusCode).toBe(400);
  });

  it('makes a new version of a new body, keeps the old one, and lists them', async () => {
    const patched = await tpl(t, 'PATCH', '/v1/templates/otp', { body: '{{ code }} is your {{ app }} code' });
    expect(patched.statusCode).toBe(200);
    expect(json(patched)).toMatchObject({
      latestVersion: 2,
      description: 'codes',
      version: { version: 2, body: '{{ code }} is your {{ app }} code' },
    });
    const described = await tpl(t, 'PATCH', '/v1/templates/otp', { description: 'login codes' });
    expect(json(described)).toMatchObject({ latestVersion: 2, description: 'login codes' });

    const versions = json(await tpl(t, 'GET', '/v1/templates/otp/versions'))['data'] as { version: number; body: string }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await tpl(t, 'GET', '/v1/templates/otp/versions/1');
    expect(json(v1)).toMatchObject({ latestVersion: 2, version: { version: 1, body: 'Your {{ app }} code is {{ code }}' } });
    expect((await tpl(t, 'GET', '/v1/templates/otp/versions/9')).statusCode).toBe(404);
    expect(json(await tpl(t, 'GET', '/v1/templates/otp'))).toMatchObject({ version: { version: 2 } });
    const list = json(await tpl(t, 'GET', '/v1/templates'))['data'] as { name: string }[];
    expect(list.map((x) => x.name)).toContain('otp');
  });

  it('sends by name (the latest), by name@version and by version, and records the version used', async () => {
    const vars = { app: 'ACME', code: '123456' };
    const latest = await send(t, { to: TO, gateway: gw, template: { name: 'otp', vars } });
    expect(latest.statusCode).toBe(202);
    expect(json(latest)).toMatchObject({
      content: '123456 is your ACME code',
      metadata: { smsgw: { template: { name: 'otp', version: 2 } } },
    });

    const pinned = await send(t, { to: TO, gateway: gw, template: { name: 'otp@1', vars } });
    expect(json(pinned)).toMatchObject({
      content: 'Your ACME code is 123456',
      metadata: { smsgw: { template: { name: 'otp', version: 1 } } },
    });

    const byField = await send(t, { to: TO, gateway: gw, template: { name: 'otp', version: 1, vars } });
    expect(json(byField)['content']).toBe('Your ACME code is 123456');

    // The version stays on the message as read back.
    const read = json(await t.request({ method: 'GET', url: `/v1/messages/${String(json(pinned)['id'])}`, key: t.user.key }));
    expect(read['metadata']).toEqual({ smsgw: { template: { name: 'otp', version: 1 } } });
  });

  it('sends by name in a batch', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v1/messages/batch',
      key: t.user.key,
      payload: { messages: [{ to: TO, gateway: gw, template: { name: 'otp', vars: { app: 'A', code: '1' } } }] },
    });
    expect(res.statusCode).toBe(202);
    const items = json(res)['data'] as { message?: { content: string } }[];
    expect(items[0]?.message?.content).toBe('1 is your A code');
  });

  it('answers 422 naming a missing variable, and stores nothing', async () => {
    const before = await t.messageCount(t.user.accountId);
    const res = await send(t, { to: TO, gateway: gw, template: { name: 'otp', vars: { app: 'ACME' } } });
    expect(res.statusCode).toBe(422);
    expect(json(res).error).toMatchObject({ code: 'template_error', message: expect.stringContaining('"code"') });
    expect((json(res).error as { details?: unknown }).details).toEqual({ variable: 'code' });
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('answers 422 unknown_template for an unknown name or version, and another account cannot use it', async () => {
    for (const template of [{ name: 'nope' }, { name: 'otp@7' }, { name: 'otp', version: 7 }]) {
      const res = await send(t, { to: TO, gateway: gw, template: { ...template, vars: {} } });
      expect(res.statusCode, JSON.stringify(template)).toBe(422);
      expect(json(res).error?.code).toBe('unknown_template');
    }
    const other = await t.request({
      method: 'POST',
      url: '/v1/messages',
      payload: { to: TO, gateway: gw, template: { name: 'otp', vars: { app: 'A', code: '1' } } },
    });
    expect(json(other).error?.code).toBe('unknown_template');
    expect((await t.request({ method: 'GET', url: '/v1/templates/otp' })).statusCode).toBe(404);
  });

  it('previews a render with its segments', async () => {
    const res = await tpl(t, 'POST', '/v1/templates/otp/render', { vars: { app: 'Café ☕', code: '42' }, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      template: { name: 'otp', version: 1 },
      content: 'Your Café ☕ code is 42',
      encoding: 'ucs2',
      segments: 1,
    });
    const missing = await tpl(t, 'POST', '/v1/templates/otp/render', { vars: {} });
    expect(missing.statusCode).toBe(422);
    expect((json(missing).error as { details?: unknown }).details).toEqual({ variable: 'code' });
  });

  it('deletes a template: sends by it fail, old messages keep their note, the name is free again', async () => {
    expect((await tpl(t, 'DELETE', '/v1/templates/otp')).statusCode).toBe(204);
    expect((await tpl(t, 'DELETE', '/v1/templates/otp')).statusCode).toBe(404);
    const res = await send(t, { to: TO, gateway: gw, template: { name: 'otp', vars: { app: 'A', code: '1' } } });
    expect(json(res).error?.code).toBe('unknown_template');
    const again = await tpl(t, 'POST', '/v1/templates', { name: 'otp', body: 'New {{ code }}' });
    expect(json(again)).toMatchObject({ latestVersion: 1, version: { version: 1 } });
    const sent = await send(t, { to: TO, gateway: gw, template: { name: 'otp', vars: { code: '9' } } });
    expect(json(sent)['content']).toBe('New 9');
  });
});
