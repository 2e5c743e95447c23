// What real requests leave in the log: the route and harmless parameters, never a callback token,
// a phone number or a provider's message text (a security finding: the raw URL was logged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { inject } from 'vitest';
import { loggerOptions, maskPhone } from '@smsgw/core';
import { deleteGateway, getGateway, type Database } from '@smsgw/db';
import { gatewayNotifier, type Queues } from '@smsgw/queues';
import { buildApp } from '../src/app.js';
import { loadApiConfig } from '../src/config.js';
import { loggableParam, serializeRequest } from '../src/request-log.js';
import { testAccount, testDatabase, testQueues } from '../../../test/support/env.js';
import { seedMessage } from './callbacks-fixtures.js';
import { testEncryptionKey, uniqueGatewayName } from './helpers.js';

const NUMBER = '+447700900123';
const OTHER_NUMBER = '+447700900456';
/** A number the API takes as valid (07700 900xxx is Ofcom's drama range, which it refuses). */
const VALID_NUMBER = '+447400123456';
const TEXT = 'meet me at the usual place';

interface LogLine {
  msg?: string;
  req?: { method?: string; route?: string; params?: Record<string, string>; query?: Record<string, string> };
  [k: string]: unknown;
}

const lines: string[] = [];
let app: FastifyInstance;
let database: Database;
let queues: Queues;
let admin: { accountId: string; key: string };
let gateway: string;
let token: string;

beforeAll(async () => {
  database = await testDatabase();
  queues = testQueues();
  const config = loadApiConfig({
    DATABASE_URL: inject('databaseUrl'),
    SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
    SMSGW_QUEUE_PREFIX: queues.prefix,
    SMSGW_ENCRYPTION_KEY: testEncryptionKey(),
    SMSGW_PUBLIC_URL: 'http://smsgw.test',
  });
  // The logger a server builds (server.ts), writing into this array instead of stdout.
  const logger = pino(loggerOptions('info', pino.stdSerializers.err), { write: (s: string) => void lines.push(s) });
  app = await buildApp({ db: database.db, queues, config, logger, notifier: gatewayNotifier(queues.connection, queues.prefix) });
  await app.ready();
  admin = await testAccount(database, true);
  gateway = uniqueGatewayName();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/gateways',
    headers: { authorization: `Bearer ${admin.key}` },
    payload: {
      name: gateway,
      preset: 'kannel',
      credentials: { username: 'u', password: 'p' },
      settings: { baseUrl: 'http://127.0.0.1:9' },
    },
  });
  expect(created.statusCode).toBe(201);
  token = (await getGateway(database.db, gateway))?.callbackToken ?? '';
  expect(token.length).toBeGreaterThan(8);
});

afterAll(async () => {
  await app?.close();
  if (gateway) await deleteGateway(database.db, gateway);
  await queues?.close();
  await queues?.connection.quit();
  await database?.close();
});

const parsed = (): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine);
const incoming = (route: string) => parsed().filter((l) => l.msg === 'incoming request' && l.req?.route === route);

/** The secrets of this file in every form a URL may carry them. */
function assertNoSecrets(): void {
  const log = lines.join('\n');
  expect(log).toContain('incoming request');
  for (const secret of [token, encodeURIComponent(token), TEXT, encodeURIComponent(TEXT), TEXT.replaceAll(' ', '+')]) {
    expect(log).not.toContain(secret);
  }
  for (const n of [NUMBER, OTHER_NUMBER, VALID_NUMBER]) {
    // The national part, so no encoding (`%2B`, a space for the `+`) slips through.
    expect(log).not.toContain(n.slice(3));
  }
}

