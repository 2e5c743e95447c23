import { describe, expect, it } from 'vitest';
import { getGateway, getDefaultGateway, updateGateway } from '@smsgw/db';
import { decryptSecret, getPreset, presetNames } from '@smsgw/gateways';
import { onGatewaysChanged } from '@smsgw/queues';
import { eventually, redisUrl } from '../../../test/support/env.js';
import { json, uniqueGatewayName, useTestApp, type TestApp } from './helpers.js';

const t = useTestApp();

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'tok-super-secret-4c1f9e';

const post = (payload: Record<string, unknown>, app: TestApp = t) => app.request({ method: 'POST', url: '/v1/gateways', payload });
const patch = (name: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/v1/gateways/${name}`, payload });
const getOne = (name: string) => t.request({ method: 'GET', url: `/v1/gateways/${name}` });

describe('creating gateways', () => {
  it('creates from a preset; credentials are stored encrypted and only their names are ever shown', async () => {
    const name = uniqueGatewayName();
    const res = await post({ name, preset: 'twilio', credentials: { accountSid: SID, authToken: TOKEN }, settings: { from: 'ACME' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = json(res);
    expect(body).toMatchObject({
      name,
      preset: 'twilio',
      credentials: ['accountSid', 'authToken'],
      enabled: true,
      isDefault: false,
      version: 1,
    });

    const row = await getGateway(t.database.db, name);
    expect(row?.credentialsEncrypted).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(SID);
    expect(JSON.parse(decryptSecret(row?.credentialsEncrypted ?? '', t.config.encryptionKey))).toEqual({
      accountSid: SID,
      authToken: TOKEN,
    });

    const token = row?.callbackToken ?? '';
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(body['callbackUrls']).toEqual({
      status: `http://smsgw.test/callbacks/${name}/${token}/status`,
      reply: `http://smsgw.test/callbacks/${name}/${token}/reply`,
    });

    const list = await t.request({ method: 'GET', url: '/v1/gateways' });
    const one = await getOne(name);
    for (const r of [res, list, one]) {
      expect(r.body).not.toContain(TOKEN);
      expect(r.body).not.toContain(SID);
    }
    const listed = (json(list)['data'] as Array<Record<string, unknown>>).find((g) => g['name'] === name);
    expect(listed).toMatchObject({ credentials: ['accountSid', 'authToken'], callbackUrls: body['callbackUrls'] });
    expect(json(one)).toMatchObject({ name, callbackUrls: body['callbackUrls'] });
  });

  it('tells the workers (pub/sub) that gateways changed', async () => {
    let heard = 0;
    const stop = await onGatewaysChanged(redisUrl(), t.queues.prefix, () => void heard++);
    try {
      await t.createGateway();
      await eventually(async () => (heard > 0 ? true : undefined), 5000, 'gateways-changed notice');
    } finally {
      await stop();
    }
  });

  it('409 for a duplicate name, also when two creates race', async () => {
    const name = await t.createGateway();
    const res = await post({ name, preset: 'sandbox' });
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.code).toBe('gateway_exists');
    const raced = uniqueGatewayName();
    const both = await Promise.all([post({ name: raced, preset: 'sandbox' }), post({ name: raced, preset: 'sandbox' })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    await t.request({ method: 'DELETE', url: `/v1/gateways/${raced}` });
  });

  const refusals: Array<[string, () => Record<string, unknown>, number, string, string?]> = [
    ['an unknown preset', () => ({ preset: 'no-such-provider' }), 422, 'unknown_preset'],
    ['neither preset nor config', () => ({}), 422, 'invalid_gateway_config'],
    [
      'missing required credentials',
      () => ({ preset: 'twilio', credentials: { accountSid: SID } }),
      422,
      'missing_credentials',
      'authToken',
    ],
    [
      'an empty required credential',
      () => ({ preset: 'twilio', credentials: { accountSid: SID, authToken: '' } }),
      422,
      'missing_credentials',
      'authToken',
    ],
    [
      'a bad preset override',
      () => ({ preset: 'sandbox', config: { send: { method: 'DELETE' } } }),
      422,
      'invalid_gateway_config',
      'send.method',
    ],
    [
      'a custom config with a wrong field',
      () => ({ config: { ...structuredClone(getPreset('sandbox')), send: { ...getPreset('sandbox')?.send, method: 'FETCH' } } }),
      422,
      'invalid_gateway_config',
      'send.method',
    ],
    ['an unknown field', () => ({ preset: 'sandbox', colour: 'blue' }), 400, 'invalid_request'],
    ['a bad rate limit', () => ({ preset: 'sandbox', rateLimit: { max: 0, intervalMs: 1000 } }), 400, 'invalid_request'],
    ['a non-http base URL', () => ({ preset: 'sandbox', settings: { baseUrl: 'file:///etc/passwd' } }), 422, 'gateway_url_not_allowed'],
    [
      'credentials in the base URL',
      () => ({ preset: 'sandbox', settings: { baseUrl: 'http://u:p@example.com' } }),
      422,
      'gateway_url_not_allowed',
    ],
  ];

  it.each(refusals)('refuses %s', async (_what, body, status, code, names) => {
    const name = uniqueGatewayName();
    const res = await post({ name, ...body() });
    expect(res.statusCode, res.body).toBe(status);
    expect(json(res).error?.code).toBe(code);
    if (names) expect(json(res).error?.message).toContain(names);
    expect(await getGateway(t.database.db, name)).toBeUndefined();
  });

  it.each(presetNames())('adds a %s gateway given its credentials', async (preset) => {
    const credentials = Object.fromEntries((getPreset(preset)?.credentials ?? []).map((c) => [c.name, `${c.name}-value`]));
    const name = await t.createGateway({ preset, credentials, settings: {} });
    expect(json(await getOne(name))['credentials']).toEqual(Object.keys(credentials).sort());
  });

  it('refuses NUL characters in settings, and %00 in a gateway URL, with a 400', async () => {
    const res = await post({ name: uniqueGatewayName(), preset: 'sandbox', settings: { senderId: 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect((await getOne('gw%00x')).statusCode).toBe(400);
  });

  it.each(['GW-Upper', '-leading', 'has space', 'a'.repeat(64), 'dot.ted'])('refuses the name %j', async (name) => {
    const res = await post({ name, preset: 'sandbox' });
    expect(res.statusCode).toBe(400);
  });
});

describe('changing and removing gateways', () => {
  it('PATCH merges settings and credentials, null removes, rateLimit sets and clears, version bumps', async () => {
    const name = await t.createGateway({ credentials: { apiKey: 'k-one' }, settings: { baseUrl: 'http://127.0.0.1:9', region: 'eu' } });
    let res = await patch(name, { settings: { region: null, senderId: 'ACME' }, credentials: { extra: 'k-two' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({
      settings: { baseUrl: 'http://127.0.0.1:9', senderId: 'ACME' },
      credentials: ['apiKey', 'extra'],
      version: 2,
    });
    expect(json(res)['settings']).not.toHaveProperty('region');

    res = await patch(name, { credentials: { apiKey: null }, rateLimit: { max: 10, intervalMs: 1000 } });
    expect(json(res)).toMatchObject({ credentials: ['extra'], rateLimit: { max: 10, intervalMs: 1000, perSegment: false }, version: 3 });
    const row = await getGateway(t.database.db, name);
    expect(JSON.parse(decryptSecret(row?.credentialsEncrypted ?? '', t.config.encryptionKey))).toEqual({ extra: 'k-two' });

    res = await patch(name, { rateLimit: null, priority: 5 });
    expect(json(res)).toMatchObject({ rateLimit: null, priority: 5, version: 4 });
    expect(res.body).not.toContain('k-two');
  });

  it('a refused PATCH changes nothing', async () => {
    const name = await t.createGateway({ preset: 'twilio', credentials: { accountSid: SID, authToken: TOKEN }, settings: {} });
    const res = await patch(name, { credentials: { authToken: null } });
    expect(res.statusCode).toBe(422);
    expect(json(res).error?.code).toBe('missing_credentials');
    expect(json(await getOne(name))).toMatchObject({ version: 1, credentials: ['accountSid', 'authToken'] });
    expect((await patch(name, { name: 'renamed' })).statusCode).toBe(400);
    expect((await patch(name, { config: { send: { body: 'xml' } } })).statusCode).toBe(422);
  });

  it('disabling takes effect on the next message at once', async () => {
    const name = await t.createGateway();
    const message = { to: '+447400123456', content: 'x', gateway: name };
    expect((await t.request({ method: 'POST', url: '/v1/messages', payload: message })).statusCode).toBe(202);
    expect((await patch(name, { enabled: false })).statusCode).toBe(200);
    const res = await t.request({ method: 'POST', url: '/v1/messages', payload: message });
    expect(json(res).error?.code).toBe('gateway_disabled');
  });

  it('isDefault moves the default to the patched gateway', async () => {
    const previous = await getDefaultGateway(t.database.db);
    try {
      const a = await t.createGateway({ isDefault: true });
      const b = await t.createGateway();
      expect(json(await getOne(a))['isDefault']).toBe(true);
      const res = await patch(b, { isDefault: true });
      expect(json(res)).toMatchObject({ isDefault: true, version: 2 });
      expect(json(await getOne(a))['isDefault']).toBe(false);
      expect((await getDefaultGateway(t.database.db))?.name).toBe(b);
    } finally {
      // The default is shared by every test file: give it back.
      if (previous && (await getGateway(t.database.db, previous.name)))
        await updateGateway(t.database.db, previous.name, { isDefault: true });
    }
  });

  it('DELETE answers 204, then the gateway is gone', async () => {
    const name = await t.createGateway();
    const del = await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await getOne(name)).statusCode).toBe(404);
    expect((await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` })).statusCode).toBe(404);
    expect((await patch(name, { enabled: true })).statusCode).toBe(404);
    const res = await t.request({ method: 'POST', url: '/v1/messages', payload: { to: '+447400123456', content: 'x', gateway: name } });
    expect(json(res).error?.code).toBe('unknown_gateway');
  });
});

describe('GET /v1/presets', () => {
  it('lists every preset with the credentials it needs', async () => {
    // The catalog needs gateways:read (the admin key here); auth.test.ts checks the 403 for others.
    const res = await t.request({ method: 'GET', url: '/v1/presets' });
    expect(res.statusCode).toBe(200);
    const data = json(res)['data'] as Array<{ name: string; credentials: Array<{ name: string; required: boolean }> }>;
    expect(data.map((p) => p.name).sort()).toEqual(presetNames().sort());
    expect(data.length).toBeGreaterThanOrEqual(10);
    for (const p of data) expect(Array.isArray(p.credentials), p.name).toBe(true);
    const twilio = data.find((p) => p.name === 'twilio');
    expect(
      twilio?.credentials
        .filter((c) => c.required)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['accountSid', 'authToken']);
    expect(data.find((p) => p.name === 'sandbox')?.credentials).toEqual([expect.objectContaining({ name: 'apiKey', required: false })]);
  });
});
