import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import { gatewayConfigSchema, type SignatureConfig } from '../../src/config/schema.js';
import { request } from './helpers.js';

const SECRET = 'sig-secret-123';
const NOW = new Date('2026-11-26T10:00:00Z');
const TS = String(Math.floor(NOW.getTime() / 1000));

function sigConfig(algorithm?: string): SignatureConfig {
  const cfg = gatewayConfigSchema.parse({
    send: { method: 'POST', url: 'https://example.test', body: 'form' },
    statusCallback: {
      messageId: 'messageId',
      status: 'status',
      statusMap: {},
      signature: { scheme: 'vonage-sms', secret: '{{credentials.signatureSecret}}', ...(algorithm ? { algorithm } : {}) },
    },
  });
  if (!cfg.statusCallback) throw new Error('no statusCallback');
  return cfg.statusCallback.signature;
}

/** Vonage's documented recipe, written out here rather than taken from the verifier. */
function vonageSig(params: Record<string, string>, algorithm: string): string {
  const signed = Object.keys(params)
    .sort()
    .map((k) => `&${k}=${(params[k] ?? '').replace(/[&=]/g, '_')}`)
    .join('');
  return algorithm === 'md5hash'
    ? createHash('md5')
        .update(signed + SECRET)
        .digest('hex')
    : createHmac(algorithm, SECRET).update(signed).digest('hex').toUpperCase();
}

const DLR = { messageId: '0A0000000123ABCD1', msisdn: '447400123456', status: 'delivered', 'client-ref': 'a=b&c', timestamp: TS };
const asQuery = (p: Record<string, string>) =>
  `https://smsgw.example.test/callbacks/vonage/tok/status?${new URLSearchParams(p).toString()}`;

describe('Vonage SMS API signed webhooks (sig parameter)', () => {
  it.each(['md5hash', 'md5', 'sha1', 'sha256', 'sha512'])(
    '%s: a correct sig over the sorted fields passes, GET and POST form',
    (algorithm) => {
      const params = { ...DLR, sig: vonageSig(DLR, algorithm) };
      expect(verifyCallbackSignature(sigConfig(algorithm), request({ url: asQuery(params) }), SECRET, NOW)).toEqual({ ok: true });
      const form = request({
        method: 'POST',
        rawBody: new URLSearchParams(params).toString(),
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(verifyCallbackSignature(sigConfig(algorithm), form, SECRET, NOW)).toEqual({ ok: true });
    },
  );

  it('refuses a changed field, a wrong secret, a missing sig, and a stale timestamp', () => {
    const cfg = sigConfig('sha256');
    const good = { ...DLR, sig: vonageSig(DLR, 'sha256') };
    expect(verifyCallbackSignature(cfg, request({ url: asQuery({ ...good, status: 'failed' }) }), SECRET, NOW).ok).toBe(false);
    expect(verifyCallbackSignature(cfg, request({ url: asQuery(good) }), 'other-secret', NOW).ok).toBe(false);
    expect(verifyCallbackSignature(cfg, request({ url: asQuery(DLR) }), SECRET, NOW)).toMatchObject({
      ok: false,
      reason: 'missing sig parameter',
    });
    const old = { ...DLR, timestamp: String(Number(TS) - 301) };
    expect(verifyCallbackSignature(cfg, request({ url: asQuery({ ...old, sig: vonageSig(old, 'sha256') }) }), SECRET, NOW)).toMatchObject({
      ok: false,
      reason: 'missing or stale timestamp parameter',
    });
  });

  it('md5hash is the default algorithm', () => {
    const params = { ...DLR, sig: vonageSig(DLR, 'md5hash') };
    expect(verifyCallbackSignature(sigConfig(), request({ url: asQuery(params) }), SECRET, NOW)).toEqual({ ok: true });
  });
});
