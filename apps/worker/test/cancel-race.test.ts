import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sendQueueName } from '@smsgw/core';
import { webhookDeliveries } from '@smsgw/db';
import { eventually } from '../../../test/support/env.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';

/**
 * A cancel must win over a job still live in BullMQ: the job's claim is the same conditional
 * update as the cancel, so whichever runs first wins and the loser changes nothing. The sandbox's
 * record of what it received is the oracle for "never sent".
 */
describe('cancel against live jobs', () => {
  let h: Harness;
  let gw: string;
  // Nothing listens on port 9: the webhook is only looked for as a row, never received.
  const webhookUrl = 'http://127.0.0.1:9/hook';
  beforeAll(async () => {
    h = await startHarness({ databaseLabel: 'cancel-race', env: { SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true' } });
    gw = await h.addGateway();
  });
  afterAll(async () => h?.close());

  const queue = () => h.queues.get(sendQueueName(gw));

  /** The job ran (or was dropped) and is gone: nothing will try the message again. */
  const jobGone = async (id: string) =>
    eventually(async () => ((await queue().getJob(id)) ? undefined : true), 10_000, `the job of ${id} to finish`);

  const cancelledWebhooks = async (id: string) =>
    (await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.messageId, id))).filter(
      (d) => (d.payload['data'] as { status?: string } | undefined)?.status === 'cancelled',
    );

  it('a cancelled queued message whose job is still waiting is never sent', async () => {
    const to = uniqueNumber();
    // Paused, so the job is certainly still waiting when the cancel lands.
    await queue().pause();
    let id: string;
    try {
      const accepted = await h.send({ to, content: 'cancel me', gateway: gw, webhookUrl });
      id = accepted.id;
      expect(await (await queue().getJob(id))?.getState()).toBe('waiting');
      expect((await h.api('POST', `/v1/messages/${id}/cancel`)).status).toBe(200);
    } finally {
      await queue().resume();
    }
    await jobGone(id);
    await h.sandbox.idle();
    expect(h.sandbox.requests(to)).toEqual([]);
    expect((await h.message(id)).status).toBe('cancelled');
    expect(await cancelledWebhooks(id)).toHaveLength(1);
  });

  it('a cancelled scheduled message whose delayed job fires anyway is never sent', async () => {
    const to = uniqueNumber();
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const accepted = await h.send({ to, content: 'cancel me later', gateway: gw, sendAt, webhookUrl });
    expect(accepted.status).toBe('scheduled');
    const job = await queue().getJob(accepted.id);
    expect(await job?.getState()).toBe('delayed');
    expect((await h.api('POST', `/v1/messages/${accepted.id}/cancel`)).status).toBe(200);
    // Fire the delayed job now, as if its time had come: its claim must find nothing.
    await job?.promote();
    await jobGone(accepted.id);
    await h.sandbox.idle();
    expect(h.sandbox.requests(to)).toEqual([]);
    expect((await h.message(accepted.id)).status).toBe('cancelled');
    expect(await cancelledWebhooks(accepted.id)).toHaveLength(1);
  });

  it('cancel racing the claim: each message is either cancelled and unsent, or sent exactly once', async () => {
    const N = 30;
    const outcomes = await Promise.all(
      Array.from({ length: N }, async () => {
        const to = uniqueNumber();
        const accepted = await h.send({ to, content: 'race', gateway: gw });
        // The worker takes the job at once; the cancel goes out at the same moment.
        const cancel = await h.api('POST', `/v1/messages/${accepted.id}/cancel`);
        return { to, id: accepted.id, cancelStatus: cancel.status };
      }),
    );
    for (const o of outcomes) {
      expect([200, 409]).toContain(o.cancelStatus);
      if (o.cancelStatus === 200) {
        await jobGone(o.id);
      } else {
        await h.waitFor(o.id, ['sent', 'delivered'], 10_000);
      }
    }
    await h.sandbox.idle();
    for (const o of outcomes) {
      const row = await h.message(o.id);
      const requests = h.sandbox.requests(o.to);
      if (o.cancelStatus === 200) {
        expect(row.status).toBe('cancelled');
        expect(requests).toHaveLength(0);
      } else {
        expect(['sent', 'delivered']).toContain(row.status);
        expect(requests).toHaveLength(1);
      }
    }
  }, 60_000);
});
