import type { RecordedRequest, Sandbox } from '@smsgw/sandbox-gateway';
import type { BenchEnv } from './env.js';
import type { ApiClient } from './http.js';
import { acceptInBatches } from './accept.js';
import { acceptToSentLatency, undeliveredDiagnosis, unmatchedReports, waitForProgress } from './observe.js';
import { perSecond, round, since } from './stats.js';
import type { ScenarioResult } from './workload.js';

export interface SandboxCheck {
  requests: number;
  distinct: number;
  /** Requests whose reference is not one of the accepted message ids. */
  strangers: number;
  failures: string[];
}

/**
 * The sandbox's record is the oracle: every accepted message must have reached it exactly once
 * (its reference is our message id), and nothing else may have.
 */
export function checkSandboxRecord(requests: readonly RecordedRequest[], ids: readonly string[], what: string): SandboxCheck {
  const expected = new Set(ids);
  const seen = new Map<string, number>();
  let strangers = 0;
  for (const r of requests) {
    const ref = r.params['reference'] ?? '';
    if (!expected.has(ref)) strangers++;
    seen.set(ref, (seen.get(ref) ?? 0) + 1);
  }
  const duplicated = [...seen.values()].filter((c) => c > 1).length;
  const missing = ids.filter((id) => !seen.has(id)).length;
  const failures: string[] = [];
  if (duplicated > 0) failures.push(`${what}: ${duplicated} messages reached the gateway more than once`);
  if (missing > 0) failures.push(`${what}: ${missing} accepted messages never reached the gateway`);
  if (strangers > 0) failures.push(`${what}: ${strangers} gateway requests match no accepted message`);
  if (requests.length !== ids.length) failures.push(`${what}: the gateway received ${requests.length} requests for ${ids.length} messages`);
  return { requests: requests.length, distinct: seen.size, strangers, failures };
}

export interface DeliveryOptions {
  n: number;
  batchSize: number;
  /** Client requests in flight while accepting. */
  concurrency: number;
  deadlineMs: number;
}

/**
 * Scenario 2: the whole pipeline. Messages are accepted in batches, workers send them to the
 * sandbox, the sandbox reports delivery back to the API over HTTP. Times are measured from the
 * first accept request until the database shows every message sent, then delivered.
 */
export async function deliveryScenario(env: BenchEnv, client: ApiClient, gateway: string, opts: DeliveryOptions): Promise<ScenarioResult> {
  const sandbox: Sandbox = await env.newSandbox();
  await env.addGateway(gateway, sandbox);

  const startedAt = performance.now();
  const accepted = await acceptInBatches(client, gateway, 3, opts.n, opts.batchSize, opts.concurrency);
  const acceptMs = since(startedAt);
  const failures = accepted.failures.map((f) => `send: ${f}`);
  const progress = await waitForProgress(env.observer, gateway, { n: accepted.ids.length, startedAt, deadlineMs: opts.deadlineMs, untilDelivered: true });
  if (progress.problem) {
    const diagnosis = await undeliveredDiagnosis(env.observer, gateway);
    const unmatched = await unmatchedReports(env.observer, gateway);
    failures.push(`send: ${progress.problem}; not delivered (status / report state): ${JSON.stringify(diagnosis)}; unmatched reports: ${unmatched}`);
  }
  // Late duplicates would show up after the last status change: let in-flight reports finish first.
  await sandbox.idle();
  const check = checkSandboxRecord(sandbox.requests(), accepted.ids, 'send');
  failures.push(...check.failures);
  const reports = sandbox.reports();
  const reportRetries = reports.filter((r) => r.attempt > 1).length;
  const reportOutcomes: Record<string, number> = {};
  for (const r of reports) {
    const key = r.responseStatus !== null ? String(r.responseStatus) : (r.error ?? 'error');
    reportOutcomes[key] = (reportOutcomes[key] ?? 0) + 1;
  }
  // A retried report is the sandbox's business; a report never accepted is a lost delivery status.
  const finalReports = new Map<string, number | null>();
  for (const r of reports) finalReports.set(r.payload.id, r.responseStatus);
  const reportsLost = [...finalReports.values()].filter((s) => s !== 200).length;
  if (reportsLost > 0) failures.push(`send: ${reportsLost} delivery reports were never answered 200 (${JSON.stringify(reportOutcomes)})`);
  const queueLatency = await acceptToSentLatency(env.observer, gateway);

  const sentMs = progress.sentMs ?? Number.NaN;
  const deliveredMs = progress.deliveredMs ?? Number.NaN;
  const sentRate = perSecond(accepted.ids.length, sentMs);
  const deliveredRate = perSecond(accepted.ids.length, deliveredMs);
  return {
    name: 'endToEnd',
    line:
      `send e2e      ${accepted.ids.length} accepted in ${Math.round(acceptMs)} ms; all sent after ${round(sentMs)} ms (${sentRate} msg/s), ` +
      `all delivered after ${round(deliveredMs)} ms (${deliveredRate} msg/s); accept->sent p50 ${queueLatency.p50} ms, p99 ${queueLatency.p99} ms; ` +
      `sandbox received ${check.requests} requests, ${check.distinct} distinct (expected ${accepted.ids.length}); ` +
      `${reports.length} report calls, ${reportRetries} retried`,
    data: {
      n: opts.n,
      accepted: accepted.ids.length,
      acceptMs: Math.round(acceptMs),
      allSentMs: round(sentMs),
      allDeliveredMs: round(deliveredMs),
      sentPerSecond: sentRate,
      deliveredPerSecond: deliveredRate,
      acceptToSentMs: queueLatency,
      sandboxRequests: check.requests,
      sandboxDistinct: check.distinct,
      reportCalls: reports.length,
      reportRetries,
      reportOutcomes,
      finalStatuses: progress.last,
    },
    failures,
  };
}
