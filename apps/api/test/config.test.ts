import { describe, expect, it } from 'vitest';
import { ConfigError } from '@smsgw/core';
import { loadApiConfig } from '../src/config.js';

const KEY = 'ab'.repeat(32);

/** The problems a config load reports, or [] when it loads. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadApiConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadApiConfig', () => {
  it('loads defaults from an empty environment (development)', () => {
    const c = loadApiConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', maxSegments: 10, production: false, allowPrivateGateways: false });
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.encryptionKey).toHaveLength(32);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads what it is given', () => {
    const c = loadApiConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SMSGW_MAX_SEGMENTS: '3',
      SMSGW_ENCRYPTION_KEY: KEY,
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'yes',
      SMSGW_DEFAULT_COUNTRY: 'GB',
      DATABASE_URL: 'postgres://u@db:5432/smsgw',
    });
    expect(c).toMatchObject({
      port: 8080,
      maxSegments: 3,
      allowPrivateGateways: true,
      defaultCountry: 'GB',
      databaseUrl: 'postgres://u@db:5432/smsgw',
    });
    // Callback URLs must reach us even when we listen on every interface.
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.encryptionKey.equals(Buffer.from(KEY, 'hex'))).toBe(true);
  });

  it('lists every problem at once: a bad PORT and a bad URL together', () => {
    const p = problems({ PORT: 'eighty', DATABASE_URL: 'not a url', SMSGW_PUBLIC_URL: 'ftp://x', SMSGW_MAX_SEGMENTS: '0' });
    expect(p).toHaveLength(4);
    expect(p.find((x) => x.startsWith('PORT'))).toContain('"eighty"');
    expect(p.some((x) => x.startsWith('DATABASE_URL'))).toBe(true);
    expect(p.some((x) => x.startsWith('SMSGW_PUBLIC_URL'))).toBe(true);
    expect(p.some((x) => x.startsWith('SMSGW_MAX_SEGMENTS'))).toBe(true);
  });

  it('puts every problem in the error message too', () => {
    expect(() => loadApiConfig({ PORT: '70000', REDIS_URL: 'http://redis' })).toThrowError(/PORT[\s\S]*REDIS_URL/);
  });

  it.each(['-1', '65536', '3000.5', '0x1F90', '1e3', '80abc'])('refuses PORT=%s', (port) => {
    expect(problems({ PORT: port }).some((p) => p.startsWith('PORT'))).toBe(true);
  });

  it('reads the private-webhooks switch apart from the private-gateways one (both off by default)', () => {
    expect(loadApiConfig({})).toMatchObject({ allowPrivateGateways: false, allowPrivateWebhooks: false });
    expect(loadApiConfig({ SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true' })).toMatchObject({
      allowPrivateGateways: true,
      allowPrivateWebhooks: false,
    });
    expect(loadApiConfig({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true' })).toMatchObject({
      allowPrivateGateways: false,
      allowPrivateWebhooks: true,
    });
    expect(problems({ SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'sometimes' }).some((p) => p.startsWith('SMSGW_ALLOW_PRIVATE_WEBHOOKS'))).toBe(true);
  });

  it('refuses a wrong database URL scheme and a bad boolean', () => {
    const p = problems({ DATABASE_URL: 'mysql://x/y', SMSGW_ALLOW_PRIVATE_GATEWAYS: 'maybe' });
    expect(p).toHaveLength(2);
  });

  it('requires SMSGW_ENCRYPTION_KEY in production, with a message that says how to make one', () => {
    const p = problems({ NODE_ENV: 'production' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/SMSGW_ENCRYPTION_KEY is required in production/);
    expect(p[0]).toMatch(/openssl rand/);
    expect(loadApiConfig({ NODE_ENV: 'production', SMSGW_ENCRYPTION_KEY: KEY }).production).toBe(true);
  });

  it('refuses a malformed encryption key without echoing it', () => {
    const secret = 'not-a-key-but-a-secret-value';
    const p = problems({ SMSGW_ENCRYPTION_KEY: secret });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/SMSGW_ENCRYPTION_KEY/);
    expect(p.join(' ')).not.toContain(secret);
  });

  it('refuses a short bootstrap key without echoing it', () => {
    const p = problems({ SMSGW_API_KEY: 'short-key' });
    expect(p).toEqual([expect.stringMatching(/SMSGW_API_KEY must be at least 16/)]);
    expect(p.join(' ')).not.toContain('short-key');
  });

  it('refuses an unknown default country at boot, not on every message', () => {
    expect(problems({ SMSGW_DEFAULT_COUNTRY: 'XX' })).toEqual([expect.stringMatching(/SMSGW_DEFAULT_COUNTRY/)]);
    expect(loadApiConfig({ SMSGW_DEFAULT_COUNTRY: 'de' }).defaultCountry).toBe('DE');
  });
});
