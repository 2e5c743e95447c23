import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creditLedgerSum, updateAccountWebhook, webhookDeliveries } from '@smsgw/db';
import { eventually } from '../../../test/support/env.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

/**
 * Batches through the whole pipeline (API, workers, sandbox, delivery reports over HTTP): a
 * thousand messages reach 100 % and say so once; a cancel in the middle stops exactly the
 * messages no worker had claimed.
 */
interface Batch {
  id: string;
  total: number;
  done: number;
  percentComplete: number;
  completed: boolean;
  counts: Record<string, number>;
}

describe('batches through the workers', () => {
  let h: Harness;
  let receiver: Receiver;

  beforeAll(async () => {
    // The application's webhook endpoint is on loopback.
    h = await startHarness({ databaseLabel: 'batches', env: { SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true' } });
    receiver = await startReceiver();
    await updateAccountWebhook(h.database.db, h.accountId, { webhookUrl: receiver.url });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.close();
  });

  const batchOf = async (id: string) => {
    const res = await h.api('GET', `/v1/batches/${id}`);
    expect(res.status).toBe(200);
    return res.json as unknown as Batch;
  };
  const completions = (id: string) =>
    receiver.received.filter((r) => {
      const body = JSON.parse(r.body) as { type?: string; data?: { id?: string } };
      return body.type === 'batch.completed' && body.data?.id === id;
    });

  it('1,000 messages reach 100 %, and batch.completed is delivered once', async () => {
    const gateway = await h.addGateway();
    const messages = Array.from({ length: 1000 }, (_, i) => ({ to: uniqueNumber(), content: `batch message ${i}`, gateway }));
    const res = await h.api('POST', '/v1/messages/batch', { messages });
    expect(res.status).toBe(202);
    const id = String(res.json['batchId']);
    expect(res.json['accepted']).toBe(1000);

    const done = await eventually(
      async () => {
        const b = await batchOf(id);
        return b.completed ? b : undefined;
      },
      90_000,
      'the batch to complete',
    );
    expect(done).toMatchObject({ total: 1000, done: 1000, percentComplete: 100 });
    expect(done.counts['delivered']).toBe(1000);
    await eventually(async () => (completions(id).length > 0 ? true : undefined), 30_000, 'batch.completed to arrive');
    const rows = (await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, 'batch.completed'))).filter(
      (d) => (d.payload['data'] as { id?: string }).id === id,
    );
    expect(rows).toHaveLength(1);
    expect(completions(id)).toHaveLength(1);
  }, 120_000);

  it('a cancel in the middle stops the messages not yet claimed, and none of them reaches the gateway', async () => {
    const sandbox = await h.newSandbox();
    // 40 a second: the cancel lands while most of the batch still waits in the queue.
    const gateway = await h.addGateway({ sandbox, rateLimit: { max: 20, intervalMs: 500 } });
    const numbers = Array.from({ length: 200 }, () => uniqueNumber());
    const res = await h.api('POST', '/v1/messages/batch', { messages: numbers.map((to) => ({ to, content: 'maybe', gateway })) });
    expect(res.status).toBe(202);
    const id = String(res.json['batchId']);
    await eventually(async () => (sandbox.requests().length >= 20 ? true : undefined), 20_000, 'some sends');

    const cancel = await h.api('POST', `/v1/batches/${id}/cancel`);
    expect(cancel.status).toBe(200);
    const cancelled = Number(cancel.json['cancelled']);
    expect(cancelled).toBeGreaterThan(0);
    expect(cancelled).toBeLessThan(200);

    const done = await eventually(
      async () => {
        const b = await batchOf(id);
        return b.completed ? b : undefined;
      },
      30_000,
      'the cancelled batch to complete',
    );
    expect(done.counts['cancelled']).toBe(cancelled);
    expect((done.counts['delivered'] ?? 0) + cancelled).toBe(200);
    await sandbox.idle();
    // The gateway's own record is the oracle: every message it received was sent, none was cancelled.
    expect(sandbox.requests()).toHaveLength(200 - cancelled);
    const page = await h.api('GET', `/v1/batches/${id}/messages?status=cancelled&limit=500`);
    const cancelledTo = new Set((page.json['data'] as { to: string }[]).map((m) => m.to));
    expect(cancelledTo.size).toBe(cancelled);
    for (const to of cancelledTo) expect(sandbox.requests(to)).toHaveLength(0);
    await eventually(async () => (completions(id).length > 0 ? true : undefined), 30_000, 'batch.completed to arrive');
  }, 90_000);

  it("a prepaid billee's batch reserves at accept and settles at the provider's charge as the reports come in", async () => {
    const gateway = await h.addGateway();
    expect((await h.api('POST', '/v1/rates', { gateway, pricePerSegment: '0.01', currency: 'EUR' })).status).toBe(201);
    const billee = { type: 'customer', id: `c${Date.now()}` };
    expect((await h.api('PUT', `/v1/billees/customer/${billee.id}/credit`, { limit: '1', currency: 'EUR' })).status).toBe(200);
    const messages = Array.from({ length: 20 }, () => ({ to: uniqueNumber(), content: 'prepaid', gateway, billee }));
    const res = await h.api('POST', '/v1/messages/batch', { messages });
    expect(res.status).toBe(202);
    expect((await h.api('GET', `/v1/billees/customer/${billee.id}/balance`)).json).toMatchObject({
      reserved: '0.200000',
      balance: '0.800000',
    });
    await eventually(
      async () => ((await batchOf(String(res.json['batchId']))).completed ? true : undefined),
      30_000,
      'the batch to complete',
    );
    // The sandbox charges 0.005 a part: what was spent is the providers' charges, not the estimates.
    const credit = (await h.api('GET', `/v1/billees/customer/${billee.id}/balance`)).json;
    expect(credit).toMatchObject({ reserved: '0.000000', spent: '0.100000', balance: '0.900000' });
    expect(await creditLedgerSum(h.database.db, h.accountId, billee)).toBe('0.900000');
  }, 60_000);
});
