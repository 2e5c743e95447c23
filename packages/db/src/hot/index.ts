import { decideReport, MESSAGE_STATUSES, newId, type MessageStatus, type ReportStatus } from '@smsgw/core';
import type { Db, IncomingReport, MessageRow, NewMessage, ReportState } from '../types.js';
import { mapRow } from '../rows.js';
import { messages } from '../schema/index.js';
import { createGroup, type Group } from './group.js';
import { sqlRunner, type SqlRunner } from './runner.js';
import { ACCEPT, CLAIM, FINISH, REPORT } from './statements.js';
import { wakeOutbox } from './wake.js';

/**
 * `no_credit`: its prepaid billee's credit cannot pay for it (or it has no price in the credit's
 * currency); `vetoed`: valid, but another row of its atomic batch was refused, so none was stored.
 */
export type AcceptResult =
  | { kind: 'created'; row: MessageRow }
  | { kind: 'blocked' }
  | { kind: 'no_credit' }
  | { kind: 'duplicate' }
  | { kind: 'vetoed' };

/** The batch a group of accepted rows belongs to (their `batchId`); stored with its first message. */
export interface NewBatch {
  id: string;
  accountId: string;
  atomic: boolean;
  webhookUrl: string | null;
  idempotencyKey: string | null;
}

/**
 * A status change made by the hot path; `webhookId` is the outbox row it wrote, if any, and
 * `batchWebhookId` the `batch.completed` row when this change completed the message's batch.
 */
export type ChangedMessage = MessageRow & { webhookId: string | null; batchWebhookId: string | null };

/** What a send's outcome writes: the new status and the columns it sets (absent = unchanged). */
export interface FinishInput {
  id: string;
  status: MessageStatus;
  /** Sets status_message (null clears it); absent keeps it. */
  statusMessage?: string | null;
  gatewayMessageId?: string | null;
  setSentAt?: boolean;
  gateway?: string;
  routeIndex?: number;
  attempts?: number;
  event: { type: string; detail?: Record<string, unknown> };
  /**
   * The attempt number the caller's claim gave the message: the outcome applies only while the
   * message still carries it (another claim since — after the sweep released this one — wins).
   */
  claimAttempts?: number;
}

export type FinishedMessage = ChangedMessage & { hasPendingReports: boolean };

export interface FastReport {
  state: ReportState | 'applying';
  messageId: string;
  reportId: number;
  webhookId: string | null;
  /** When applied: the status the message entered, and seconds since it was sent (the report-delay metric; database clock). */
  appliedStatus?: MessageStatus | undefined;
  sentAgeSeconds?: number | undefined;
}

export interface HotPathOptions {
  /** Rows per grouped statement at most (default 100). */
  maxRows?: number;
  /** Grouped statements of one kind in flight at once (default 2). */
  concurrency?: number;
}

export interface HotPath {
  accept(values: NewMessage): Promise<AcceptResult>;
  /**
   * `claimToken`: the claimed-not-sent marker's token the caller holds, stored with the claim so
   * the sweep can tell this claim's marker from a later job's.
   */
  claim(id: string, gateway: string, claimToken?: string): Promise<ChangedMessage | undefined>;
  finish(input: FinishInput): Promise<FinishedMessage | undefined>;
  /** A report matched by gateway id (or, while its send is in flight, by our echoed reference) in one statement; undefined when it needs the general path. */
  report(r: IncomingReport): Promise<FastReport | undefined>;
  /**
   * A report stored earlier and now taken by the caller (`applying`: parked while its send was in
   * flight, the send since stored), decided and applied in the same grouped statement, its row
   * updated; undefined when it needs the general path (the row then stays `applying`).
   */
  reportAgain(r: IncomingReport, reportId: number): Promise<FastReport | undefined>;
  drain(): Promise<void>;
  /** Statements run and rows they carried, per kind: rows / statements is the group size. */
  stats(): Record<StatementKind, { statements: number; rows: number }>;
}

export type StatementKind = 'accept' | 'claim' | 'finish' | 'report';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** decideReport for every message status, as the jsonb map the REPORT statement looks up. */
const decisionMaps = new Map<string, Record<string, string>>();
function decisionsFor(status: ReportStatus | undefined): Record<string, string> {
  const key = status ?? '';
  let map = decisionMaps.get(key);
  if (!map) {
    map = {};
    for (const s of MESSAGE_STATUSES) {
      if (status === undefined) map[s] = 'record';
      else {
        // Not attempted: the hot path matches by gateway id only, which a message waiting to retry
        // (queued, attempts > 0) has not got, so the general path decides those.
        const d = decideReport(s, status, { attempted: false });
        map[s] = d.action === 'apply' ? `apply:${d.to}` : d.action;
      }
    }
    decisionMaps.set(key, map);
  }
  return map;
}

