import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { headerValue, type CallbackRequest } from './request.js';
import { decodeBase64, fail, OK, type SignatureCheck } from './sig-util.js';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the provider gives the raw 32-byte key. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function publicKey(base64: string): KeyObject | undefined {
  const raw = decodeBase64(base64.trim());
  if (!raw || raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/**
 * Public-key signed callbacks (Telnyx): `signatureHeader` holds a base64 Ed25519 signature of
 * `${timestamp}|${raw body}`, `timestampHeader` the unix seconds it was made; a signature older
 * (or newer) than the tolerance is refused, so a captured callback cannot be replayed later.
 */
export function verifyEd25519(
  req: CallbackRequest,
  publicKeyBase64: string,
  opts: { signatureHeader: string; timestampHeader: string; toleranceSeconds: number },
  now: Date,
): SignatureCheck {
  const key = publicKey(publicKeyBase64);
  if (!key) return fail('the configured public key is not a base64 Ed25519 key');
  const signature = decodeBase64(headerValue(req.headers, opts.signatureHeader)?.trim() ?? '');
  if (!signature || signature.length !== 64) return fail(`missing or malformed ${opts.signatureHeader} header`);
  const timestamp = headerValue(req.headers, opts.timestampHeader)?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return fail(`missing or malformed ${opts.timestampHeader} header`);
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > opts.toleranceSeconds) return fail('signature timestamp outside the tolerance');
  const ok = verify(null, Buffer.from(`${timestamp}|${req.rawBody}`, 'utf8'), key, signature);
  return ok ? OK : fail(`${opts.signatureHeader} does not match`);
}
