import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { decideReport, type ReportStatus } from '@smsgw/core';
import type { Db } from '../client.js';
import { messages, statusReports } from '../schema/index.js';
import { preparedOnce } from '../prepared.js';
import type { ChangedMessage, FastReport, HotPath } from '../hot/index.js';
import type { IncomingReport, MessageRow, ReportState } from '../types.js';
import { appendEvent, getMessageById, transition, type MessageSet } from './messages.js';

export type { IncomingReport, ReportState } from '../types.js';

export interface ReportOutcome {
  state: ReportState;
  messageId: string | undefined;
  /** The stored report, when it waits (unmatched or parked): what a later look asks after. */
  reportId?: number | undefined;
  /** The message after a status change, when the report changed it. */
  changed: ChangedMessage | undefined;
}

const findByGatewayId = preparedOnce((db) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.gateway, sql.placeholder('gateway')), eq(messages.gatewayMessageId, sql.placeholder('gwid'))))
    .limit(1)
    .prepare('find_message_by_gateway_id'),
);

async function findMessage(db: Db, r: IncomingReport): Promise<MessageRow | undefined> {
  const [row] = await findByGatewayId(db).execute({ gateway: r.gateway, gwid: r.gatewayMessageId });
  if (row) return row;
  if (r.reference?.startsWith('msg_')) {
    const byRef = await getMessageById(db, r.reference);
    // A reference only counts for the gateway the message went through (it is client-supplied text).
    if (byRef?.routeGateways.includes(r.gateway)) return byRef;
  }
  return undefined;
}

/**
 * What a multipart message's reports add up to: failed if any part failed, delivered when every
 * part is, otherwise nothing final yet.
 */
async function partsVerdict(db: Db, messageId: string, partCount: number): Promise<ReportStatus | undefined> {
  const rows = await db
    .select({ part: statusReports.partIndex, status: statusReports.status })
    .from(statusReports)
    .where(and(eq(statusReports.messageId, messageId), inArray(statusReports.status, ['delivered', 'failed', 'expired'])));
  if (rows.some((r) => r.status === 'failed' || r.status === 'expired')) {
    return rows.find((r) => r.status === 'failed') ? 'failed' : 'expired';
  }
  const delivered = new Set(rows.filter((r) => r.status === 'delivered').map((r) => r.part));
  return delivered.size >= partCount ? 'delivered' : undefined;
}

async function setState(db: Db, id: number, state: ReportState, messageId: string | undefined): Promise<void> {
  await db
    .update(statusReports)
    .set({ state, messageId: messageId ?? null })
    .where(eq(statusReports.id, id));
}

/** Applies one stored report to its message; status moves forward only (decideReport). */
async function applyToMessage(db: Db, reportId: number, r: IncomingReport, initial: MessageRow): Promise<ReportOutcome> {
  const detail = { providerStatus: r.providerStatus, errorCode: r.errorCode ?? null, part: r.partIndex ?? null };
  let message = initial;
  for (let tries = 0; tries < 3; tries++) {
    let status = r.status;
    // Only per-part reports (a part index) add up; a report of the whole message that states its
    // part count (most providers' `parts`/`smsCount`) is final on its own.
    const parts = r.partIndex !== undefined ? (r.partCount ?? 1) : 1;
    if (status && parts > 1 && status !== 'sent' && status !== 'accepted' && status !== 'buffered') {
      status = await partsVerdict(db, message.id, parts);
    }
    if (!status) {
      await appendEvent(db, message.id, { type: 'report', detail: { ...detail, applied: false } });
      await setState(db, reportId, 'recorded', message.id);
      return { state: 'recorded', messageId: message.id, changed: undefined };
    }
    const decision = decideReport(message.status, status, { attempted: message.attempts > 0 });
    if (decision.action === 'ignore') {
      await setState(db, reportId, 'ignored', message.id);
      return { state: 'ignored', messageId: message.id, changed: undefined };
    }
    if (decision.action === 'park') {
      await setState(db, reportId, 'parked', message.id);
      // The worker may have stored the send after our read and looked for parked reports before
      // this one was parked: look again, and take the report back if nobody else has.
      const fresh = await getMessageById(db, message.id);
      if (fresh && fresh.status !== 'sending' && (await claimReport(db, reportId))) {
        message = fresh;
        continue;
      }
      return { state: 'parked', messageId: message.id, reportId, changed: undefined };
    }
    if (decision.action === 'record') {
      await appendEvent(db, message.id, { type: 'report', status: null, gateway: r.gateway, detail });
      await setState(db, reportId, 'recorded', message.id);
      return { state: 'recorded', messageId: message.id, changed: undefined };
    }
    const set: MessageSet = { status: decision.to };
    if (decision.to === 'delivered') set.deliveredAt = r.at ?? new Date();
    if (decision.to !== 'delivered' && r.errorCode) set.statusMessage = `${r.providerStatus} (${r.errorCode})`;
    else if (decision.to !== 'delivered') set.statusMessage = r.providerStatus;
    if (r.charge !== undefined) {
      set.gatewayCharge = r.charge;
      if (r.currency) set.chargeCurrency = r.currency;
    }
    const changed = await transition(db, message.id, [message.status], set, { type: 'report', detail });
    if (changed) {
      await setState(db, reportId, 'applied', message.id);
      return { state: 'applied', messageId: message.id, changed };
    }
    // Someone moved the message meanwhile: decide again against what it is now.
    const fresh = await getMessageById(db, message.id);
    if (!fresh) break;
    message = fresh;
  }
  await setState(db, reportId, 'ignored', message.id);
  return { state: 'ignored', messageId: message.id, changed: undefined };
}

