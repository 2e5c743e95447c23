import { describe, expect, it } from 'vitest';
import { ConfigError } from '@smsgw/core';
import { loadWorkerConfig } from '../src/config.js';

/** The problems a config load reports, or [] when it loads. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadWorkerConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('loadWorkerConfig', () => {
  it('refuses to start in production without SMSGW_ENCRYPTION_KEY (the rule stated in loadWorkerConfig)', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/SMSGW_ENCRYPTION_KEY is required in production/)]);
    expect(loadWorkerConfig({ NODE_ENV: 'production', SMSGW_ENCRYPTION_KEY: 'ab'.repeat(32) }).production).toBe(true);
  });

  it('starts without a key outside production (development key)', () => {
    expect(loadWorkerConfig({}).production).toBe(false);
  });
});