/** Only whole-message reports take the fast path; per-part reports need the parts added up. */
export function isFastReport(r: IncomingReport): boolean {
  return r.partIndex === undefined || (r.partCount ?? 1) <= 1;
}

const idOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A changed row of a hand-written statement, with the outbox rows it wrote. */
export function changedMessage(row: Record<string, unknown>): ChangedMessage {
  return Object.assign(mapRow(messages, row), {
    webhookId: idOrNull(row['webhook_id']),
    batchWebhookId: idOrNull(row['batch_webhook_id']),
  });
}
const changed = changedMessage;

/**
 * The hot path of one process: accept, claim, finish and report, each a prepared statement run
 * through group commit. Create one per process (API or worker) and close it with `drain()`.
 */
export function createHotPath(db: Db, opts: HotPathOptions = {}): HotPath {
  const run: SqlRunner = sqlRunner(db);
  const maxRows = opts.maxRows ?? 100;
  const concurrency = opts.concurrency ?? 2;
  // The outbox rows these statements wrote: their delivery jobs are queued by the process's waker.
  // Rows of one batch share its `batch.completed` delivery: wakeOutbox wakes it once.
  const wake = (rows: Record<string, unknown>[]) =>
    wakeOutbox(
      db,
      rows.flatMap((r) => [r['webhook_id'], r['batch_webhook_id']]).filter((v): v is string => typeof v === 'string'),
    );
  const counts: Record<StatementKind, { statements: number; rows: number }> = {
    accept: { statements: 0, rows: 0 },
    claim: { statements: 0, rows: 0 },
    finish: { statements: 0, rows: 0 },
    report: { statements: 0, rows: 0 },
  };
  const group = <I, O>(kind: StatementKind, statement: (items: I[]) => Promise<O[]>, key?: (item: I) => string): Group<I, O> =>
    createGroup({
      run: (items) => {
        counts[kind].statements++;
        counts[kind].rows += items.length;
        return statement(items);
      },
      maxRows,
      concurrency,
      ...(key ? { key } : {}),
    });

  const accept = group<NewMessage, AcceptResult>(
    'accept',
    (items) => runAccept(run, items),
    (v) => (v.idempotencyKey ? `${v.accountId}\u0000${v.idempotencyKey}` : v.id),
  );

  const claim = group<{ id: string; gateway: string; token: string | null }, ChangedMessage | undefined>(
    'claim',
    async (items) => {
      const rows = await run(CLAIM, [JSON.stringify(items.map((i) => ({ ...i, whk: newId('whk'), bwhk: newId('whk') })))]);
      wake(rows);
      const byId = new Map(rows.map((r) => [String(r['id']), r]));
      return items.map((i) => {
        const r = byId.get(i.id);
        return r ? changed(r) : undefined;
      });
    },
    (i) => i.id,
  );

  const finish = group<FinishInput, FinishedMessage | undefined>(
    'finish',
    async (items) => {
      const rows = await run(FINISH, [JSON.stringify(items.map(finishInput))]);
      wake(rows);
      const byId = new Map(rows.map((r) => [String(r['id']), r]));
      return items.map((i) => {
        const r = byId.get(i.id);
        return r ? Object.assign(changed(r), { hasPendingReports: r['has_pending'] === true }) : undefined;
      });
    },
    (i) => i.id,
  );

  const report = group<{ r: IncomingReport; rid: number | null }, FastReport | undefined>(
    'report',
    async (items) => {
      const rows = await run(REPORT, [JSON.stringify(items.map((item, ord) => reportInput(item.r, ord, item.rid)))]);
      wake(rows);
      const byOrd = new Map(rows.map((r) => [Number(r['ord']), r]));
      return items.map((_, ord) => {
        const r = byOrd.get(ord);
        if (!r) return undefined;
        const webhookId = r['webhook_id'];
        return {
          state: String(r['state']) as FastReport['state'],
          messageId: String(r['message_id']),
          reportId: Number(r['report_id']),
          webhookId: typeof webhookId === 'string' ? webhookId : null,
          appliedStatus: typeof r['applied_status'] === 'string' ? (r['applied_status'] as MessageStatus) : undefined,
          sentAgeSeconds: r['sent_age_s'] == null ? undefined : Number(r['sent_age_s']),
        };
      });
    },
    ({ r }) => `${r.gateway}\u0000${r.gatewayMessageId}`,
  );

  return {
    accept: (v) => accept.submit(v),
    claim: (id, gateway, claimToken) => claim.submit({ id, gateway, token: claimToken ?? null }),
    finish: (input) => finish.submit(input),
    report: (r) => (isFastReport(r) ? report.submit({ r, rid: null }) : Promise.resolve(undefined)),
    reportAgain: (r, rid) => (isFastReport(r) ? report.submit({ r, rid }) : Promise.resolve(undefined)),
    async drain() {
      await Promise.all([accept.drain(), claim.drain(), finish.drain(), report.drain()]);
    },
    stats: () => structuredClone(counts),
  };
}

