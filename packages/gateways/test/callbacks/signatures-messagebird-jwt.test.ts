import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import { gatewayConfigSchema, type SignatureConfig } from '../../src/config/schema.js';
import { request } from './helpers.js';

/**
 * MessageBird-Signature-JWT, checked against MessageBird's own reference vectors and against
 * tokens built here from the documented algorithm (HMAC JWT; claims iss, nbf, exp, jti, url_hash
 * = sha256 hex of the full URL, payload_hash = sha256 hex of the body when there is one).
 */

const vectors = z
  .object({
    secret: z.string(),
    timestamp: z.string(),
    cases: z.array(
      z.object({
        name: z.string(),
        method: z.string(),
        url: z.string(),
        payload: z.string().optional(),
        token: z.string(),
        failure: z.string().nullable(),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(new URL('./messagebird-jwt-vectors.json', import.meta.url), 'utf8')) as unknown);

/** Through the real schema, so the default leeway is the one a preset gets. */
const mb: SignatureConfig = (() => {
  const sig = gatewayConfigSchema.parse({
    send: { method: 'POST', url: 'https://example.test/send', body: 'form' },
    statusCallback: {
      messageId: 'id',
      status: 'status',
      statusMap: {},
      signature: { scheme: 'messagebird-jwt', secret: '{{credentials.signingKey}}' },
    },
  }).statusCallback?.signature;
  if (sig === undefined) throw new Error('no signature');
  return sig;
})();

const signedRequest = (method: string, url: string, token: string | undefined, body = '') =>
  request({
    method,
    url,
    rawBody: body,
    contentType: body === '' ? undefined : 'application/json',
    headers: token === undefined ? {} : { 'messagebird-signature-jwt': token },
  });

describe("messagebird-jwt against MessageBird's reference vectors", () => {
  const now = new Date(vectors.timestamp);
  it.each(vectors.cases)('$name', (c) => {
    const check = verifyCallbackSignature(mb, signedRequest(c.method, c.url, c.token, c.payload ?? ''), vectors.secret, now);
    expect(check).toEqual(c.failure === null ? { ok: true } : { ok: false, reason: c.failure });
  });
});

const SECRET = 'mb-signing-key-0123456789abcdef';
const NOW = new Date('2024-05-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const URL_ = 'https://smsgw.example.test/callbacks/mb/tok/status?id=57db52e04e2f4001b555f79813a0f503&status=delivered';
const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** A token as MessageBird documents them, built without the verifier's code. */
function token(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): string {
  const signing = `${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${signing}.${createHmac(hash, secret).update(signing).digest('base64url')}`;
}
const claims = (extra: Record<string, unknown> = {}, url = URL_) => ({
  iss: 'MessageBird',
  nbf: NOW_S - 1,
  exp: NOW_S + 59,
  jti: '4a7d6a3a-2b4b-4a53-8b54-2d3e2f1a0b9c',
  url_hash: sha256hex(url),
  ...extra,
});
const verify = (t: string | undefined, body = '', url = URL_, method = body === '' ? 'GET' : 'POST') =>
  verifyCallbackSignature(mb, signedRequest(method, url, t, body), SECRET, NOW);

describe('messagebird-jwt built from the documented algorithm', () => {
  it('accepts a GET report signed over its full URL, and a POST whose payload_hash matches the body', () => {
    expect(verify(token(claims()))).toEqual({ ok: true });
    const body = '{"id":"57db52e04e2f4001b555f79813a0f503","status":"delivered"}';
    const url = 'https://smsgw.example.test/callbacks/mb/tok/status';
    expect(verify(token(claims({ url_hash: sha256hex(url), payload_hash: sha256hex(body) })), body, url)).toEqual({ ok: true });
  });

  it('covers every byte of the URL: another query value, host, scheme or path fails', () => {
    const t = token(claims());
    for (const other of [
      URL_.replace('delivered', 'failed'),
      URL_.replace('smsgw.example.test', 'evil.example.test'),
      URL_.replace('https:', 'http:'),
      URL_.replace('/status?', '/reply?'),
    ]) {
      expect(verify(t, '', other)).toEqual({ ok: false, reason: 'url_hash does not match the URL' });
    }
    const { url_hash: _omit, ...noUrlHash } = claims();
    expect(verify(token(noUrlHash)).ok).toBe(false);
  });

  it('checks nbf and exp with a small leeway, and requires both', () => {
    expect(verify(token(claims({ nbf: NOW_S + 5 }))).ok).toBe(true);
    expect(verify(token(claims({ nbf: NOW_S + 6 })))).toEqual({ ok: false, reason: 'the JWT is not valid yet' });
    expect(verify(token(claims({ exp: NOW_S - 4 }))).ok).toBe(true);
    expect(verify(token(claims({ exp: NOW_S - 5 })))).toEqual({ ok: false, reason: 'the JWT has expired' });
    expect(verify(token(claims({ exp: undefined })))).toEqual({ ok: false, reason: 'the JWT has no exp' });
    expect(verify(token(claims({ nbf: 'now' })))).toEqual({ ok: false, reason: 'the JWT has no nbf' });
  });

  it('requires the MessageBird issuer and a jti', () => {
    expect(verify(token(claims({ iss: 'Somebody' })))).toEqual({ ok: false, reason: 'the JWT issuer is not MessageBird' });
    expect(verify(token(claims({ jti: undefined })))).toEqual({ ok: false, reason: 'the JWT has no jti' });
  });

  it('refuses a forged, truncated or re-claimed token, and a missing header', () => {
    expect(verify(token(claims(), 'another-key'))).toEqual({ ok: false, reason: 'the JWT signature does not match' });
    const t = token(claims());
    expect(verify(t.slice(0, -4)).ok).toBe(false);
    const [h, , s] = t.split('.');
    expect(verify(`${h}.${b64url(claims({ exp: NOW_S + 3600 }))}.${s}`).ok).toBe(false);
    expect(verify(undefined)).toEqual({ ok: false, reason: 'missing MessageBird-Signature-JWT header' });
    expect(verify('not-a-jwt')).toEqual({ ok: false, reason: 'MessageBird-Signature-JWT is not a JWT' });
  });

  it('refuses a signature from an empty secret (a configuration hole, not a key)', () => {
    expect(verifyCallbackSignature(mb, signedRequest('GET', URL_, token(claims(), '')), '', NOW)).toEqual({
      ok: false,
      reason: 'no signature secret is configured',
    });
  });
});
