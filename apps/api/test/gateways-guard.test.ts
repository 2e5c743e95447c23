import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getGateway } from '@smsgw/db';
import { getPreset } from '@smsgw/gateways';
import { json, uniqueGatewayName, useTestApp, type TestApp } from './helpers.js';

const t = useTestApp();

const post = (payload: Record<string, unknown>, app: TestApp = t) => app.request({ method: 'POST', url: '/v1/gateways', payload });
const patch = (name: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/v1/gateways/${name}`, payload });

describe('SSRF guard (SMSGW_ALLOW_PRIVATE_GATEWAYS unset)', () => {
  const strict = useTestApp({ SMSGW_ALLOW_PRIVATE_GATEWAYS: undefined });

  it.each([
    'http://127.0.0.1:4010',
    'http://169.254.169.254',
    'http://[::ffff:127.0.0.1]',
    'http://2130706433',
    'http://0x7f.1',
    'http://[::1]:8080',
    'http://10.1.2.3',
    'http://192.168.0.10',
    'http://localhost:4010',
    'http://[fd00::1]',
  ])('refuses baseUrl %s', async (baseUrl) => {
    const name = uniqueGatewayName();
    const res = await post({ name, preset: 'sandbox', settings: { baseUrl } }, strict);
    expect(res.statusCode, res.body).toBe(422);
    expect(json(res).error?.code).toBe('gateway_url_not_allowed');
    expect(await getGateway(strict.database.db, name)).toBeUndefined();
  });

  it("refuses a preset whose default base URL is private (kannel's localhost)", async () => {
    const res = await post({ name: uniqueGatewayName(), preset: 'kannel', credentials: { username: 'u', password: 'p' } }, strict);
    expect(res.statusCode).toBe(422);
    expect(json(res).error?.code).toBe('gateway_url_not_allowed');
  });

  it('refuses a custom config whose send URL is private without using baseUrl', async () => {
    const config = structuredClone(getPreset('sandbox'));
    if (!config) throw new Error('no sandbox preset');
    config.settings = {};
    config.send.url = 'http://169.254.169.254/latest/meta-data';
    const res = await post({ name: uniqueGatewayName(), config }, strict);
    expect(res.statusCode, res.body).toBe(422);
    expect(json(res).error?.code).toBe('gateway_url_not_allowed');
  });

  it('accepts a public address, and refuses a PATCH to a private one', async () => {
    // Stored disabled and deleted before the test ends: a gateway at a public address must never
    // be left for a sender or a balance refresh to call (the loopback guard would fail that test).
    const name = await strict.createGateway({ settings: { baseUrl: 'https://93.184.216.34' }, enabled: false });
    try {
      const res = await strict.request({
        method: 'PATCH',
        url: `/v1/gateways/${name}`,
        payload: { settings: { baseUrl: 'http://127.0.0.1' } },
      });
      expect(res.statusCode).toBe(422);
      expect(json(res).error?.code).toBe('gateway_url_not_allowed');
      expect((await getGateway(strict.database.db, name))?.settings['baseUrl']).toBe('https://93.184.216.34');
    } finally {
      await strict.request({ method: 'DELETE', url: `/v1/gateways/${name}` });
    }
    expect(await getGateway(strict.database.db, name)).toBeUndefined();
  });
});

describe('robustness', () => {
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('http://127.0.0.1:9', 'https://[::1', '{{x}}', ''),
  );
  const loose = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.jsonValue());
  const config = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        send: loose(
          fc.record(
            { method: loose(text), url: loose(text), body: loose(text), unicode: fc.jsonValue(), maxSegments: fc.jsonValue() },
            { requiredKeys: [] },
          ),
        ),
        response: fc.jsonValue(),
        credentials: fc.jsonValue(),
        settings: fc.jsonValue(),
        statusCallback: fc.jsonValue(),
      },
      { requiredKeys: [] },
    ),
  );
  const body = fc.record(
    {
      preset: loose(fc.constantFrom('sandbox', 'twilio', 'nope')),
      config,
      credentials: loose(fc.dictionary(fc.string(), loose(text))),
      settings: loose(fc.dictionary(fc.constantFrom('baseUrl', 'from', 'x'), loose(text))),
      enabled: fc.jsonValue(),
      isDefault: fc.constant(false),
      rateLimit: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx to a create or a PATCH, whatever the body', async () => {
    const existing = await t.createGateway();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const name = uniqueGatewayName();
        const created = await post({ name, ...b });
        expect(created.statusCode, created.body).toBeLessThan(500);
        if (created.statusCode === 201) await t.request({ method: 'DELETE', url: `/v1/gateways/${name}` });
        const patched = await patch(existing, b);
        expect(patched.statusCode, patched.body).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