describe('request log lines', () => {
  it('a status callback: the route, the gateway, and no token', async () => {
    const m = await seedMessage(database.db, admin.accountId, gateway);
    const query = new URLSearchParams({
      msgid: m.gatewayMessageId ?? '',
      status: '1',
      ts: String(Math.floor(Date.now() / 1000)),
      to: NUMBER,
    });
    const res = await app.inject({ method: 'GET', url: `/callbacks/${gateway}/${token}/status?${query.toString()}` });
    expect(res.statusCode).toBe(200);
    const [line] = incoming('/callbacks/:gateway/:token/status');
    expect(line?.req).toMatchObject({
      method: 'GET',
      params: { gateway, token: '[redacted]' },
      query: { status: '1', to: maskPhone(NUMBER) },
    });
    assertNoSecrets();
  });

  it('an inbound message on the query string (Kannel): no number, no text', async () => {
    const query = new URLSearchParams({
      from: NUMBER,
      to: OTHER_NUMBER,
      text: TEXT,
      ts: String(Math.floor(Date.now() / 1000)),
      id: 'kannel-1',
    });
    const res = await app.inject({ method: 'GET', url: `/callbacks/${gateway}/${token}/reply?${query.toString()}` });
    expect(res.statusCode).toBe(200);
    const [line] = incoming('/callbacks/:gateway/:token/reply');
    expect(line?.req?.query).toMatchObject({
      from: maskPhone(NUMBER),
      to: maskPhone(OTHER_NUMBER),
      text: `[redacted ${TEXT.length} chars]`,
    });
    assertNoSecrets();
  });

  it('a legacy postback with ?token=', async () => {
    const query = new URLSearchParams({ gateway, token, msgid: 'nothing-known', status: '1', to: NUMBER });
    await app.inject({ method: 'GET', url: `/sms/status_postback/?${query.toString()}` });
    const [line] = incoming('/sms/status_postback/');
    expect(line?.req?.query).toMatchObject({ gateway, token: '[redacted]', to: maskPhone(NUMBER) });
    assertNoSecrets();
  });

  it('a number in the path and the query of an API route', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: `/v1/opt-outs/${NUMBER}?to=${encodeURIComponent(OTHER_NUMBER)}`,
      headers: { authorization: `Bearer ${admin.key}` },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    const [line] = incoming('/v1/opt-outs/:number');
    expect(line?.req).toMatchObject({ method: 'DELETE', params: { number: maskPhone(NUMBER) }, query: { to: maskPhone(OTHER_NUMBER) } });
    const list = await app.inject({
      method: 'GET',
      url: `/v1/messages?to=${encodeURIComponent(VALID_NUMBER)}&limit=5`,
      headers: { authorization: `Bearer ${admin.key}` },
    });
    expect(list.statusCode).toBe(200);
    expect(incoming('/v1/messages').at(-1)?.req?.query).toEqual({ to: maskPhone(VALID_NUMBER), limit: '5' });
    assertNoSecrets();
  });

  it('a URL no route matches shows its first segment only', async () => {
    const res = await app.inject({ method: 'GET', url: `/callbacks/${gateway}/${token}/nothing?to=${encodeURIComponent(NUMBER)}` });
    expect(res.statusCode).toBe(404);
    expect(incoming('/callbacks/…')).toHaveLength(1);
    assertNoSecrets();
  });
});

describe('serializeRequest', () => {
  it('hides secrets whatever the route, keeps only what is known to be harmless', () => {
    expect(loggableParam('api_key', 'sk_live')).toBe('[redacted]');
    expect(loggableParam('X-Signature', 'abc')).toBe('[redacted]');
    expect(loggableParam('msisdn', '447700900123')).toBe('4477******23');
    expect(loggableParam('from', 'ACME')).toBe('****');
    expect(loggableParam('limit', '10')).toBe('10');
    expect(loggableParam('smsText', 'hello')).toBe('[redacted 5 chars]');
  });

  it('never throws on what a request looks like before routing', () => {
    expect(serializeRequest(null)).toEqual({});
    expect(serializeRequest({ url: '/', method: 'GET' })).toMatchObject({ route: '/' });
    expect(serializeRequest({ url: '/x?token=abc', query: { token: 'abc', n: 1 } })).toMatchObject({
      route: '/x',
      query: { token: '[redacted]', n: '[number]' },
    });
  });
});
