import type { FastifyBaseLogger } from 'fastify';
import { reportWaits, settleLateReport, type Db, type IncomingReport } from '@smsgw/db';

/** When an unmatched report is looked at again: soon after the send's outcome should be stored, then once more. */
const RECHECK_AFTER_MS = [250, 2_000] as const;

/**
 * Looks at an unmatched or parked report again a little later. A report that arrives while its
 * send's answer is being stored finds no message by the gateway's id (unmatched) or finds it
 * still `sending` (parked, when matched by our reference); most of the time the worker applies
 * it right after storing, but when the two commits cross, nobody does until the sweep. These timers close that gap in the receiving process, without holding
 * the provider's request open. Best effort: a process that stops first leaves it to the sweep.
 */
export function recheckUnmatched(
  db: Db,
  report: Pick<IncomingReport, 'gateway' | 'gatewayMessageId' | 'reference'>,
  reportId: number | undefined,
  log: FastifyBaseLogger,
): void {
  // Settled: no longer waiting (most of the time the worker applied it meanwhile: one lookup by
  // id says so), or applied now.
  const settled = async (): Promise<boolean> =>
    (reportId !== undefined && !(await reportWaits(db, reportId))) || (await settleLateReport(db, report)).length > 0;
  const attempt = (i: number): void => {
    const delay = RECHECK_AFTER_MS[i];
    if (delay === undefined) return;
    setTimeout(() => {
      settled()
        .then((done) => (done ? undefined : attempt(i + 1)))
        .catch((err: unknown) => log.warn({ err, gateway: report.gateway }, 'late report check failed; the sweep will settle it'));
    }, delay).unref();
  };
  attempt(0);
}
