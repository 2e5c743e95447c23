import type { BenchEnv } from './env.js';
import { describeAnswer, runConcurrent, type ApiClient } from './http.js';
import { perSecond, since, summarize } from './stats.js';
import { acceptedIds, batchSizes, messageInput, type ScenarioResult } from './workload.js';

export interface AcceptOptions {
  n: number;
  concurrency: number;
  batchSize: number;
}

/** Requests sent before measuring, so JIT, pools and prepared statements are warm. */
const WARMUP = 100;

/**
 * POSTs `n` batches' worth of messages in batches of `size` (at most `concurrency` requests in
 * flight) and returns the ids accepted, with a failure for every batch not fully accepted.
 */
export async function acceptInBatches(
  client: ApiClient,
  gateway: string,
  block: number,
  n: number,
  size: number,
  concurrency: number,
): Promise<{ ids: string[]; latencies: number[]; failures: string[] }> {
  const sizes = batchSizes(n, size);
  const ids: string[] = [];
  const latencies: number[] = [];
  const failures: string[] = [];
  await runConcurrent(sizes.length, concurrency, async (b) => {
    const count = sizes[b] ?? 0;
    const messages = Array.from({ length: count }, (_, i) => messageInput(gateway, block, b * size + i));
    const res = await client.request('POST', '/v1/messages/batch', { messages });
    latencies.push(res.ms);
    const accepted = res.status === 202 ? acceptedIds(res.json) : [];
    ids.push(...accepted);
    if (accepted.length !== count) failures.push(`batch ${b}: ${describeAnswer(res)}, ${accepted.length} of ${count} accepted`);
  });
  return { ids, latencies, failures };
}

/**
 * Scenario 1 setup: a gateway whose queue is paused, so no sending competes for the two cores
 * while the API is measured, and a warm-up (JIT, pools, prepared statements).
 */
export async function prepareAccept(env: BenchEnv, client: ApiClient, gateway: string, opts: AcceptOptions): Promise<void> {
  const sandbox = await env.newSandbox();
  await env.addGateway(gateway, sandbox);
  await env.pauseGateway(gateway);
  await runConcurrent(WARMUP, opts.concurrency, (i) => client.request('POST', '/v1/messages', messageInput(gateway, 9, i)));
  await acceptInBatches(client, gateway, 9, 2 * opts.batchSize, opts.batchSize, opts.concurrency);
}

/** Scenario 1a: single POST /v1/messages (validate, opt-out check, insert, enqueue) over real HTTP. */
export async function acceptScenario(client: ApiClient, gateway: string, opts: AcceptOptions): Promise<ScenarioResult> {
  const failed = new Map<string, number>();
  const started = performance.now();
  const single = await runConcurrent(opts.n, opts.concurrency, async (i) => {
    const res = await client.request('POST', '/v1/messages', messageInput(gateway, 1, i));
    if (res.status !== 202) failed.set(describeAnswer(res), (failed.get(describeAnswer(res)) ?? 0) + 1);
    return res;
  });
  const ms = since(started);
  const accepted = single.filter((r) => r.status === 202).length;
  const latency = summarize(single.map((r) => r.ms));
  const rate = perSecond(accepted, ms);
  return {
    name: 'accept',
    line:
      `accept        ${accepted}/${opts.n} single POSTs (${opts.concurrency} concurrent) in ${Math.round(ms)} ms: ` +
      `${rate} accepted/s; latency p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms`,
    data: { n: opts.n, concurrency: opts.concurrency, accepted, durationMs: Math.round(ms), acceptedPerSecond: rate, latencyMs: latency },
    failures: [...failed].map(([what, count]) => `accept: ${count} requests answered ${what}`),
  };
}

/** Scenario 1b: the same number of messages through POST /v1/messages/batch. */
export async function acceptBatchScenario(client: ApiClient, gateway: string, opts: AcceptOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const batch = await acceptInBatches(client, gateway, 2, opts.n, opts.batchSize, opts.concurrency);
  const ms = since(started);
  const latency = summarize(batch.latencies);
  const rate = perSecond(batch.ids.length, ms);
  return {
    name: 'acceptBatch',
    line:
      `accept batch  ${batch.ids.length}/${opts.n} in ${batch.latencies.length} batches of ${opts.batchSize} in ${Math.round(ms)} ms: ` +
      `${rate} accepted/s; per-batch latency p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms`,
    data: {
      n: opts.n,
      batchSize: opts.batchSize,
      batches: batch.latencies.length,
      accepted: batch.ids.length,
      durationMs: Math.round(ms),
      acceptedPerSecond: rate,
      batchLatencyMs: latency,
    },
    failures: batch.failures.map((f) => `accept batch: ${f}`),
  };
}
