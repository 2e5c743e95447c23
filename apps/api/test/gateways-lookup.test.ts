import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, useTestApp } from './helpers.js';

/**
 * A stand-in for Clickatell's route coverage command, answering with the bodies its docs give
 * (packages/gateways/presets/fixtures/clickatell.json) by the number asked about.
 */
const ANSWERS: Record<string, { status: number; body: string }> = {
  '447400123456': { status: 200, body: 'OK: This prefix is currently supported. Messages sent to this prefix will be routed. Charge: 1' },
  '447400123457': {
    status: 200,
    body: 'ERR: This prefix is not currently supported. Messages sent to this prefix will fail. Please contact support for assistance.',
  },
  '447400123458': { status: 200, body: 'ERR: 001, Authentication failed' },
  '447400123459': { status: 500, body: 'Internal Server Error' },
};

const t = useTestApp();
let server: Server;
let baseUrl: string;
const received: { path: string; form: Record<string, string> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      received.push({ path: req.url ?? '', form });
      const answer = ANSWERS[form['msisdn'] ?? ''] ?? { status: 404, body: 'no' };
      res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const clickatell = () =>
  t.createGateway({ preset: 'clickatell', credentials: { apiId: '3442105', user: 'smsgw', password: 's3cret' }, settings: { baseUrl } });
const lookup = (name: string, to: string | undefined, key = t.admin.key) =>
  t.request({ method: 'GET', url: `/v1/gateways/${name}/lookup${to === undefined ? '' : `?to=${encodeURIComponent(to)}`}`, key });

describe('GET /v1/gateways/:name/lookup', () => {
  it("runs the gateway's number check: the verdict, the provider's word and the charge", async () => {
    const name = await clickatell();
    const res = await lookup(name, '+447400123456');
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      gateway: name,
      number: '+447400123456',
      status: 'valid',
      providerStatus: 'OK',
      charge: '1',
      currency: null,
    });
    expect(received.at(-1)).toEqual({
      path: '/utils/routecoverage',
      form: { api_id: '3442105', user: 'smsgw', password: 's3cret', msisdn: '447400123456' },
    });
    expect(json(await lookup(name, '+447400123457'))).toMatchObject({ status: 'invalid', providerStatus: 'ERR', charge: null });
  });

  it("is for admin keys only: a lookup spends the operator's credit (403)", async () => {
    const name = await clickatell();
    const before = received.length;
    const res = await lookup(name, '+447400123456', t.user.key);
    expect([res.statusCode, json(res).error?.code]).toEqual([403, 'forbidden']);
    expect(received.length).toBe(before);
  });

  it('404 for an unknown gateway', async () => {
    const res = await lookup('gw-no-such-gateway', '+447400123456');
    expect([res.statusCode, json(res).error?.code]).toEqual([404, 'not_found']);
  });

  it('422 for a gateway without a number check, and for a number that is not one; 400 without one', async () => {
    const sandbox = await t.createGateway();
    const unsupported = await lookup(sandbox, '+447400123456');
    expect([unsupported.statusCode, json(unsupported).error?.code]).toEqual([422, 'number_check_not_supported']);
    const name = await clickatell();
    const before = received.length;
    const bad = await lookup(name, '+44abc');
    expect([bad.statusCode, json(bad).error?.code]).toEqual([422, 'invalid_recipient']);
    const missing = await lookup(name, undefined);
    expect([missing.statusCode, json(missing).error?.code]).toEqual([400, 'invalid_request']);
    expect(received.length).toBe(before);
  });

  it('502 when the provider gives no verdict, quoting its answer: an error, a server error, or no answer', async () => {
    const name = await clickatell();
    const auth = await lookup(name, '+447400123458');
    expect([auth.statusCode, json(auth).error?.code]).toEqual([502, 'number_check_failed']);
    expect(json(auth).error?.message).toContain('ERR: 001, Authentication failed');
    const broken = await lookup(name, '+447400123459');
    expect([broken.statusCode, json(broken).error?.code]).toEqual([502, 'number_check_failed']);
    const down = await t.createGateway({
      preset: 'clickatell',
      credentials: { apiId: '1', user: 'u', password: 'p' },
      settings: { baseUrl: 'http://127.0.0.1:9' },
    });
    const refused = await lookup(down, '+447400123456');
    expect([refused.statusCode, json(refused).error?.code]).toEqual([502, 'number_check_failed']);
  });

  it('is listed as a capability of the presets that have it', async () => {
    const presets = json(await t.request({ method: 'GET', url: '/v1/presets' }))['data'] as {
      name: string;
      capabilities: { numberCheck: boolean };
    }[];
    const withCheck = presets.filter((p) => p.capabilities.numberCheck).map((p) => p.name);
    expect(withCheck).toEqual(expect.arrayContaining(['clickatell', 'twilio']));
    expect(withCheck).not.toContain('sandbox');
  });
});
