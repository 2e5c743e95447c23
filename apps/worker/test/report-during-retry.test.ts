import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendQueueName } from '@smsgw/core';
import { eventually } from '../../../test/support/env.js';
import { eventTypes, startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * A temporary failure leaves the message `queued` (attempts > 0) with a delayed retry; the gateway
 * may have taken that attempt after all and report it. The report is the truth: it is applied,
 * and the retry, when it fires, finds nothing to claim, so nothing is sent twice.
 */
describe('a delivery report for a message waiting to retry', () => {
  let h: Harness;
  let gw: string;
  beforeAll(async () => {
    // A long backoff: the retry is certainly still waiting when the report arrives.
    h = await startHarness({ databaseLabel: 'report-retry', env: { SMSGW_SEND_BACKOFF_MS: '600000' } });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  it('cancels the retry and applies the report', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { failFirst: 1 });
    const accepted = await h.send({ to, content: 'reported while waiting', gateway: gw });
    const waiting = await eventually(
      async () => {
        const m = await h.message(accepted.id);
        return m.status === 'queued' && m.attempts > 0 ? m : undefined;
      },
      5000,
      'the message to wait for its retry',
    );
    expect(waiting.gatewayMessageId).toBeNull();
    const queue = h.queues.get(sendQueueName(gw));
    const job = await queue.getJob(accepted.id);
    expect(await job?.getState()).toBe('delayed');

    // The sandbox preset's report, matched by our reference (the failed attempt gave us no id).
    const res = await fetch(await h.statusUrl(gw), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'sbx_00000000000000000042',
        reference: accepted.id,
        status: 'DELIVERED',
        error_code: null,
        timestamp: 1767225600,
        price: '0.0050',
        parts: 1,
      }),
    });
    expect(res.status).toBe(200);
    const done = await h.waitFor(accepted.id, 'delivered', 5000);
    expect(done.deliveredAt).not.toBeNull();

    // Fire the retry now, as if its backoff had passed: its claim must find nothing to send.
    await job?.promote();
    await eventually(async () => ((await queue.getJob(accepted.id)) ? undefined : true), 10_000, 'the retry job to finish');
    await h.sandbox.idle();
    expect(h.sandbox.requests(to).map((r) => r.status)).toEqual([503]);
    expect((await h.message(accepted.id)).status).toBe('delivered');
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'retry', 'report']);
  });
});
