import type { FastReport, HotPath, MessageRow } from '@smsgw/db';
import { type MessageMetrics, NO_GATEWAY } from './instruments.js';

type Changed = Pick<MessageRow, 'status' | 'gateway' | 'createdAt' | 'sendAt' | 'sentAt'>;

const seconds = (fromMs: number, toMs: number): number => Math.max(0, (toMs - fromMs) / 1000);

/**
 * Counts one status change this process made (the row as the statement returned it): the status
 * entered, `unknown` by cause, and for `sent` the time from accepted (or due) to sent. Both
 * timestamps are the database's, so the processes' clocks do not matter.
 */
export function observeStatusChange(m: MessageMetrics, row: Changed, unknownCause: 'ambiguous' | 'stuck' = 'ambiguous'): void {
  const gateway = row.gateway ?? NO_GATEWAY;
  m.statusChanges.inc({ status: row.status, gateway });
  if (row.status === 'unknown') m.unknown.inc({ cause: unknownCause });
  if (row.status === 'sent' && row.sentAt) {
    // A scheduled message waits for its time on purpose: its clock starts when it is due.
    const from = Math.max(row.createdAt.getTime(), row.sendAt?.getTime() ?? 0);
    m.acceptToSent.observe({ gateway }, seconds(from, row.sentAt.getTime()));
  }
}

/**
 * A report applied by the general path (matched by our reference, per part, or after a race):
 * its delay from `sent`, on the database's clock (the row's update time). The change itself is
 * counted by the transition observer, as every `transition` is; the hot path's reports are
 * counted by `instrumentHotPath`. This is for `ReportOutcome.changed`.
 */
export function observeReportApplied(m: MessageMetrics, row: Changed & Pick<MessageRow, 'updatedAt'>): void {
  const gateway = row.gateway ?? NO_GATEWAY;
  if (row.sentAt) m.reportDelay.observe({ gateway, status: row.status }, seconds(row.sentAt.getTime(), row.updatedAt.getTime()));
}

/**
 * The process's hot path with its status changes counted: the rows its statements return
 * already say what changed, so counting costs no query. Every other method is the original.
 */
export function instrumentHotPath(hot: HotPath, m: MessageMetrics): HotPath {
  return {
    ...hot,
    async accept(values) {
      const result = await hot.accept(values);
      if (result.kind === 'created') observeStatusChange(m, result.row);
      return result;
    },
    async claim(id, gateway, claimToken) {
      const row = await hot.claim(id, gateway, claimToken);
      if (row) observeStatusChange(m, row);
      return row;
    },
    async finish(input) {
      const row = await hot.finish(input);
      if (row) observeStatusChange(m, row);
      return row;
    },
    async report(r) {
      return observeFastReport(m, r.gateway, await hot.report(r));
    },
    async reportAgain(r, reportId) {
      return observeFastReport(m, r.gateway, await hot.reportAgain(r, reportId));
    },
  };
}

function observeFastReport(m: MessageMetrics, gateway: string, fast: FastReport | undefined): FastReport | undefined {
  if (fast?.state === 'applied' && fast.appliedStatus) {
    m.statusChanges.inc({ status: fast.appliedStatus, gateway });
    if (fast.sentAgeSeconds !== undefined) {
      m.reportDelay.observe({ gateway, status: fast.appliedStatus }, Math.max(0, fast.sentAgeSeconds));
    }
  }
  return fast;
}

/**
 * Counts the status changes made outside the hot path (`transition`: cancels, the sweep's
 * expiries, releases and stuck sends, the reconciler, reports the general path applied). Hand it
 * to the data layer once per process (`attachChangeObserver`); a `unknown` there is a stuck send.
 */
export function transitionObserver(m: MessageMetrics): (rows: readonly (Changed & Pick<MessageRow, 'updatedAt'>)[]) => void {
  return (rows) => {
    for (const row of rows) observeStatusChange(m, row, 'stuck');
  };
}
