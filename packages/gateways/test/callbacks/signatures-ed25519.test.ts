import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyCallbackSignature } from '../../src/callbacks/signatures.js';
import { gatewayConfigSchema, type SignatureConfig } from '../../src/config/schema.js';
import { request } from './helpers.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
const NOW = new Date('2026-11-26T10:00:00Z');
const TS = String(Math.floor(NOW.getTime() / 1000));
const BODY = '{"data":{"event_type":"message.finalized","payload":{"id":"40317f4e"}}}';

const sig: SignatureConfig = (() => {
  const cfg = gatewayConfigSchema.parse({
    send: { method: 'POST', url: 'https://example.test', body: 'json' },
    statusCallback: {
      messageId: 'id',
      status: 'status',
      statusMap: {},
      signature: { scheme: 'ed25519', secret: '{{credentials.publicKey}}' },
    },
  });
  if (!cfg.statusCallback) throw new Error('no statusCallback');
  return cfg.statusCallback.signature;
})();

function signed(body: string, ts = TS, key = privateKey): Record<string, string> {
  return { 'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), key).toString('base64'), 'telnyx-timestamp': ts };
}

const check = (headers: Record<string, string>, body = BODY, key = PUBLIC) =>
  verifyCallbackSignature(sig, request({ method: 'POST', headers, rawBody: body, contentType: 'application/json' }), key, NOW);

describe('ed25519 (Telnyx) callback signatures', () => {
  it('accepts a signature over timestamp|body made with the matching private key', () => {
    expect(check(signed(BODY))).toEqual({ ok: true });
  });

  it('refuses a changed body, another key, a stale or future timestamp, and missing or malformed headers', () => {
    expect(check(signed(BODY), `${BODY} `).ok).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(check(signed(BODY, TS, other)).ok).toBe(false);
    expect(check(signed(BODY, String(Number(TS) - 301)))).toMatchObject({ ok: false, reason: 'signature timestamp outside the tolerance' });
    expect(check(signed(BODY, String(Number(TS) + 301))).ok).toBe(false);
    expect(check({ 'telnyx-timestamp': TS }).ok).toBe(false);
    expect(check({ 'telnyx-signature-ed25519': 'not base64!', 'telnyx-timestamp': TS }).ok).toBe(false);
    expect(check({ ...signed(BODY), 'telnyx-timestamp': 'soon' }).ok).toBe(false);
  });

  it('a configured key that is not an Ed25519 public key fails closed', () => {
    expect(check(signed(BODY), BODY, 'c2hvcnQ=')).toMatchObject({ ok: false });
    expect(check(signed(BODY), BODY, '')).toMatchObject({ ok: false, reason: 'no signature secret is configured' });
  });
});