function reportRow(r: IncomingReport, state: string, messageId: string | undefined) {
  return {
    gateway: r.gateway,
    gatewayMessageId: r.gatewayMessageId,
    messageId: messageId ?? null,
    status: r.status ?? null,
    providerStatus: r.providerStatus,
    errorCode: r.errorCode ?? null,
    reportedAt: r.at ?? null,
    charge: r.charge ?? null,
    partIndex: r.partIndex ?? null,
    partCount: r.partCount ?? null,
    state,
    raw: r.raw ?? null,
  };
}

/**
 * Stores a delivery report and applies it. With the process's hot path, a report that matches a
 * message by gateway id takes one grouped statement; the rest (matched by reference only, per
 * part, or not at all yet) take the general path below. A report that matches no message yet is
 * kept as `unmatched`: either the send's response is not stored yet (the worker applies it right
 * after storing), or the id is unknown (kept for inspection; the provider still gets a 200).
 */
export async function recordStatusReport(db: Db, incoming: IncomingReport, hot?: HotPath): Promise<ReportOutcome> {
  const r = { ...incoming, charge: storableCharge(incoming.charge) };
  const fast = hot ? await hot.report(r) : undefined;
  if (fast && hot) return resumeFastReport(db, r, fast, hot);
  const message = await findMessage(db, r);
  const [row] = await db
    .insert(statusReports)
    .values(reportRow(r, message ? 'applying' : 'unmatched', message?.id))
    .returning({ id: statusReports.id });
  if (!row) throw new Error('status report insert returned nothing');
  if (message) return applyToMessage(db, row.id, r, message);
  // The worker may have stored the gateway id between our lookup and our insert: look once more.
  const late = await findMessage(db, r);
  if (late && (await claimReport(db, row.id))) return applyToMessage(db, row.id, r, late);
  return { state: 'unmatched', messageId: undefined, reportId: row.id, changed: undefined };
}

/** Whether a stored report still waits for its send (unmatched or parked): one prepared lookup. */
export async function reportWaits(db: Db, id: number): Promise<boolean> {
  return (await waitingReport(db).execute({ id })).length > 0;
}
const waitingReport = preparedOnce((db) =>
  db
    .select({ id: statusReports.id })
    .from(statusReports)
    .where(and(eq(statusReports.id, sql.placeholder('id')), inArray(statusReports.state, ['unmatched', 'parked'])))
    .prepare('status_report_waits'),
);

/**
 * The fast statement's verdict, finished where a race needs more: `applying` (the message moved
 * between the statement's read and its update) is decided again against the message as it is
 * now; `parked` (the send is not stored yet) is looked at once more, because the worker may have
 * stored it and looked for parked reports before this one was committed.
 */
async function resumeFastReport(db: Db, r: IncomingReport, fast: FastReport, hot: HotPath): Promise<ReportOutcome> {
  if (fast.state === 'applying' || fast.state === 'parked') {
    const fresh = await getMessageById(db, fast.messageId);
    if (fresh && (fast.state === 'applying' || (fresh.status !== 'sending' && (await claimReport(db, fast.reportId))))) {
      return applyTaken(db, fast.reportId, r, fresh.id, hot, fresh);
    }
  }
  // The outbox row (if any) was written by the statement and its job woken by the hot path.
  return {
    state: fast.state === 'applying' ? 'ignored' : fast.state,
    messageId: fast.messageId,
    reportId: fast.reportId,
    changed: undefined,
  };
}

