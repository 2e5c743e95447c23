import { describe, expect, it } from 'vitest';
import { classifyResult } from '../src/classify.js';
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../src/config/schema.js';
import type { HttpResult } from '../src/http.js';
import { getPreset, presetNames } from '../src/presets.js';

/**
 * Part of the preset contract (presets.contract.test.ts runs the documented samples): what every
 * preset does with the answers that cost the most when misread. A server error after the provider
 * took the message must not be resent (two SMS), and a Retry-After must not stall a queue for days.
 */

const NOW = new Date('2025-01-01T00:00:00Z');

/**
 * Presets whose provider documents a bare 500, 502 or 504 as "nothing was sent, retry". None does
 * today; one that does adds a rule (`{"status": 500, "outcome": "temporary"}`) and its name here.
 */
const DOCUMENTED_RETRYABLE_5XX: ReadonlySet<string> = new Set();

function bare(status: number, headers: Record<string, string> = {}): HttpResult {
  return { kind: 'response', status, headers, body: '', truncated: false };
}

function preset(name: string) {
  const config = getPreset(name);
  if (!config) throw new Error(`no preset ${name}`);
  return config;
}

describe.each(presetNames())('preset %s failure classes', (name) => {
  it('does not resend after a bare 500, 502 or 504; retries a 503', () => {
    const config = preset(name);
    if (!DOCUMENTED_RETRYABLE_5XX.has(name)) {
      for (const status of [500, 502, 504]) expect(classifyResult(config, bare(status), NOW).kind, `HTTP ${status}`).toBe('ambiguous');
    }
    expect(classifyResult(config, bare(503), NOW).kind).toBe('temporary');
  });

  it('waits at most five minutes on a 429 whatever its Retry-After says', () => {
    const config = preset(name);
    expect(config.response.maxRetryAfterMs).toBe(DEFAULT_MAX_RETRY_AFTER_MS);
    // Kannel sends no 429 and its preset reads every 4xx as permanent.
    if (classifyResult(config, bare(429), NOW).kind !== 'throttled') return;
    for (const retryAfter of ['604800', '1'.repeat(400), 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      expect(classifyResult(config, bare(429, { 'retry-after': retryAfter }), NOW)).toMatchObject({
        kind: 'throttled',
        retryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
      });
    }
    expect(classifyResult(config, bare(429, { 'retry-after': '2' }), NOW)).toMatchObject({ kind: 'throttled', retryAfterMs: 2000 });
  });
});
