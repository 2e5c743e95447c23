import { createHmac, timingSafeEqual } from 'node:crypto';

/** The outcome of checking a callback's signature; `reason` is for logs and never holds a secret. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export const OK: SignatureCheck = Object.freeze({ ok: true });

export function fail(reason: string): SignatureCheck {
  return { ok: false, reason };
}

/** Constant-time equality; different lengths are simply unequal (timingSafeEqual would throw). */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmac(algorithm: 'sha1' | 'sha256', key: string | Buffer, data: string): Buffer {
  return createHmac(algorithm, key).update(data, 'utf8').digest();
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes strict base64 (padding optional), or undefined. Node's decoder skips junk silently,
 * which would let two different header values verify the same.
 */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

export function decodeBase64Url(text: string): Buffer | undefined {
  return BASE64URL.test(text) && text.length % 4 !== 1 ? Buffer.from(text, 'base64url') : undefined;
}

export function decodeHex(text: string): Buffer | undefined {
  return /^(?:[0-9a-fA-F]{2})*$/.test(text) ? Buffer.from(text, 'hex') : undefined;
}