/** The ACCEPT statement over `items` (and the batches they name): one result per item, in order. */
export async function runAccept(run: SqlRunner, items: NewMessage[], batchRows: readonly NewBatch[] = []): Promise<AcceptResult[]> {
  const rows = await run(ACCEPT, [JSON.stringify(items.map(acceptInput)), JSON.stringify(batchRows.map(batchInput))]);
  const byId = new Map(rows.map((r) => [String(r['id']), r]));
  return items.map((v): AcceptResult => {
    const r = byId.get(v.id);
    const row = r?.['row'];
    if (row && typeof row === 'object') return { kind: 'created', row: mapRow(messages, row as Record<string, unknown>) };
    if (r?.['blocked'] === true) return { kind: 'blocked' };
    if (r?.['no_credit'] === true) return { kind: 'no_credit' };
    return r?.['vetoed'] === true ? { kind: 'vetoed' } : { kind: 'duplicate' };
  });
}

function batchInput(b: NewBatch) {
  return { id: b.id, account_id: b.accountId, atomic: b.atomic, webhook_url: b.webhookUrl, idempotency_key: b.idempotencyKey };
}

function acceptInput(v: NewMessage, ord: number) {
  return {
    ord,
    id: v.id,
    account_id: v.accountId,
    to: v.to,
    country: v.country ?? null,
    from: v.from ?? null,
    content: v.content,
    encoding: v.encoding,
    segments: v.segments,
    status: v.status,
    gateway: v.gateway ?? null,
    route_gateways: v.routeGateways ?? [],
    billee_type: v.billeeType ?? null,
    billee_id: v.billeeId ?? null,
    reply_handler: v.replyHandler ?? null,
    webhook_url: v.webhookUrl ?? null,
    metadata: v.metadata ?? {},
    idempotency_key: v.idempotencyKey ?? null,
    request_hash: v.requestHash ?? null,
    send_at: iso(v.sendAt),
    valid_until: iso(v.validUntil),
    batch_id: v.batchId ?? null,
  };
}

function finishInput(i: FinishInput) {
  return {
    id: i.id,
    status: i.status,
    set_message: i.statusMessage !== undefined,
    status_message: i.statusMessage ?? null,
    gwid: i.gatewayMessageId ?? null,
    set_sent: i.setSentAt === true,
    gateway: i.gateway ?? null,
    route_index: i.routeIndex ?? null,
    attempts: i.attempts ?? null,
    claim_attempts: i.claimAttempts ?? null,
    ev_type: i.event.type,
    ev_detail: i.event.detail ?? {},
    whk: newId('whk'),
    bwhk: newId('whk'),
  };
}

function reportInput(r: IncomingReport, ord: number, rid: number | null) {
  const detail: Record<string, unknown> = { providerStatus: r.providerStatus, errorCode: r.errorCode ?? null, part: r.partIndex ?? null };
  if (r.status === undefined) detail['applied'] = false;
  return {
    ord,
    gateway: r.gateway,
    gwid: r.gatewayMessageId,
    status: r.status ?? null,
    provider_status: r.providerStatus,
    error_code: r.errorCode ?? null,
    reported_at: iso(r.at),
    charge: r.charge ?? null,
    currency: r.currency ?? null,
    part_index: r.partIndex ?? null,
    part_count: r.partCount ?? null,
    raw: r.raw ?? null,
    decisions: decisionsFor(r.status),
    status_message: r.errorCode ? `${r.providerStatus} (${r.errorCode})` : r.providerStatus,
    detail,
    whk: newId('whk'),
    bwhk: newId('whk'),
    // Our message id, when the provider echoes it: matches a report that beat its send's answer.
    ref: r.reference?.startsWith('msg_') ? r.reference : null,
    rid,
  };
}
