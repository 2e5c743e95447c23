import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import type { SignatureConfig } from '../../src/config/schema.js';
import { jsonPost, request } from './helpers.js';

const vonage: SignatureConfig = { scheme: 'vonage-jwt', secret: '{{credentials.signatureSecret}}' };
const SECRET = 'vonage-signature-secret-0123456789';
const NOW = new Date('2024-05-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const URL_ = 'https://smsgw.example.test/callbacks/vonage/tok/status';

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An HS256 JWT built by hand, as Vonage documents its signed webhooks. */
function jwt(claims: Record<string, unknown>, secret = SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const signing = `${b64url(header)}.${b64url(claims)}`;
  return `${signing}.${createHmac('sha256', secret).update(signing).digest('base64url')}`;
}

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const body = {
  message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
  to: '15005550001',
  from: 'Vonage',
  timestamp: '2024-05-01T11:59:58Z',
  status: 'delivered',
  channel: 'sms',
};
const raw = JSON.stringify(body);
const claims = (extra: Record<string, unknown> = {}) => ({
  iat: NOW_S - 2,
  jti: 'c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5',
  iss: 'Vonage',
  payload_hash: sha256hex(raw),
  api_key: 'abcd1234',
  application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  ...extra,
});
const signed = (token: string, text = raw) =>
  request({ method: 'POST', url: URL_, rawBody: text, contentType: 'application/json', headers: { authorization: `Bearer ${token}` } });

describe('vonage-jwt', () => {
  it('accepts a fresh token whose payload_hash matches the body', () => {
    expect(verifyCallbackSignature(vonage, signed(jwt(claims())), SECRET, NOW)).toEqual({ ok: true });
    const { payload_hash: _omit, ...noHash } = claims();
    expect(verifyCallbackSignature(vonage, signed(jwt(noHash)), SECRET, NOW)).toEqual({ ok: true });
  });

  it('rejects a tampered body, a forged or truncated signature', () => {
    expect(verifyCallbackSignature(vonage, signed(jwt(claims()), raw.replace('delivered', 'rejected')), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'payload_hash does not match the body',
    });
    expect(verifyCallbackSignature(vonage, signed(jwt(claims(), 'another-secret')), SECRET, NOW).ok).toBe(false);
    const token = jwt(claims());
    expect(verifyCallbackSignature(vonage, signed(token.slice(0, -10)), SECRET, NOW).ok).toBe(false);
    expect(verifyCallbackSignature(vonage, signed(`${token}AAAA`), SECRET, NOW).ok).toBe(false);
    // Claims changed after signing: the signature no longer covers them.
    const [h, , s] = token.split('.');
    expect(verifyCallbackSignature(vonage, signed(`${h}.${b64url(claims({ iat: NOW_S }))}.${s}`), SECRET, NOW).ok).toBe(false);
  });

  it('rejects stale, future and expired tokens', () => {
    expect(verifyCallbackSignature(vonage, signed(jwt(claims({ iat: NOW_S - 301 }))), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'the JWT is too old',
    });
    expect(verifyCallbackSignature(vonage, signed(jwt(claims({ iat: NOW_S - 299 }))), SECRET, NOW).ok).toBe(true);
    expect(verifyCallbackSignature(vonage, signed(jwt(claims({ iat: NOW_S + 600 }))), SECRET, NOW).ok).toBe(false);
    expect(verifyCallbackSignature(vonage, signed(jwt(claims({ exp: NOW_S - 1 }))), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'the JWT has expired',
    });
    expect(verifyCallbackSignature(vonage, signed(jwt(claims({ iat: undefined }))), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'the JWT has no iat',
    });
  });

  it("refuses any algorithm but HS256, including 'none'", () => {
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`;
    expect(verifyCallbackSignature(vonage, signed(none), SECRET, NOW)).toEqual({ ok: false, reason: 'the JWT is not HS256' });
    expect(verifyCallbackSignature(vonage, signed(jwt(claims(), SECRET, { alg: 'HS512' })), SECRET, NOW).ok).toBe(false);
  });

  it('rejects a missing or malformed Authorization header', () => {
    expect(verifyCallbackSignature(vonage, jsonPost(URL_, body), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'missing Authorization: Bearer token',
    });
    expect(verifyCallbackSignature(vonage, jsonPost(URL_, body, { authorization: `Basic ${jwt(claims())}` }), SECRET, NOW).ok).toBe(false);
    expect(verifyCallbackSignature(vonage, jsonPost(URL_, body, { authorization: 'Bearer a.b' }), SECRET, NOW).ok).toBe(false);
    expect(verifyCallbackSignature(vonage, jsonPost(URL_, body, { authorization: 'Bearer %%%.%%%.%%%' }), SECRET, NOW).ok).toBe(false);
  });

  it('hashes the query as JSON for a GET webhook', () => {
    const url = `${URL_}?msisdn=15005550001&to=12345&status=delivered`;
    const hash = sha256hex(JSON.stringify({ msisdn: '15005550001', to: '12345', status: 'delivered' }));
    const req = request({ url, headers: { authorization: `Bearer ${jwt(claims({ payload_hash: hash }))}` } });
    expect(verifyCallbackSignature(vonage, req, SECRET, NOW).ok).toBe(true);
  });
});

describe('hmac-sha256', () => {
  const bodyText = '{"id":"m1","status":"delivered"}';
  const digest = createHmac('sha256', 'shh').update(bodyText).digest();
  const hex: SignatureConfig = { scheme: 'hmac-sha256', secret: 's', header: 'X-Signature', encoding: 'hex', prefix: '' };
  const b64: SignatureConfig = { scheme: 'hmac-sha256', secret: 's', header: 'x-hub-signature-256', encoding: 'base64', prefix: 'sha256=' };
  const req = (headers: Record<string, string>, text = bodyText) =>
    request({ method: 'POST', rawBody: text, contentType: 'application/json', headers });

  it('accepts hex (either case) and prefixed base64', () => {
    expect(verifyCallbackSignature(hex, req({ 'x-signature': digest.toString('hex') }), 'shh')).toEqual({ ok: true });
    expect(verifyCallbackSignature(hex, req({ 'x-signature': digest.toString('hex').toUpperCase() }), 'shh').ok).toBe(true);
    expect(verifyCallbackSignature(b64, req({ 'x-hub-signature-256': `sha256=${digest.toString('base64')}` }), 'shh').ok).toBe(true);
  });

  it('rejects a tampered body, a forged, short or unprefixed signature, a missing header', () => {
    expect(verifyCallbackSignature(hex, req({ 'x-signature': digest.toString('hex') }, bodyText.replace('m1', 'm2')), 'shh').ok).toBe(
      false,
    );
    expect(verifyCallbackSignature(hex, req({ 'x-signature': createHmac('sha256', 'x').update(bodyText).digest('hex') }), 'shh').ok).toBe(
      false,
    );
    expect(verifyCallbackSignature(hex, req({ 'x-signature': digest.toString('hex').slice(0, 40) }), 'shh')).toEqual({
      ok: false,
      reason: 'X-Signature does not match',
    });
    expect(verifyCallbackSignature(hex, req({ 'x-signature': 'zz' }), 'shh')).toEqual({ ok: false, reason: 'X-Signature is not hex' });
    expect(verifyCallbackSignature(b64, req({ 'x-hub-signature-256': digest.toString('base64') }), 'shh').ok).toBe(false);
    expect(verifyCallbackSignature(hex, req({}), 'shh')).toEqual({ ok: false, reason: 'missing X-Signature header' });
  });
});
