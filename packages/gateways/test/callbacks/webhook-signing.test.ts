import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import { signWebhook, verifyWebhook } from '../../src/callbacks/webhook-signing.js';
import { request } from './helpers.js';

// The test vector of the Standard Webhooks specification.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT = new Date(SPEC.timestamp * 1000);
const specHeaders = { 'webhook-id': SPEC.id, 'webhook-timestamp': String(SPEC.timestamp), 'webhook-signature': SPEC.signature };

describe('signWebhook', () => {
  it("produces the specification's signature", () => {
    expect(signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body)).toEqual(specHeaders);
  });

  it('matches an independent computation for another secret', () => {
    const key = Buffer.from('our-own-32-byte-secret-for-tests');
    const secret = `whsec_${key.toString('base64')}`;
    const expected = createHmac('sha256', key).update('evt_1.1700000000.{"a":1}').digest('base64');
    expect(signWebhook(secret, 'evt_1', 1700000000, '{"a":1}')['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('refuses a secret that is not base64, and a non-integer timestamp', () => {
    expect(() => signWebhook('whsec_not base64!', 'a', 1, '')).toThrow(/base64/);
    expect(() => signWebhook(SPEC.secret, 'a', 1.5, '')).toThrow(/seconds/);
  });
});

describe('verifyWebhook', () => {
  it("accepts the specification's vector, with or without the whsec_ prefix", () => {
    expect(verifyWebhook(SPEC.secret, specHeaders, SPEC.body, AT)).toEqual({ ok: true });
    expect(verifyWebhook(SPEC.secret.slice(6), specHeaders, SPEC.body, AT)).toEqual({ ok: true });
    const svix = { 'svix-id': SPEC.id, 'svix-timestamp': String(SPEC.timestamp), 'svix-signature': SPEC.signature };
    expect(verifyWebhook(SPEC.secret, svix, SPEC.body, AT).ok).toBe(true);
  });

  it('round-trips what signWebhook produced', () => {
    const secret = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`;
    const now = new Date('2024-05-01T12:00:00Z');
    const headers = signWebhook(secret, 'evt_9', now.getTime() / 1000, '{"event":"message.delivered"}');
    expect(verifyWebhook(secret, headers, '{"event":"message.delivered"}', now)).toEqual({ ok: true });
  });

  it('accepts when any of several space-separated signatures matches; ignores other versions', () => {
    const headers = { ...specHeaders, 'webhook-signature': `v1,Zm9yZ2Vk v1a,whatever ${SPEC.signature}` };
    expect(verifyWebhook(SPEC.secret, headers, SPEC.body, AT).ok).toBe(true);
    const v2only = { ...specHeaders, 'webhook-signature': SPEC.signature.replace('v1,', 'v2,') };
    expect(verifyWebhook(SPEC.secret, v2only, SPEC.body, AT).ok).toBe(false);
  });

  it('rejects a tampered body, id or timestamp, and a forged or short signature', () => {
    expect(verifyWebhook(SPEC.secret, specHeaders, '{"test": 2432232315}', AT).ok).toBe(false);
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-id': 'msg_other' }, SPEC.body, AT).ok).toBe(false);
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-timestamp': String(SPEC.timestamp + 1) }, SPEC.body, AT).ok).toBe(false);
    const forged = createHmac('sha256', 'guess').update(`${SPEC.id}.${SPEC.timestamp}.${SPEC.body}`).digest('base64');
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-signature': `v1,${forged}` }, SPEC.body, AT).ok).toBe(false);
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-signature': SPEC.signature.slice(0, 20) }, SPEC.body, AT).ok).toBe(false);
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-signature': 'v1,***' }, SPEC.body, AT).ok).toBe(false);
  });

  it('rejects stale and future timestamps outside the tolerance', () => {
    const later = (s: number) => new Date((SPEC.timestamp + s) * 1000);
    expect(verifyWebhook(SPEC.secret, specHeaders, SPEC.body, later(300)).ok).toBe(true);
    expect(verifyWebhook(SPEC.secret, specHeaders, SPEC.body, later(301))).toEqual({ ok: false, reason: 'webhook-timestamp is too old' });
    expect(verifyWebhook(SPEC.secret, specHeaders, SPEC.body, later(-301))).toEqual({
      ok: false,
      reason: 'webhook-timestamp is in the future',
    });
    expect(verifyWebhook(SPEC.secret, specHeaders, SPEC.body, later(3000), 3600).ok).toBe(true);
    expect(verifyWebhook(SPEC.secret, { ...specHeaders, 'webhook-timestamp': '1614265330.5' }, SPEC.body, AT).ok).toBe(false);
  });

  it('rejects missing headers and an unusable secret', () => {
    for (const name of Object.keys(specHeaders)) {
      const headers: Record<string, string> = { ...specHeaders };
      delete headers[name];
      expect(verifyWebhook(SPEC.secret, headers, SPEC.body, AT).ok).toBe(false);
    }
    expect(verifyWebhook('whsec_***', specHeaders, SPEC.body, AT)).toEqual({
      ok: false,
      reason: 'the configured secret is not whsec_ followed by base64',
    });
  });
});

describe("the 'standard-webhooks' callback scheme", () => {
  it('verifies through verifyCallbackSignature with the configured tolerance', () => {
    const req = request({ method: 'POST', rawBody: SPEC.body, contentType: 'application/json', headers: specHeaders });
    const sig = { scheme: 'standard-webhooks', secret: '{{credentials.webhookSecret}}', toleranceSeconds: 60 } as const;
    expect(verifyCallbackSignature(sig, req, SPEC.secret, AT)).toEqual({ ok: true });
    expect(verifyCallbackSignature(sig, req, SPEC.secret, new Date((SPEC.timestamp + 61) * 1000)).ok).toBe(false);
  });
});
