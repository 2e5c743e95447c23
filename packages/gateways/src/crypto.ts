import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Gateway credentials are encrypted at rest with AES-256-GCM, so a database dump alone does not
 * hand out the provider accounts. The payload is versioned ("v1:") so the scheme can change
 * without guessing what an old row holds.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const DECRYPT_FAILED = 'credentials cannot be decrypted: wrong SMSGW_ENCRYPTION_KEY?';

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

/** Encrypts a secret with AES-256-GCM and a random 12-byte IV: `v1:<iv b64>:<tag b64>:<ciphertext b64>`. */
export function encryptSecret(plaintext: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64'), tag.toString('base64'), ct.toString('base64')].join(':');
}

/**
 * Decrypts a payload made by `encryptSecret`. A wrong key, a tampered payload and a malformed one
 * all throw a plain Error: the operator's likely mistake is the key, and the message says so.
 */
export function decryptSecret(payload: string, key: Buffer): string {
  assertKey(key);
  const parts = payload.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error(DECRYPT_FAILED);
  const iv = Buffer.from(parts[1] ?? '', 'base64');
  const tag = Buffer.from(parts[2] ?? '', 'base64');
  const ct = Buffer.from(parts[3] ?? '', 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(DECRYPT_FAILED);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(DECRYPT_FAILED);
  }
}

/**
 * Compares two secrets without leaking where they differ. Both are hashed first so that
 * `timingSafeEqual` gets equal lengths and the length of the expected secret does not leak either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
