import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEV_ENCRYPTION_KEY, isProduction, parseEncryptionKey, readRuntimeConfig } from '../src/config.js';
import { ConfigError, envReader, type Env } from '../src/env.js';

const KEY = 'ab'.repeat(32);

/** The problems reading the runtime settings reports, or [] when they read cleanly. */
function problems(env: Env, requireEncryptionKey: boolean): string[] {
  const r = envReader(env);
  readRuntimeConfig(r, { requireEncryptionKey });
  try {
    r.done();
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('readRuntimeConfig', () => {
  it('reads defaults, with the development key when none is given and none is required', () => {
    const r = envReader({});
    const c = readRuntimeConfig(r, { requireEncryptionKey: false });
    r.done();
    expect(c).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'smsgw',
      allowPrivateGateways: false,
      allowPrivateWebhooks: false,
    });
    expect(c.encryptionKey.equals(DEV_ENCRYPTION_KEY)).toBe(true);
  });

  it('refuses to go on without a key when the caller requires one, saying how to make one', () => {
    const p = problems({}, true);
    expect(p).toEqual([expect.stringMatching(/SMSGW_ENCRYPTION_KEY is required in production[\s\S]*openssl rand/)]);
    expect(problems({ SMSGW_ENCRYPTION_KEY: KEY }, true)).toEqual([]);
  });

  it('does not look at NODE_ENV: the requirement is the caller’s', () => {
    expect(problems({ NODE_ENV: 'production' }, false)).toEqual([]);
    expect(isProduction(envReader({ NODE_ENV: 'production' }))).toBe(true);
    expect(isProduction(envReader({}))).toBe(false);
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
    for (const bad of [
      '',
      'short',
      randomBytes(16).toString('hex'),
      randomBytes(31).toString('base64'),
      'g'.repeat(64),
      randomBytes(33).toString('base64'),
    ]) {
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