async function claimReport(db: Db, id: number): Promise<boolean> {
  return (await takeReport(db).execute({ id })).length > 0;
}
const takeReport = preparedOnce((db) =>
  db
    .update(statusReports)
    .set({ state: 'applying' })
    .where(and(eq(statusReports.id, sql.placeholder('id')), inArray(statusReports.state, ['unmatched', 'parked'])))
    .returning({ id: statusReports.id })
    .prepare('claim_status_report'),
);

function toIncoming(row: typeof statusReports.$inferSelect): IncomingReport {
  return {
    gateway: row.gateway,
    gatewayMessageId: row.gatewayMessageId,
    status: (row.status ?? undefined) as ReportStatus | undefined,
    providerStatus: row.providerStatus,
    errorCode: row.errorCode ?? undefined,
    at: row.reportedAt ?? undefined,
    charge: row.charge ?? undefined,
    partIndex: row.partIndex ?? undefined,
    partCount: row.partCount ?? undefined,
  };
}

/**
 * Applies a report the caller has taken (`applying`): through the hot path's grouped statement
 * when it can decide it (the message is matched by the gateway id its send stored), else by the
 * general path against the message as it is now (`fresh`, when the caller has just read it).
 */
async function applyTaken(
  db: Db,
  reportId: number,
  r: IncomingReport,
  messageId: string,
  hot?: HotPath,
  fresh?: MessageRow,
): Promise<ReportOutcome> {
  const fast = hot ? await hot.reportAgain(r, reportId) : undefined;
  if (fast && fast.state !== 'applying') return { state: fast.state, messageId: fast.messageId, changed: undefined };
  const current = fast || !fresh ? await getMessageById(db, messageId) : fresh;
  // Gone (retention): the report stays taken, and nothing is left to apply it to.
  if (!current) return { state: 'ignored', messageId, changed: undefined };
  return applyToMessage(db, reportId, r, current);
}

/**
 * Applies reports that arrived before the send was stored (parked on the message, or unmatched
 * with its gateway id), in report order. Every path that stores a send's outcome or settles an
 * `unknown` message ends with this. Each change wakes its own webhook (through `transition`).
 */
export async function applyPendingReports(db: Db, message: MessageRow, hot?: HotPath): Promise<ReportOutcome[]> {
  const match = message.gatewayMessageId
    ? or(
        eq(statusReports.messageId, message.id),
        and(eq(statusReports.gateway, message.gateway ?? ''), eq(statusReports.gatewayMessageId, message.gatewayMessageId)),
      )
    : eq(statusReports.messageId, message.id);
  const pending = await db
    .select()
    .from(statusReports)
    .where(and(match, inArray(statusReports.state, ['unmatched', 'parked'])))
    .orderBy(asc(statusReports.id));
  const out: ReportOutcome[] = [];
  for (const row of pending) {
    if (!(await claimReport(db, row.id))) continue;
    // The message as it is now is read only where the general path needs it (applyTaken).
    out.push(await applyTaken(db, row.id, toIncoming(row), message.id, hot));
  }
  return out;
}

/**
 * A provider's charge as the `numeric(12,6)` columns can hold it, else none: a charge PostgreSQL
 * would refuse (not a number, a million or more) must not turn the whole report into a 500 the
 * provider retries forever. The report is still applied; only the nonsense charge is dropped.
 */
function storableCharge(charge: string | undefined): string | undefined {
  if (charge === undefined) return undefined;
  const text = charge.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) < 1_000_000 ? text : undefined;
}

/**
 * A report stored as unmatched may have only lost a race with its send's outcome (stored a
 * moment after the outcome looked for waiting reports). Called again a little later by the
 * process that received it: when the message now carries the gateway's id, its waiting reports
 * are applied. The maintenance sweep does the same for whatever this misses.
 */
export async function settleLateReport(
  db: Db,
  r: Pick<IncomingReport, 'gateway' | 'gatewayMessageId' | 'reference'>,
): Promise<ReportOutcome[]> {
  const message = await findMessage(db, { ...r, status: undefined, providerStatus: '' });
  if (!message || message.status === 'sending') return [];
  return applyPendingReports(db, message);
}
