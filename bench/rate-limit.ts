import type { BenchEnv } from './env.js';
import type { ApiClient } from './http.js';
import { acceptInBatches } from './accept.js';
import { checkSandboxRecord } from './delivery.js';
import { waitForProgress } from './observe.js';
import { maxInFixedWindows, maxInWindow, round } from './stats.js';
import type { ScenarioResult } from './workload.js';

export interface RateLimitOptions {
  n: number;
  max: number;
  intervalMs: number;
  /** Extra requests tolerated in one window (timing jitter between the limiter and the receiver). */
  slack: number;
  deadlineMs: number;
}

/**
 * Scenario 3: a gateway limited to `max` per `intervalMs`. The sandbox's receive times show what
 * the provider would see: the busiest window must stay within the limit, and the whole run must
 * take about n/max intervals (much less would mean the limiter is not applied).
 */
export async function rateLimitScenario(env: BenchEnv, client: ApiClient, gateway: string, opts: RateLimitOptions): Promise<ScenarioResult> {
  const sandbox = await env.newSandbox();
  await env.addGateway(gateway, sandbox, { max: opts.max, intervalMs: opts.intervalMs });
  // All messages wait in the queue before sending starts, so the limiter, not the accept rate, paces the sends.
  await env.pauseGateway(gateway);
  const accepted = await acceptInBatches(client, gateway, 4, opts.n, 100, 4);
  const failures = accepted.failures.map((f) => `rate limit: ${f}`);
  const startedAt = performance.now();
  await env.resumeGateway(gateway);
  const progress = await waitForProgress(env.observer, gateway, { n: accepted.ids.length, startedAt, deadlineMs: opts.deadlineMs, untilDelivered: false });
  if (progress.problem) failures.push(`rate limit: ${progress.problem}`);

  const requests = sandbox.requests();
  failures.push(...checkSandboxRecord(requests, accepted.ids, 'rate limit').failures);
  const times = requests.map((r) => Date.parse(r.time));
  const spreadMs = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
  const idealMs = (opts.n / opts.max) * opts.intervalMs;
  // With a fixed window, the first `max` go at once and the last window starts (n/max - 1) intervals later.
  const minimumMs = (Math.ceil(opts.n / opts.max) - 1) * opts.intervalMs;
  const busiest = maxInWindow(times, opts.intervalMs);
  // Aligned to the first send, for comparison: BullMQ's limiter counts fixed windows, a provider may not.
  const busiestFixed = maxInFixedWindows(times, opts.intervalMs);
  if (busiest > opts.max + opts.slack) {
    failures.push(`rate limit: ${busiest} requests reached the gateway within ${opts.intervalMs} ms (limit ${opts.max}, slack ${opts.slack})`);
  }
  if (spreadMs < minimumMs * 0.95) failures.push(`rate limit: ${opts.n} sends took only ${spreadMs} ms (at least ${minimumMs} ms expected)`);

  return {
    name: 'rateLimit',
    line:
      `rate limit    ${requests.length} sends at ${opts.max}/${opts.intervalMs} ms: first->last receive ${spreadMs} ms ` +
      `(ideal ${idealMs} ms = ${opts.n}/${opts.max} intervals, fixed-window minimum ${minimumMs} ms); ` +
      `busiest ${opts.intervalMs} ms window: ${busiest} sliding, ${busiestFixed} fixed (limit ${opts.max} + slack ${opts.slack}); all sent ${round(progress.sentMs ?? Number.NaN)} ms after the queue was resumed`,
    data: {
      n: opts.n,
      limit: { max: opts.max, intervalMs: opts.intervalMs },
      received: requests.length,
      spreadMs,
      idealMs,
      minimumMs,
      busiestWindow: busiest,
      busiestFixedWindow: busiestFixed,
      slack: opts.slack,
      allSentMs: round(progress.sentMs ?? Number.NaN),
    },
    failures,
  };
}
