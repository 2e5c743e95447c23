import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getPreset } from '../../src/presets.js';
import { mergeSettings, renderSendRequest, type SendContext } from '../../src/render.js';
import type { GatewayConfig } from '../../src/config/schema.js';
import { jsonOf, sendOurs, startCaptureServer, type Captured, type CaptureServer } from './capture-server.js';

/**
 * The smsglobal-rest preset against SMSGlobal's official Node SDK (smsglobal@1.2.5): same method,
 * path, Content-Type, body, and the same MAC Authorization header byte for byte. The SDK signs with
 * `Date.now()` and `Math.random()`; both are fixed for the duration of its call, and ours gets the
 * same time and nonce, so the two headers must be identical strings.
 *
 * The SDK's axios instance (lib/client.js) is its own configuration point: its baseURL is moved to
 * the capture server (proxies off) for the over-the-wire check, and for the check against
 * SMSGlobal's real host its adapter is replaced, so that request is signed but never leaves the
 * process.
 */

const require = createRequire(import.meta.url);
const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const AT_MS = 1_704_067_200_000;
/** The SDK's nonce is Math.floor(Math.random() * 10000000). */
const RANDOM = 0.1234567891;
const NONCE = String(Math.floor(RANDOM * 10_000_000));
const STATUS_URL = 'https://smsgw.example/callbacks/s/tok/status';
const REPLY_URL = 'https://smsgw.example/callbacks/s/tok/reply';
const ACCEPTED =
  '{"messages":[{"id":9856866448480992,"outgoing_id":5231184863,"origin":"SMSGW","destination":"61409317436","message":"Hi","status":"processing","dateTime":"2020-08-07 13:17:08 +1000"}]}';

interface SmsPayload {
  origin: string;
  destination: string;
  message: string;
  notifyUrl: string;
  incomingUrl: string;
}
interface SmsglobalSdk {
  sms: { send: (payload: SmsPayload) => Promise<{ statusCode: number }> };
}
interface AdapterConfig {
  method?: string;
  baseURL?: string;
  url?: string;
  data?: unknown;
  headers: Record<string, unknown>;
}
interface AxiosLike {
  defaults: { baseURL?: string; proxy?: false; adapter?: unknown };
}

const CONFIG_HOST = 'https://api.smsglobal.com/v2';
let capture: CaptureServer;
let client: AxiosLike;
let sdk: SmsglobalSdk;

function payload(message: string): SmsPayload {
  return { origin: 'SMSGW', destination: '61409317436', message, notifyUrl: STATUS_URL, incomingUrl: REPLY_URL };
}

/** Runs the SDK with the clock and the random source fixed, only for the call. */
async function sdkSend(message: string): Promise<void> {
  const now = vi.spyOn(Date, 'now').mockReturnValue(AT_MS);
  const random = vi.spyOn(Math, 'random').mockReturnValue(RANDOM);
  try {
    await sdk.sms.send(payload(message));
  } finally {
    now.mockRestore();
    random.mockRestore();
  }
}

function preset(): GatewayConfig {
  const config = getPreset('smsglobal-rest');
  if (config === undefined) throw new Error('no smsglobal-rest preset');
  return config;
}

function ctx(config: GatewayConfig, content: string, baseUrl?: string): SendContext {
  return {
    to: '+61409317436',
    from: 'SMSGW',
    content,
    encoding: /^[\x20-\x7e]*$/.test(content) ? 'gsm7' : 'ucs2',
    segments: 1,
    messageId: 'msg_01JD0000000000000000000000',
    statusCallbackUrl: STATUS_URL,
    replyCallbackUrl: REPLY_URL,
    credentials: { apiKey: KEY, apiSecret: SECRET },
    settings: mergeSettings(config, baseUrl === undefined ? {} : { baseUrl }),
    signing: { at: new Date(AT_MS), nonce: NONCE },
  };
}

function expectSameRequest(ours: Captured, theirs: Captured): void {
  expect(ours.method).toBe(theirs.method);
  expect(ours.path).toBe(theirs.path);
  expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
  expect(ours.headers['authorization']).toBe(theirs.headers['authorization']);
  expect(jsonOf(ours.body)).toEqual(jsonOf(theirs.body));
}

async function bothOverTheWire(message: string): Promise<{ ours: Captured; theirs: Captured }> {
  const n = capture.captured.length;
  await sdkSend(message);
  const theirs = await capture.nth(n + 1);
  const config = preset();
  await sendOurs(renderSendRequest(config, ctx(config, message, capture.url)));
  return { ours: await capture.nth(n + 2), theirs };
}

beforeAll(async () => {
  capture = await startCaptureServer({ status: 200, contentType: 'application/json', body: ACCEPTED });
  client = require('smsglobal/lib/client') as AxiosLike;
  client.defaults.proxy = false;
  sdk = (require('smsglobal') as (key: string, secret: string) => SmsglobalSdk)(KEY, SECRET);
});
afterEach(() => {
  client.defaults.baseURL = CONFIG_HOST;
  delete client.defaults.adapter;
});
afterAll(async () => {
  // The SDK's constructor copies the credentials into the environment.
  delete process.env['SMSGLOBAL_API_KEY'];
  delete process.env['SMSGLOBAL_API_SECRET'];
  await capture?.close();
});

describe('smsglobal-rest preset = the official smsglobal SDK (REST v2, MAC)', () => {
  it('sends the same request as the SDK, MAC header included', async () => {
    client.defaults.baseURL = `${capture.url}/v2`;
    const { ours, theirs } = await bothOverTheWire('Hello from smsgw');
    expectSameRequest(ours, theirs);
    expect(theirs.path).toBe('/v2/sms');
    expect(theirs.headers['authorization']).toMatch(
      new RegExp(`^MAC id="${KEY}", ts="${AT_MS / 1000}", nonce="${NONCE}", mac="[A-Za-z0-9+/]+=*"$`),
    );
  });

  it('sends Unicode as the SDK does: UTF-8 JSON, no flag', async () => {
    client.defaults.baseURL = `${capture.url}/v2`;
    const { ours, theirs } = await bothOverTheWire('Привет 👋');
    expectSameRequest(ours, theirs);
    expect(jsonOf(ours.body)).toMatchObject({ message: 'Привет 👋' });
  });

  it("signs for SMSGlobal's real host exactly as the SDK does (its transport replaced, nothing sent)", async () => {
    const seen: AdapterConfig[] = [];
    client.defaults.adapter = (config: AdapterConfig) => {
      seen.push(config);
      return Promise.resolve({ data: jsonOf(ACCEPTED), status: 200, statusText: 'OK', headers: {}, config, request: {} });
    };
    await sdkSend('Hello from smsgw');
    const theirs = seen[0];
    if (theirs === undefined) throw new Error('the SDK made no request');
    const ours = renderSendRequest(preset(), ctx(preset(), 'Hello from smsgw'));
    expect(ours.url).toBe(`${theirs.baseURL ?? ''}${theirs.url ?? ''}`);
    expect(ours.method).toBe((theirs.method ?? '').toUpperCase());
    expect(ours.headers['authorization']).toBe(theirs.headers['Authorization']);
    expect(jsonOf(ours.body ?? '')).toEqual(jsonOf(String(theirs.data)));
  });
});
