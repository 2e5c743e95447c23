import { describe, expect, it } from 'vitest';
import { buildTestApp, json, uniqueGatewayName, useTestApp } from './helpers.js';

const t = useTestApp();
const smppConfig = { kind: 'smpp', host: '127.0.0.1', port: 2775, unicode: true };

describe('SMPP gateways through the API', () => {
  it('creates an SMPP gateway from a full config, requiring its bind credentials', async () => {
    const name = uniqueGatewayName();
    const missing = await t.request({ method: 'POST', url: '/v1/gateways', payload: { name, config: smppConfig } });
    expect(missing.statusCode).toBe(422);
    expect(json(missing).error?.code).toBe('missing_credentials');
    const res = await t.request({
      method: 'POST',
      url: '/v1/gateways',
      payload: { name, config: smppConfig, credentials: { system_id: 'smsgw', password: 'secret' } },
    });
    expect(res.statusCode).toBe(201);
    // A message for it is accepted: Unicode and segment limits come from the SMPP config.
    const sent = await t.request({
      method: 'POST',
      url: '/v1/messages',
      key: t.user.key,
      payload: { to: '+447400123456', content: 'Привет', gateway: name },
    });
    expect(sent.statusCode).toBe(202);
    expect(json(sent)).toMatchObject({ gateway: name, encoding: 'ucs2' });
  });

  it('refuses an SMPP host at a private address unless private gateways are allowed', async () => {
    const strict = await buildTestApp({ SMSGW_ALLOW_PRIVATE_GATEWAYS: undefined });
    try {
      const res = await strict.request({
        method: 'POST',
        url: '/v1/gateways',
        payload: { name: uniqueGatewayName(), config: smppConfig, credentials: { system_id: 'a', password: 'b' } },
      });
      expect(res.statusCode).toBe(422);
      expect(json(res).error?.code).toBe('gateway_url_not_allowed');
    } finally {
      await strict.close();
    }
  });

  it('refuses a preset combined with an SMPP config', async () => {
    const strict = await t.request({
      method: 'POST',
      url: '/v1/gateways',
      payload: { name: uniqueGatewayName(), preset: 'sandbox', config: smppConfig, credentials: { system_id: 'a', password: 'b' } },
    });
    expect(strict.statusCode).toBe(422);
    expect(json(strict).error?.code).toBe('invalid_gateway_config');
  });
});
