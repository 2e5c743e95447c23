import { createHash, createHmac, createPrivateKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { presetsDir, type SignatureConfig } from '@smsgw/gateways';

/**
 * The provider's side of an end-to-end preset test: an HTTP server standing in for the provider's
 * API (answering with a response copied from its docs), the preset's documentation fixture, and
 * the signatures a provider puts on its callbacks. Only third-party HTTP is faked.
 */

/** One request as the provider received it, byte for byte where it matters (the body). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FakeProvider {
  url: string;
  /** Answers every request whose path starts with `/<prefix>/` with `response`, and records it. */
  serve(prefix: string, response: CannedResponse): void;
  /** What was received under `/<prefix>/`, oldest first; requests under no served prefix go to `''`. */
  requests(prefix: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the fake provider on 127.0.0.1 and a free port. */
export async function startFakeProvider(): Promise<FakeProvider> {
  const responses = new Map<string, CannedResponse>();
  const received = new Map<string, RecordedRequest[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const first = url.pathname.split('/')[1] ?? '';
      const canned = responses.get(first);
      const key = canned === undefined ? '' : first;
      const list = received.get(key) ?? [];
      list.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.search.slice(1),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      received.set(key, list);
      if (canned === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no preset is served under this path');
        return;
      }
      res.writeHead(canned.status, canned.headers).end(canned.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve: (prefix, response) => void responses.set(prefix, response),
    requests: (prefix) => [...(received.get(prefix) ?? [])],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const record = z.record(z.string(), z.unknown());
const sendSample = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string(),
  expect: z.looseObject({ kind: z.string(), gatewayMessageId: z.string().optional() }),
});
const callbackSample = z.object({
  method: z.enum(['GET', 'POST']),
  contentType: z.string().default(''),
  query: z.string().default(''),
  body: z.string().default(''),
  expect: z
    .array(z.looseObject({ status: z.string().optional(), gatewayMessageId: z.string().optional(), text: z.string().optional() }))
    .min(1),
});
const expectedRequest = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()).default({}),
  form: record.optional(),
  json: z.unknown().optional(),
  query: record.optional(),
});
const fixtureSchema = z.object({
  context: z.object({
    to: z.string(),
    from: z.string().optional(),
    content: z.string(),
    messageId: z.string(),
    statusCallbackUrl: z.string(),
    replyCallbackUrl: z.string(),
    credentials: z.record(z.string(), z.string()),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  }),
  expectedRequest,
  /** A message that needs UCS-2, and the request its provider documents for it. */
  unicodeSend: z.object({ content: z.string(), expectedRequest }).optional(),
  /** Private key matching the fixture's public key, for public-key signature schemes. */
  signingKey: z.string().optional(),
  sendResponses: z.array(sendSample),
  statusCallbacks: z.array(callbackSample).default([]),
  replyCallbacks: z.array(callbackSample).default([]),
});
export type Fixture = z.infer<typeof fixtureSchema>;
export type CallbackSample = z.infer<typeof callbackSample>;
export type ExpectedRequest = z.infer<typeof expectedRequest>;

/** A preset's documentation fixture (packages/gateways/presets/fixtures/<name>.json). */
export function readFixture(name: string): Fixture {
  return fixtureSchema.parse(JSON.parse(readFileSync(join(presetsDir(), 'fixtures', `${name}.json`), 'utf8')) as unknown);
}

