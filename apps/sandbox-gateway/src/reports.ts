import type { FastifyBaseLogger } from 'fastify';
import type { Lifecycle } from './lifecycle.js';
import { isAbort } from './lifecycle.js';
import type { Outbound } from './outbound.js';
import type { Recorder } from './record.js';
import type { Behaviour, DlrPayload, DlrStatus, SandboxOutcome } from './types.js';

/** Price of one part, as the provider bills it. */
const PRICE_PER_PART = 0.005;

/** An accepted message whose delivery the sandbox reports. */
export interface ReportJob {
  id: string;
  reference: string | null;
  /** Where reports go; null sends none. */
  url: string | null;
  parts: number;
  behaviour: Behaviour;
}

/** Sends delivery reports. */
export interface Reporter {
  /** Runs the whole report sequence of a message; resolves when the last report is done. */
  run(job: ReportJob): Promise<void>;
  /** Runs it in the background, tracked by the lifecycle. */
  schedule(job: ReportJob): void;
}

/** Dependencies and limits of {@link createReporter}. */
export interface ReporterDeps {
  lifecycle: Lifecycle;
  outbound: Outbound;
  recorder: Recorder;
  log: FastifyBaseLogger;
  attempts: number;
  backoffMs: number;
}

/** The final report of each outcome; the status lookup answers with the same words. */
export const FINAL: Record<Exclude<SandboxOutcome, 'none'>, { status: DlrStatus; errorCode: string | null }> = {
  delivered: { status: 'DELIVERED', errorCode: null },
  failed: { status: 'FAILED', errorCode: 'undeliverable' },
  expired: { status: 'EXPIRED', errorCode: 'validity_expired' },
};

function payload(job: ReportJob, status: DlrStatus, errorCode: string | null): DlrPayload {
  return {
    id: job.id,
    reference: job.reference,
    status,
    error_code: errorCode,
    timestamp: Math.floor(Date.now() / 1000),
    price: (PRICE_PER_PART * job.parts).toFixed(4),
    parts: job.parts,
  };
}

/** Creates the reporter of one sandbox. */
export function createReporter(deps: ReporterDeps): Reporter {
  const { lifecycle, outbound, recorder, log } = deps;

  /**
   * Delivers one report, retrying non-2xx answers and network errors with a doubling backoff,
   * the way providers do. Gives up quietly: a dead receiver must never break the sandbox.
   */
  async function deliver(url: string, body: DlrPayload): Promise<void> {
    for (let attempt = 1; attempt <= deps.attempts; attempt++) {
      let responseStatus: number | null = null;
      let error: string | null = null;
      try {
        responseStatus = (await outbound.post(url, 'application/json', JSON.stringify(body))).status;
      } catch (err) {
        if (lifecycle.signal.aborted) return;
        error = isAbort(err) ? 'timeout' : err instanceof Error ? err.message : String(err);
      }
      recorder.addReport({ url, attempt, payload: body, responseStatus, error });
      if (responseStatus !== null && responseStatus >= 200 && responseStatus < 300) return;
      if (attempt < deps.attempts) await lifecycle.pause(deps.backoffMs * 2 ** (attempt - 1));
    }
    log.warn({ id: body.id, url, status: body.status }, 'delivery report given up');
  }

  async function run(job: ReportJob): Promise<void> {
    const { outcome, intermediate, dlrDelayMs, dlrDuplicates } = job.behaviour;
    if (job.url === null || outcome === 'none') return;
    const url = job.url;
    if (intermediate) {
      await lifecycle.pause(dlrDelayMs);
      await deliver(url, payload(job, 'BUFFERED', null));
    }
    await lifecycle.pause(dlrDelayMs);
    const final = FINAL[outcome];
    // Duplicates repeat the very same body (same timestamp): a replay, not a new report.
    const body = payload(job, final.status, final.errorCode);
    for (let i = 0; i <= dlrDuplicates; i++) await deliver(url, body);
  }

  return {
    run,
    schedule(job) {
      lifecycle.track(run(job));
    },
  };
}
