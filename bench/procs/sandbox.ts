/**
 * The fake SMS provider as a process of its own: the product's sandbox (`createSandbox`, what
 * `npm run start:sandbox` runs) plus an IPC channel for the bench. Its request record is the
 * oracle for duplicates; to keep memory flat over 100k+ messages the record is drained every
 * 250 ms into one counter per reference (the message id the product sends), and `reset()` (which
 * keeps behaviour and pending reports) empties it. Reading and resetting happen in one
 * synchronous step, so no request falls between them.
 */
import { createSandbox } from '@smsgw/sandbox-gateway';
import { serve } from '../lib/ipc.js';

export interface SandboxSummary {
  /** Send requests received. */
  received: number;
  distinct: number;
  /** Sends beyond the first per reference (each duplicate send counts once). */
  extraSends: number;
  duplicatedSample: string[];
  /** Receive times (epoch ms) when asked for. */
  times?: number[];
  references?: string[];
  reports: { calls: number; retried: number; acked: number; neverAcked: number; outcomes: Record<string, number> };
}

const options = JSON.parse(process.env['BENCH_SANDBOX'] ?? '{}') as { latencyMs?: number; dlrDelayMs?: number };
const sandbox = await createSandbox({
  host: '127.0.0.1',
  port: 0,
  latencyMs: options.latencyMs ?? 5,
  dlrDelayMs: options.dlrDelayMs ?? 10,
  // Drained every 250 ms, so the cap is never reached; it only bounds a stalled drain.
  maxRecords: 1_000_000,
  // Longer than the sandbox's 2 s default: on a busy two-core machine a slow API answer would
  // otherwise be retried, and the retries pile onto the API that was slow in the first place.
  outboundTimeoutMs: 10_000,
});

const refCount = new Map<string, number>();
const times: number[] = [];
const reportAcked = new Map<string, boolean>();
const reportOutcomes: Record<string, number> = {};
let received = 0;
let reportCalls = 0;
let reportRetries = 0;

function drain(): void {
  const requests = sandbox.requests();
  const reports = sandbox.reports();
  sandbox.reset();
  for (const r of requests) {
    received++;
    const ref = r.params['reference'] ?? '';
    refCount.set(ref, (refCount.get(ref) ?? 0) + 1);
    times.push(Date.parse(r.time));
  }
  for (const r of reports) {
    reportCalls++;
    if (r.attempt > 1) reportRetries++;
    const ok = r.responseStatus !== null && r.responseStatus >= 200 && r.responseStatus < 300;
    reportAcked.set(r.payload.id, (reportAcked.get(r.payload.id) ?? false) || ok);
    const key = r.responseStatus !== null ? String(r.responseStatus) : (r.error ?? 'error');
    reportOutcomes[key] = (reportOutcomes[key] ?? 0) + 1;
  }
}
const timer = setInterval(drain, 250);

async function summary(payload: unknown): Promise<SandboxSummary> {
  const ask = (payload ?? {}) as { idle?: boolean; times?: boolean; references?: boolean };
  if (ask.idle) {
    // Reports still scheduled must land before "never acked" means anything; bounded.
    await Promise.race([sandbox.idle(), new Promise((r) => setTimeout(r, 20_000))]);
  }
  drain();
  const dups = [...refCount].filter(([, c]) => c > 1);
  const acked = [...reportAcked.values()].filter(Boolean).length;
  return {
    received,
    distinct: refCount.size,
    extraSends: dups.reduce((s, [, c]) => s + c - 1, 0),
    duplicatedSample: dups.slice(0, 5).map(([ref, c]) => `${ref} x${c}`),
    ...(ask.times ? { times } : {}),
    ...(ask.references ? { references: [...refCount.keys()] } : {}),
    reports: { calls: reportCalls, retried: reportRetries, acked, neverAcked: reportAcked.size - acked, outcomes: reportOutcomes },
  };
}

const stop = () => {
  clearInterval(timer);
  void sandbox.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
serve({ summary }, { url: sandbox.url }, stop);
