import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryableJobError } from '@smsgw/core';
import { processSend } from '../src/processors/send.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * BullMQ keeps a failed attempt's error message in Redis (failedReason). A provider's error text
 * can echo the recipient or the body, so it belongs in the message's events, not in Redis.
 */
describe('what a retried send leaves in Redis', () => {
  let h: Harness;
  let gw: string;
  beforeAll(async () => {
    h = await startHarness({ databaseLabel: 'reason' });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  it('the retry error names the HTTP status only; the provider text is in the event', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'http503' });
    const row = await h.insertMessage(gw, { to });
    const ctx = { gateway: gw, attemptsMade: 0, maxAttempts: 3, log: h.logger };
    const thrown = await processSend({ messageId: row.id }, h.runtime.sendDeps, ctx).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(RetryableJobError);
    const message = (thrown as Error).message;
    expect(message).toContain('HTTP 503');
    const retry = (await h.events(row.id)).find((e) => e.type === 'retry');
    const providerText = String(retry?.detail['error'] ?? '');
    expect(providerText.length).toBeGreaterThan(0);
    expect(message).not.toContain(providerText);
    expect(message).not.toContain(to);
  });
});
