import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendQueueName } from '@smsgw/core';
import { eventually } from '../../../test/support/env.js';
import { eventTypes, startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * The failure classes of DESIGN.md, "Sending and failure classes", each provoked through the
 * sandbox for one recipient. SMSGW_SEND_ATTEMPTS is 3 and the backoff 20 ms (harness).
 */
describe('failure classes', () => {
  let h: Harness;
  let gw: string;
  beforeAll(async () => {
    h = await startHarness({ env: { SMSGW_HTTP_TIMEOUT_MS: '600' } });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  /** No job is left for the message (no retry pending): nothing will send it again. */
  const noJobLeft = async (gateway: string, id: string) =>
    eventually(
      async () => ((await h.queues.get(sendQueueName(gateway)).getJob(id)) ? undefined : true),
      5000,
      `the job of ${id} to finish`,
    );

  it('a temporary failure is retried, then sent once', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { failFirst: 2 });
    const accepted = await h.send({ to, content: 'retry me', gateway: gw });
    const done = await h.waitFor(accepted.id, 'delivered');
    expect(done.attempts).toBe(3);
    expect(eventTypes(await h.events(accepted.id))).toEqual([
      'accepted',
      'sending',
      'retry',
      'sending',
      'retry',
      'sending',
      'sent',
      'report',
    ]);
    const requests = h.sandbox.requests(to);
    expect(requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(requests.filter((r) => r.id !== null)).toHaveLength(1);
    expect(done.gatewayMessageId).toBe(requests[2]?.id);
  });

  it('a permanent failure fails at once with the gateway’s error text', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'reject' });
    const accepted = await h.send({ to, content: 'bad number', gateway: gw });
    const done = await h.waitFor(accepted.id, 'failed');
    expect(done.statusMessage).toBe('invalid_number');
    expect(done.attempts).toBe(1);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'failed']);
    expect(h.sandbox.requests(to).map((r) => r.status)).toEqual([400]);
  });

  it('temporary failures until the attempts run out → failed (no next gateway)', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'http503' });
    const accepted = await h.send({ to, content: 'always down', gateway: gw });
    const done = await h.waitFor(accepted.id, 'failed');
    expect(done.statusMessage).toBe('unavailable (attempts exhausted)');
    expect(done.attempts).toBe(3);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'retry', 'sending', 'retry', 'sending', 'failed']);
    expect(h.sandbox.requests(to).map((r) => r.status)).toEqual([503, 503, 503]);
    await noJobLeft(gw, accepted.id);
  });

  it('a read timeout is ambiguous: unknown, and the request is never sent again', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'hang' });
    const accepted = await h.send({ to, content: 'hangs', gateway: gw });
    const done = await h.waitFor(accepted.id, 'unknown');
    // undici's headers timeout and our total deadline are the same length: either may fire first.
    expect(done.statusMessage).toMatch(/deadline|timeout/i);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'unknown']);
    await noJobLeft(gw, accepted.id);
    expect(h.sandbox.requests(to)).toHaveLength(1);
    expect(h.sandbox.requests(to)[0]?.outcome).toBe('hang');
    expect((await h.message(accepted.id)).status).toBe('unknown');
  });

  it('a connection reset after the request was written is ambiguous too', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'reset' });
    const accepted = await h.send({ to, content: 'resets', gateway: gw });
    await h.waitFor(accepted.id, 'unknown');
    await noJobLeft(gw, accepted.id);
    expect(h.sandbox.requests(to)).toHaveLength(1);
    expect(h.sandbox.requests(to)[0]?.outcome).toBe('reset');
  });

  it('a refused connection is safe to retry (nothing was written)', async () => {
    const closed = await h.newSandbox();
    const deadGw = await h.addGateway({ sandbox: closed });
    await closed.close();
    const accepted = await h.send({ to: uniqueNumber(), content: 'nobody listens', gateway: deadGw });
    const done = await h.waitFor(accepted.id, 'failed');
    expect(done.attempts).toBe(3);
    expect(done.statusMessage).toMatch(/ECONNREFUSED.*attempts exhausted/);
  });

  it('a 429 waits for Retry-After without spending an attempt, then sends once', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'http429', retryAfterSeconds: 1 });
    // A gateway of its own: throttling pauses the whole gateway queue.
    const slowGw = await h.addGateway();
    const accepted = await h.send({ to, content: 'throttled', gateway: slowGw });
    await eventually(async () => (h.sandbox.requests(to).some((r) => r.status === 429) ? true : undefined), 5000, 'the 429');
    h.sandbox.setRule(to, null);
    const done = await h.waitFor(accepted.id, 'delivered', 5000);
    expect(done.attempts).toBe(1);
    const requests = h.sandbox.requests(to);
    expect(requests.map((r) => r.status)).toEqual([429, 200]);
    const waited = Date.parse(requests[1]?.time ?? '') - Date.parse(requests[0]?.time ?? '');
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'throttled', 'sending', 'sent', 'report']);
  });

  it('an unknown send is resolved by the gateway’s late report (matched by our reference)', async () => {
    const to = uniqueNumber();
    // The sandbox accepts after 1 s; we gave up at 600 ms, so the outcome is unknown to us.
    h.sandbox.setRule(to, { mode: 'slow', slowMs: 1000 });
    const accepted = await h.send({ to, content: 'slow gateway', gateway: gw });
    await h.waitFor(accepted.id, 'unknown');
    const done = await h.waitFor(accepted.id, 'delivered', 5000);
    expect(h.sandbox.requests(to)).toHaveLength(1);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'unknown', 'report']);
    expect(done.deliveredAt).not.toBeNull();
  });

  it('a report that came while the send hung is applied when the send ends unknown', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { mode: 'hang' });
    const accepted = await h.send({ to, content: 'reported, then hung', gateway: gw });
    await eventually(async () => (h.sandbox.requests(to)[0]?.outcome === 'hang' ? true : undefined), 5000, 'the hanging request');
    // The provider did take it: its report arrives while we still wait for the answer (parked).
    const res = await fetch(await h.statusUrl(gw), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'sbx_0123456789abcdef0123',
        reference: accepted.id,
        status: 'DELIVERED',
        error_code: null,
        timestamp: 1767225600,
        price: '0.0050',
        parts: 1,
      }),
    });
    expect(res.status).toBe(200);
    // Normally still `sending` here, so the report is parked; on a starved machine the deadline
    // may have passed already, and the report then applies directly: the end is the same.
    const done = await h.waitFor(accepted.id, 'delivered', 5000);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'unknown', 'report']);
    expect(done.deliveredAt).not.toBeNull();
    expect(h.sandbox.requests(to)).toHaveLength(1);
  });
});