/** A callback as the provider is about to send it. */
export interface OutgoingCallback {
  method: 'GET' | 'POST';
  url: string;
  contentType: string;
  body: string;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
const sha256hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The headers a provider signs `cb` with under `sig`, written from each provider's documentation
 * (not from our verifier), so a verifier that drifted from the provider would fail here.
 */
export function signCallback(sig: SignatureConfig, secret: string, cb: OutgoingCallback, now = new Date()): Record<string, string> {
  const form =
    cb.method === 'POST' && cb.contentType.startsWith('application/x-www-form-urlencoded') ? [...new URLSearchParams(cb.body)] : [];
  const byName = (a: [string, string], b: [string, string]) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  switch (sig.scheme) {
    case 'none':
      return {};
    case 'twilio': {
      // https://www.twilio.com/docs/usage/webhooks/webhooks-security: URL, then POST params name+value sorted by name.
      const signed =
        cb.url +
        form
          .sort(byName)
          .map(([k, v]) => k + v)
          .join('');
      return { 'x-twilio-signature': createHmac('sha1', secret).update(signed).digest('base64') };
    }
    case 'plivo-v3': {
      // plivo-node utils/v3Security.js: URL without query, `?` + sorted k=v query, `.` when both, then sorted POST name+value.
      const [base = '', rawQuery = ''] = cb.url.split('?');
      const query = [...new URLSearchParams(rawQuery)]
        .sort(byName)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      let signed = query === '' ? base : `${base}?${query}`;
      if (cb.method === 'POST' && form.length > 0)
        signed = `${base}?${query}${query === '' ? '' : '.'}${form
          .sort(byName)
          .map(([k, v]) => k + v)
          .join('')}`;
      const nonce = randomBytes(8).toString('hex');
      return {
        'x-plivo-signature-v3': createHmac('sha256', secret).update(`${signed}.${nonce}`).digest('base64'),
        'x-plivo-signature-v3-nonce': nonce,
      };
    }
    case 'vonage-jwt': {
      const payload = cb.method === 'GET' ? JSON.stringify(Object.fromEntries(new URL(cb.url).searchParams)) : cb.body;
      const claims = {
        iat: Math.floor(now.getTime() / 1000),
        jti: randomBytes(8).toString('hex'),
        payload_hash: createHash('sha256').update(payload).digest('hex'),
      };
      const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
      return { authorization: `Bearer ${unsigned}.${b64url(createHmac('sha256', secret).update(unsigned).digest())}` };
    }
    case 'standard-webhooks': {
      const id = `msg_${randomBytes(8).toString('hex')}`;
      const ts = String(Math.floor(now.getTime() / 1000));
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      return {
        'webhook-id': id,
        'webhook-timestamp': ts,
        'webhook-signature': `v1,${createHmac('sha256', key).update(`${id}.${ts}.${cb.body}`).digest('base64')}`,
      };
    }
    case 'hmac-sha256':
      return { [sig.header]: sig.prefix + createHmac('sha256', secret).update(cb.body).digest(sig.encoding) };
    case 'vonage-sms':
      // The signature travels as body fields (`sig`, `timestamp`), which this helper cannot add to a sample.
      throw new Error('vonage-sms signing is covered by the gateways package tests');
    case 'messagebird-jwt': {
      // https://developers.messagebird.com/docs/verify-http-requests: an HS256 JWT in MessageBird-Signature-JWT,
      // valid for a minute, hashing the full URL called and (when there is one) the body.
      const nowS = Math.floor(now.getTime() / 1000);
      const claims = {
        iss: 'MessageBird',
        nbf: nowS,
        exp: nowS + 60,
        jti: randomUUID(),
        url_hash: sha256hex(cb.url),
        ...(cb.body === '' ? {} : { payload_hash: sha256hex(cb.body) }),
      };
      const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
      return { 'messagebird-signature-jwt': `${unsigned}.${b64url(createHmac('sha256', secret).update(unsigned).digest())}` };
    }
    case 'ed25519': {
      // Telnyx: base64 Ed25519 signature of `${timestamp}|${raw body}`; here `secret` is the PRIVATE key (PKCS#8 DER, base64).
      const key = createPrivateKey({ key: Buffer.from(secret, 'base64'), format: 'der', type: 'pkcs8' });
      const ts = String(Math.floor(now.getTime() / 1000));
      return { [sig.signatureHeader]: sign(null, Buffer.from(`${ts}|${cb.body}`), key).toString('base64'), [sig.timestampHeader]: ts };
    }
  }
}

/**
 * Checks an `Authorization: MAC …` header as SMSGlobal's REST API does (https://www.smsglobal.com/rest-api/):
 * HMAC-SHA256 keyed by the API secret over `ts \n nonce \n METHOD \n URI \n HOST \n PORT \n \n`, base64.
 * This server speaks plain HTTP, so PORT is 80; HOST is the Host header the client sent.
 */
export function verifyMac(
  req: RecordedRequest,
  id: string,
  secret: string,
  now = new Date(),
): { ok: true } | { ok: false; reason: string } {
  const header = req.headers.authorization ?? '';
  const m = /^MAC id="([^"]*)", ts="(\d+)", nonce="([^"]{1,32})", mac="([^"]+)"$/.exec(header);
  if (!m) return { ok: false, reason: `not a MAC header: ${header}` };
  const [, gotId = '', ts = '', nonce = '', mac = ''] = m;
  if (gotId !== id) return { ok: false, reason: 'wrong id' };
  if (Math.abs(Number(ts) - now.getTime() / 1000) > 300) return { ok: false, reason: 'ts too far from now' };
  const uri = req.query === '' ? req.path : `${req.path}?${req.query}`;
  const base = `${ts}\n${nonce}\n${req.method}\n${uri}\n${req.headers.host ?? ''}\n80\n\n`;
  const expected = createHmac('sha256', secret).update(base).digest('base64');
  return expected === mac ? { ok: true } : { ok: false, reason: 'mac does not match' };
}
