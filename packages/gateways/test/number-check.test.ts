import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from '../src/config/parse.js';
import { DEFAULT_LIMITS } from '../src/http.js';
import { checkNumber, readNumberCheck } from '../src/number-check.js';

const config = (baseUrl = 'https://api.example.com') =>
  parseGatewayConfig({
    settings: { baseUrl },
    send: { method: 'POST', url: '{{settings.baseUrl}}/sms', body: 'form' },
    numberCheck: {
      url: '{{settings.baseUrl}}/lookup/{{number | noplus}}',
      status: { json: 'result.status' },
      statusMap: { reachable: 'valid', absent: 'invalid' },
      charge: { json: 'price' },
      currency: { json: 'currency' },
    },
  });
const ok = (body: string, status = 200) => ({ kind: 'response' as const, status, headers: {}, body, truncated: false });

describe('readNumberCheck', () => {
  it('maps the status word, keeps the provider word, the charge and currency', () => {
    expect(readNumberCheck(config(), ok('{"result":{"status":"reachable"},"price":"0.004","currency":"EUR"}'))).toEqual({
      status: 'valid',
      providerStatus: 'reachable',
      charge: '0.004',
      currency: 'EUR',
    });
    expect(readNumberCheck(config(), ok('{"result":{"status":"roaming"}}'))).toEqual({
      status: 'unknown',
      providerStatus: 'roaming',
      charge: undefined,
      currency: undefined,
    });
  });

  it('is no verdict without a status word, on an error status, or for a config without a check', () => {
    expect(readNumberCheck(config(), ok('{"error":"bad credentials"}'))).toBeUndefined();
    expect(readNumberCheck(config(), ok('{"result":{"status":"reachable"}}', 401))).toBeUndefined();
    const bare = parseGatewayConfig({ send: { method: 'POST', url: 'https://x.example/sms', body: 'form' } });
    expect(readNumberCheck(bare, ok('{"result":{"status":"reachable"}}'))).toBeUndefined();
  });

  it('leaves out a charge that is not a plain decimal', () => {
    expect(readNumberCheck(config(), ok('{"result":{"status":"absent"},"price":"1e9"}'))?.charge).toBeUndefined();
  });
});

describe('checkNumber', () => {
  it('asks the provider and answers its verdict; an unreadable answer is number_check_failed quoting it', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      const reachable = req.url === '/lookup/447700900123';
      res.writeHead(200, { 'content-type': 'application/json' }).end(reachable ? '{"result":{"status":"reachable"}}' : '{"error":"quota"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const limits = { ...DEFAULT_LIMITS, allowPrivate: true };
      await expect(
        checkNumber(config(base), { credentials: {}, settings: { baseUrl: base }, number: '+447700900123' }, limits),
      ).resolves.toMatchObject({ status: 'valid' });
      await expect(
        checkNumber(config(base), { credentials: {}, settings: { baseUrl: base }, number: '+447700900999' }, limits),
      ).rejects.toMatchObject({
        code: 'number_check_failed',
        status: 502,
        message: expect.stringContaining('quota'),
      });
      expect(seen).toEqual(['/lookup/447700900123', '/lookup/447700900999']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
