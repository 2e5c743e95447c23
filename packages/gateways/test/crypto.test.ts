import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decryptSecret, encryptSecret, parseEncryptionKey } from '../src/crypto.js';

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

describe('parseEncryptionKey', () => {
  const raw = randomBytes(32);

  it('accepts 64 hex characters', () => {
    expect(parseEncryptionKey(raw.toString('hex'))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString('hex').toUpperCase())).toEqual(raw);
  });

  it('accepts standard and URL-safe base64, surrounding whitespace ignored', () => {
    expect(parseEncryptionKey(raw.toString('base64'))).toEqual(raw);
    expect(parseEncryptionKey(raw.toString('base64url'))).toEqual(raw);
    expect(parseEncryptionKey(` ${raw.toString('base64')}\n`)).toEqual(raw);
  });

  it('refuses anything else without echoing it', () => {
    for (const bad of ['', 'short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'g'.repeat(64), randomBytes(33).toString('base64')]) {
      expect(() => parseEncryptionKey(bad)).toThrow(/SMSGW_ENCRYPTION_KEY must be 32 bytes/);
    }
    // Caught by hand to read the message; the assertions stay outside the catch so a key that
    // parses (nothing thrown) fails the test instead of skipping them.
    let thrown: unknown;
    try {
      parseEncryptionKey('my-secret-value');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).not.toContain('my-secret-value');
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
