import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decryptSecret, encryptSecret } from '../src/crypto.js';

const KEY = randomBytes(32);
const WRONG = 'credentials cannot be decrypted: wrong SMSGW_ENCRYPTION_KEY?';

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, including non-ASCII and empty secrets', () => {
    for (const secret of ['s3cr3t', '', 'pässwörd 🔑', 'x'.repeat(10_000)]) {
      const payload = encryptSecret(secret, KEY);
      expect(payload).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
      expect(payload).not.toContain(secret === '' ? 'never' : secret);
      expect(decryptSecret(payload, KEY)).toBe(secret);
    }
  });

  it('uses a fresh 12-byte IV every time', () => {
    const a = encryptSecret('same', KEY);
    const b = encryptSecret('same', KEY);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(':')[1] ?? '', 'base64')).toHaveLength(12);
  });

  it('refuses a wrong key', () => {
    const payload = encryptSecret('s3cr3t', KEY);
    expect(() => decryptSecret(payload, randomBytes(32))).toThrow(WRONG);
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const [v, iv, tag, ct] = encryptSecret('s3cr3t-value', KEY).split(':') as [string, string, string, string];
    const flip = (b64: string): string => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = (buf[0] ?? 0) ^ 1;
      return buf.toString('base64');
    };
    expect(() => decryptSecret([v, iv, tag, flip(ct)].join(':'), KEY)).toThrow(WRONG);
    expect(() => decryptSecret([v, iv, flip(tag), ct].join(':'), KEY)).toThrow(WRONG);
    expect(() => decryptSecret([v, flip(iv), tag, ct].join(':'), KEY)).toThrow(WRONG);
  });

  it('refuses malformed payloads with a plain Error', () => {
    for (const bad of ['', 'plain', 'v2:a:b:c', 'v1:AAAA:BBBB', 'v1:!!:!!:!!']) {
      expect(() => decryptSecret(bad, KEY)).toThrow(Error);
    }
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptSecret('x', randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings', () => {
    expect(constantTimeEqual('token-abc', 'token-abc')).toBe(true);
    expect(constantTimeEqual('token-abc', 'token-abd')).toBe(false);
    expect(constantTimeEqual('token', 'token-abc')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });
});
