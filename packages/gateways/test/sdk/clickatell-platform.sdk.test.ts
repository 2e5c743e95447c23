import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getPreset } from '../../src/presets.js';
import { mergeSettings, renderSendRequest, type SendContext } from '../../src/render.js';
import type { GatewayConfig } from '../../src/config/schema.js';
import { jsonOf, sendOurs, startCaptureServer, type Captured, type CaptureServer } from './capture-server.js';

/**
 * The clickatell-platform preset against Clickatell's official Node SDK (clickatell-platform@2.0.11,
 * api/rest.js): the SDK's request and ours go to one local capture server and must be the same
 * request: method, path, the headers Clickatell reads (Authorization, Content-Type, Accept) and the
 * JSON body.
 *
 * The SDK hard-codes https://platform.clickatell.com and calls the `request` package directly, with
 * no base URL to configure; so the `request` it loads is replaced, for this file only, by a wrapper
 * that records what the SDK asked for and hands the same options to the real `request` with the
 * URL moved to the capture server. Any other URL is refused before a socket exists.
 */

const require = createRequire(import.meta.url);
const PLATFORM = 'https://platform.clickatell.com';
const API_KEY = 'Fs_ZfJvfRG2tLDo0RfKmFQ==';
const ACCEPTED =
  '{"messages":[{"apiMessageId":"1d1fd1f3d3a545c6b5d4d9a0c1c0a0c2","accepted":true,"to":"27821234567","error":null}],"error":null}';

interface SdkOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
type Callback = (error: unknown, response: unknown, body: unknown) => void;
type RequestFn = (options: SdkOptions, callback: Callback) => unknown;
interface ClickatellSdk {
  sendMessageRest: (content: string, to: string[], apiKey: string) => void;
}

let capture: CaptureServer;
let sdk: ClickatellSdk;
/** What the SDK handed to `request`, before the URL was moved. */
const asked: SdkOptions[] = [];
let restore: () => void = () => undefined;

/** Loads the SDK with its `request` replaced; returns the undo. */
function loadSdkAgainst(target: () => string): () => void {
  const requestPath = createRequire(require.resolve('clickatell-platform/api/rest.js')).resolve('request');
  const real = require(requestPath) as RequestFn;
  const cached = require.cache[requestPath];
  if (cached === undefined) throw new Error('request is not in the require cache');
  const wrapper: RequestFn = (options, callback) => {
    asked.push(structuredClone(options));
    const url = new URL(options.url);
    // Refused before any connect or DNS lookup: only the platform's own URL is moved, to loopback.
    if (url.origin !== PLATFORM) throw new Error(`clickatell SDK test: refusing ${url.origin}`);
    return real({ ...options, url: `${target()}${url.pathname}${url.search}` }, callback);
  };
  cached.exports = wrapper;
  sdk = require('clickatell-platform') as ClickatellSdk;
  return () => {
    cached.exports = real;
  };
}

/** Runs the SDK's REST send and waits for its own callback (it only logs), quietly. */
async function sdkSend(content: string, to: string): Promise<Captured> {
  const n = capture.captured.length + 1;
  const logged = new Promise<void>((resolve) => {
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      if (args[0] === 'body:') {
        spy.mockRestore();
        resolve();
      }
    });
  });
  sdk.sendMessageRest(content, [to], API_KEY);
  const got = await capture.nth(n);
  await logged;
  return got;
}

function preset(): GatewayConfig {
  const config = getPreset('clickatell-platform');
  if (config === undefined) throw new Error('no clickatell-platform preset');
  return config;
}

function ctx(config: GatewayConfig, content: string, to: string, from: string | undefined, baseUrl?: string): SendContext {
  return {
    to,
    from,
    content,
    encoding: /^[\x20-\x7e]*$/.test(content) ? 'gsm7' : 'ucs2',
    segments: 1,
    messageId: 'msg_01JD0000000000000000000000',
    statusCallbackUrl: 'https://smsgw.example/callbacks/c/tok/status',
    replyCallbackUrl: 'https://smsgw.example/callbacks/c/tok/reply',
    credentials: { apiKey: API_KEY },
    settings: mergeSettings(config, baseUrl === undefined ? {} : { baseUrl }),
  };
}

async function oursAt(content: string, to: string, from?: string): Promise<Captured> {
  const config = preset();
  const n = capture.captured.length + 1;
  await sendOurs(renderSendRequest(config, ctx(config, content, to, from, capture.url)));
  return capture.nth(n);
}

function expectSameRequest(ours: Captured, theirs: Captured): void {
  expect(ours.method).toBe(theirs.method);
  expect(ours.path).toBe(theirs.path);
  for (const name of ['authorization', 'content-type', 'accept']) expect(ours.headers[name], name).toBe(theirs.headers[name]);
  expect(jsonOf(ours.body)).toEqual(jsonOf(theirs.body));
}

beforeAll(async () => {
  capture = await startCaptureServer({ status: 202, contentType: 'application/json', body: ACCEPTED });
  restore = loadSdkAgainst(() => capture.url);
});
afterAll(async () => {
  restore();
  await capture?.close();
});

describe('clickatell-platform preset = the official clickatell-platform SDK (REST)', () => {
  it('sends the same request as the SDK', async () => {
    const theirs = await sdkSend('Hello from smsgw', '27821234567');
    const ours = await oursAt('Hello from smsgw', '+27821234567');
    expectSameRequest(ours, theirs);
    expect(theirs.headers['authorization']).toBe(API_KEY);
  });

  it('sends Unicode as the SDK does: UTF-8 JSON, no flag', async () => {
    const theirs = await sdkSend('Привет 👋', '27821234567');
    const ours = await oursAt('Привет 👋', '+27821234567');
    expectSameRequest(ours, theirs);
    expect(jsonOf(ours.body)).toEqual({ content: 'Привет 👋', to: ['27821234567'] });
  });

  it('targets the URL the SDK hard-codes when the base URL is left alone', () => {
    const config = preset();
    const sdkUrl = asked[0]?.url;
    expect(sdkUrl).toBe(`${PLATFORM}/messages`);
    expect(renderSendRequest(config, ctx(config, 'Hi', '+27821234567', undefined)).url).toBe(sdkUrl);
  });

  it('adds only the documented `from` (which the SDK cannot send), and only with a sender', async () => {
    const theirs = await sdkSend('Hi', '27821234567');
    const ours = await oursAt('Hi', '+27821234567', '27820000000');
    expect(jsonOf(ours.body)).toEqual({ ...(jsonOf(theirs.body) as object), from: '27820000000' });
  });
});
