import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteGateway, getGateway } from '@smsgw/db';
import { json, uniqueGatewayName, useTestApp } from './helpers.js';

// The original's example gateways (Clickatell and SMS Global) as `dumpdata` wrote them.
const ROWS = JSON.parse(
  readFileSync(new URL('../../../packages/gateways/test/fixtures/django-example-gateways.json', import.meta.url), 'utf8'),
) as unknown[];

const t = useTestApp();
// Created by the import, not by POST /v1/gateways: the helper does not know to delete them.
const imported = new Set<string>();
afterAll(async () => {
  for (const name of imported) await deleteGateway(t.database.db, name);
});

interface Item {
  index: number;
  name: string | null;
  created: boolean;
  credentials: string[];
  config: Record<string, unknown> | null;
  settings: Record<string, unknown> | null;
  suggestedPreset: string | null;
  error: { code: string; message: string } | null;
  report: { field: string; outcome: string }[];
  gateway: { name: string; callbackUrls: { status: string } } | null;
}
const importDjango = async (payload: Record<string, unknown>, key = t.admin.key) => {
  const res = await t.request({ method: 'POST', url: '/v1/gateways/import/django', key, payload });
  const body = res.json<{ dryRun: boolean; created: number; data: Item[]; skipped: unknown[] }>();
  for (const item of body.data ?? []) if (item.created && item.name !== null) imported.add(item.name);
  return { res, body };
};

describe('POST /v1/gateways/import/django', () => {
  it('a dry run converts, checks and reports, and creates nothing', async () => {
    const { res, body } = await importDjango({ rows: ROWS, dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(body).toMatchObject({ dryRun: true, created: 0, skipped: [] });
    expect(body.data.map((i) => [i.name, i.created, i.error, i.suggestedPreset])).toEqual([
      ['clickatell', false, null, 'clickatell'],
      ['sms-global', false, null, 'smsglobal'],
    ]);
    expect(body.data[0]?.credentials).toEqual(['api_id', 'password', 'user']);
    expect(JSON.stringify(body)).not.toContain('YOUR_PASSWORD');
    expect(body.data[1]?.config).toMatchObject({
      send: { url: '{{settings.baseUrl}}/http-api.php' },
      statusCallback: { messageId: 'msgid' },
    });
    expect(body.data[0]?.report.find((r) => r.field === 'reply_date_format')?.outcome).toBe('not_carried');
    expect(await getGateway(t.database.db, 'clickatell')).toBeUndefined();
  });

  it('creates each gateway as POST /v1/gateways would, with the overrides, and never twice', async () => {
    const names = { Clickatell: uniqueGatewayName(), 'SMS Global': uniqueGatewayName() };
    const overrides = {
      Clickatell: { name: names.Clickatell, credentials: { password: 'the-real-one' }, settings: { baseUrl: 'http://127.0.0.1:9' } },
      'SMS Global': { name: names['SMS Global'], enabled: false },
    };
    const { res, body } = await importDjango({ rows: ROWS, overrides, timezone: 'Australia/Adelaide' });
    expect(res.statusCode).toBe(200);
    expect(body.created).toBe(2);
    expect(body.data.map((i) => [i.name, i.created, i.error])).toEqual([
      [names.Clickatell, true, null],
      [names['SMS Global'], true, null],
    ]);
    expect(body.data[0]?.gateway?.callbackUrls.status).toMatch(new RegExp(`/callbacks/${names.Clickatell}/[^/]+/status$`));
    const view = json(await t.request({ method: 'GET', url: `/v1/gateways/${names.Clickatell}` }));
    expect(view).toMatchObject({
      preset: null,
      settings: { baseUrl: 'http://127.0.0.1:9', from: 'YOUR_SENDER' },
      credentials: ['api_id', 'password', 'user'],
      enabled: true,
    });
    expect(json(await t.request({ method: 'GET', url: `/v1/gateways/${names['SMS Global']}` }))).toMatchObject({
      enabled: false,
      config: { statusCallback: { timestamp: { format: '%y%m%d%H%M', timezone: 'Australia/Adelaide' } } },
    });

    const again = await importDjango({ rows: ROWS, overrides });
    expect(again.body.created).toBe(0);
    expect(again.body.data.map((i) => i.error?.code)).toEqual(['gateway_exists', 'gateway_exists']);
  });

  it('reports entries it cannot convert on their own, and skips other models', async () => {
    const rows = [
      { model: 'sms.message', pk: 1, fields: {} },
      { model: 'sms.gateway', pk: 3, fields: { name: 'Broken', base_url: 'not a url' } },
    ];
    const { res, body } = await importDjango({ rows, dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(body.skipped).toEqual([{ index: 0, model: 'sms.message' }]);
    expect(body.data).toMatchObject([
      { index: 1, name: null, created: false, error: { code: 'invalid_gateway_config', message: expect.stringMatching(/base_url/) } },
    ]);
  });

  it('is for admin keys (403), and checks its body (400)', async () => {
    expect((await importDjango({ rows: ROWS, dryRun: true }, t.user.key)).res.statusCode).toBe(403);
    for (const payload of [
      { rows: [] },
      { rows: ROWS, extra: 1 },
      { rows: ROWS, timezone: 'Mars/Olympus' },
      { rows: ROWS, overrides: { Clickatell: { name: 'Not Valid' } } },
    ]) {
      const { res } = await importDjango(payload);
      expect([res.statusCode, json(res).error?.code], JSON.stringify(payload)).toEqual([400, 'invalid_request']);
    }
  });
});
