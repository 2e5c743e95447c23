/**
 * Message statuses and the rules for moving between them. The one rule that matters most:
 * a status never moves backwards, and a terminal status never changes, whatever order the
 * gateway's reports arrive in.
 */
export const MESSAGE_STATUSES = [
  'queued',
  'scheduled',
  'sending',
  'unknown',
  'sent',
  'delivered',
  'failed',
  'expired',
  'cancelled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'failed', 'expired', 'cancelled']);

export function isTerminal(status: MessageStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** What a gateway's delivery report can say, after the gateway's status map is applied. */
export const REPORT_STATUSES = ['accepted', 'buffered', 'sent', 'delivered', 'failed', 'expired'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the message has (or may have) reached the gateway, so a report applies. */
const REPORTABLE: ReadonlySet<MessageStatus> = new Set(['sending', 'unknown', 'sent']);

export type ReportDecision =
  | { action: 'apply'; to: MessageStatus }
  /** The message is still `sending`: keep the report and apply it once the send is stored. */
  | { action: 'park' }
  /** Informational (buffered, enroute) or stale: record as an event, change nothing. */
  | { action: 'record' }
  | { action: 'ignore'; reason: string };

/**
 * Decides what a delivery report does to a message in `current` status. Pure: the callback
 * path and the worker (applying parked reports) both use it, so they cannot disagree.
 */
export function decideReport(
  current: MessageStatus,
  report: ReportStatus,
  context: { attempted: boolean } = { attempted: false },
): ReportDecision {
  if (isTerminal(current)) return { action: 'ignore', reason: `message is already ${current}` };
  // A `queued` message that was already attempted waits to retry after a temporary failure, yet
  // the gateway may have taken that attempt after all: its report is the truth, and applying it
  // takes the message out of `queued`, so the retry's claim finds nothing and nothing is resent.
  if (current === 'queued' && context.attempted) {
    if (report === 'delivered' || report === 'failed' || report === 'expired') return { action: 'apply', to: report };
    if (report === 'sent' || report === 'accepted') return { action: 'apply', to: 'sent' };
    return { action: 'record' };
  }
  if (!REPORTABLE.has(current)) return { action: 'ignore', reason: `message is ${current}, not sent yet` };
  const final = report === 'delivered' || report === 'failed' || report === 'expired';
  if (current === 'sending') return final || report === 'sent' ? { action: 'park' } : { action: 'record' };
  if (final) return { action: 'apply', to: report };
  // A "sent"/"accepted" report confirms an `unknown` send reached the gateway.
  if (current === 'unknown' && (report === 'sent' || report === 'accepted')) return { action: 'apply', to: 'sent' };
  return { action: 'record' };
}

/**
 * Statuses from which a worker may claim the message for sending: `queued`, and `scheduled` once
 * its send time is at most SCHEDULED_CLAIM_LEAD_MS away. The claim statement is built from these.
 */
export const CLAIMABLE: ReadonlySet<MessageStatus> = new Set(['queued', 'scheduled']);

/**
 * How early a scheduled message may be claimed. Its delayed job fires by Redis's clock and the
 * claim compares with PostgreSQL's: a small skew between them must not make the job skip it.
 */
export const SCHEDULED_CLAIM_LEAD_MS = 5_000;

/**
 * Statuses in which a message may still be cancelled: nothing sent, no worker holds it. By the
 * client, or by the clock: an expiry (`validUntil` passed) is a cancel, so it takes these too.
 */
export const CANCELLABLE: ReadonlySet<MessageStatus> = new Set(['queued', 'scheduled']);

/**
 * Statuses the application is told about (a `message.status` webhook). The statement that moves
 * a message into one of these writes the webhook delivery row itself, so no status change can
 * forget its webhook. `queued`/`sending` churn (retries, claims, failovers) is internal.
 */
export const NOTIFIED_STATUSES: readonly MessageStatus[] = ['unknown', 'sent', 'delivered', 'failed', 'expired', 'cancelled'];
