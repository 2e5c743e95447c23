import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition, updateAccountWebhook } from '@smsgw/db';
import { checkReadiness } from '@smsgw/metrics';
import { eventually } from '../../../test/support/env.js';
import { startHealthServer, type HealthServer } from '../src/health-server.js';
import { startHarness, uniqueNumber, type Harness } from './harness.js';
import { sampleValue } from '../../../test/support/metrics-text.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

/**
 * The worker's /metrics after real sends through real workers and the sandbox gateway: the
 * counters and histograms the pipeline updates in-process have moved, per gateway and class.
 * Reports come back to the API over HTTP, so the report delay is on the API's /metrics.
 */
describe('worker metrics', () => {
  let h: Harness;
  let receiver: Receiver;
  let health: HealthServer;
  let gateway: string;

  beforeAll(async () => {
    // The application's webhook endpoint is on loopback.
    h = await startHarness({ databaseLabel: 'metrics', env: { SMSGW_ALLOW_PRIVATE_WEBHOOKS: 'true' } });
    receiver = await startReceiver();
    await updateAccountWebhook(h.database.db, h.accountId, { webhookUrl: receiver.url });
    health = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      registry: h.runtime.metrics.registry,
      readiness: () => checkReadiness({ db: h.database.db, redis: h.queues.connection }),
      logger: h.logger,
    });
    gateway = await h.addGateway();
  });
  afterAll(async () => {
    await health?.close();
    await h?.close();
    await receiver?.close();
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${health.port}${path}`);
  const workerMetrics = async () => (await get('/metrics')).text();
  const apiMetrics = async () => (await h.app.inject({ method: 'GET', url: '/metrics' })).body;

  it('a message sent and reported moves the status, response, latency, webhook and report-delay metrics', async () => {
    const to = uniqueNumber();
    // No report from the sandbox: the test sends it once the message is `sent`, so it takes the
    // fast path (matched by the gateway's id) rather than racing the send's outcome.
    h.sandbox.setRule(to, { outcome: 'none' });
    const accepted = await h.send({ to, content: 'metrics', gateway });
    const sent = await h.waitFor(accepted.id, 'sent');

    const worker = await workerMetrics();
    expect(sampleValue(worker, 'smsgw_message_status_changes_total', { status: 'sending', gateway })).toBe(1);
    expect(sampleValue(worker, 'smsgw_message_status_changes_total', { status: 'sent', gateway })).toBe(1);
    expect(sampleValue(worker, 'smsgw_gateway_responses_total', { gateway, class: 'accepted' })).toBe(1);
    expect(sampleValue(worker, 'smsgw_gateway_send_seconds_count', { gateway })).toBe(1);
    expect(sampleValue(worker, 'smsgw_accept_to_sent_seconds_count', { gateway })).toBe(1);
    expect(sampleValue(worker, 'smsgw_accept_to_sent_seconds_bucket', { gateway, le: '+Inf' })).toBe(1);

    const res = await fetch(await h.statusUrl(gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: sent.gatewayMessageId,
        reference: accepted.id,
        status: 'DELIVERED',
        error_code: null,
        timestamp: 1767225600,
      }),
    });
    expect(res.status).toBe(200);
    await h.waitFor(accepted.id, 'delivered');
    const api = await apiMetrics();
    expect(sampleValue(api, 'smsgw_message_status_changes_total', { status: 'queued', gateway })).toBe(1);
    expect(sampleValue(api, 'smsgw_message_status_changes_total', { status: 'delivered', gateway })).toBe(1);
    expect(sampleValue(api, 'smsgw_report_delay_seconds_count', { gateway, status: 'delivered' })).toBe(1);

    // The message.status webhooks reach the receiver, each delivery counted once.
    await eventually(
      async () => {
        const counted = sampleValue(await workerMetrics(), 'smsgw_webhook_deliveries_total', { result: 'delivered' }) ?? 0;
        return counted > 0 && counted === receiver.received.length ? true : undefined;
      },
      10_000,
      'every webhook delivery to be counted',
    );
  });

  it('a report matched by our reference only (the general path) is counted too', async () => {
    const to = uniqueNumber();
    h.sandbox.setRule(to, { outcome: 'none' });
    const accepted = await h.send({ to, content: 'metrics reference', gateway });
    await h.waitFor(accepted.id, 'sent');
    const delayed = async () => sampleValue(await apiMetrics(), 'smsgw_report_delay_seconds_count', { gateway, status: 'failed' }) ?? 0;
    const before = await delayed();
    // An id the gateway never gave us: the fast path (by gateway id) finds nothing, the reference does.
    const res = await fetch(await h.statusUrl(gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'sbx_ffffffffffffffffffff',
        reference: accepted.id,
        status: 'FAILED',
        error_code: '1',
        timestamp: 1767225600,
      }),
    });
    expect(res.status).toBe(200);
    await h.waitFor(accepted.id, 'failed');
    expect(await delayed()).toBe(before + 1);
  });

  it('a change made outside the hot path (the sweep, the reconciler, a cancel) is counted too', async () => {
    // A gateway of its own: the other cases count this one's statuses exactly.
    const other = await h.addGateway();
    const row = await h.insertMessage(other, { status: 'sending', attempts: 1 });
    const count = async () =>
      sampleValue(await workerMetrics(), 'smsgw_message_status_changes_total', { status: 'unknown', gateway: other }) ?? 0;
    const stuck = async () => sampleValue(await workerMetrics(), 'smsgw_messages_unknown_total', { cause: 'stuck' }) ?? 0;
    const [before, stuckBefore] = [await count(), await stuck()];
    // What the sweep does to a send stuck past its patience, through the same `transition`.
    await transition(h.database.db, row.id, ['sending'], { status: 'unknown' }, { type: 'reconciled' });
    expect(await count()).toBe(before + 1);
    expect(await stuck()).toBe(stuckBefore + 1);
  });

  it('an ambiguous answer counts the class and an unknown message', async () => {
    const to = uniqueNumber();
    // The connection is reset after the request was written: the gateway may have taken it.
    h.sandbox.setRule(to, { mode: 'reset' });
    const accepted = await h.send({ to, content: 'metrics reset', gateway });
    await h.waitFor(accepted.id, 'unknown');
    const worker = await workerMetrics();
    expect(sampleValue(worker, 'smsgw_gateway_responses_total', { gateway, class: 'ambiguous' })).toBe(1);
    expect(sampleValue(worker, 'smsgw_message_status_changes_total', { status: 'unknown', gateway })).toBe(1);
    expect(sampleValue(worker, 'smsgw_messages_unknown_total', { cause: 'ambiguous' })).toBe(1);
  });

  it('a batch counts each message it accepts, as single accepts are', async () => {
    const queued = async () => sampleValue(await apiMetrics(), 'smsgw_message_status_changes_total', { status: 'queued', gateway }) ?? 0;
    const before = await queued();
    const messages = [uniqueNumber(), uniqueNumber()].map((to) => ({ to, content: 'metrics batch', gateway }));
    const res = await h.api('POST', '/v1/messages/batch', { messages });
    expect(res.status).toBe(202);
    expect(await queued()).toBe(before + 2);
  });

  it('shows the depth of every queue, the gateway’s included, and process metrics', async () => {
    const worker = await workerMetrics();
    for (const queue of [`send.${gateway}`, 'webhooks', 'maintenance']) {
      for (const state of ['wait', 'active', 'delayed', 'failed']) {
        expect(sampleValue(worker, 'smsgw_queue_jobs', { queue, state }), `${queue} ${state}`).toBeTypeOf('number');
      }
    }
    expect(worker).toContain('process_cpu_seconds_total');
  });

  it('serves /healthz and /readyz, and nothing else', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok', migrations: 'ok' } });
    expect((await get('/nope')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${health.port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
