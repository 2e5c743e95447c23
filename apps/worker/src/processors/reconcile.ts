import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';
import type { MessageStatus } from '@smsgw/core';
import {
  listGateways,
  applyPendingReports,
  recordReconcileCheck,
  transition,
  unknownDueForLookup,
  type Db,
  type MessageSet,
  type UnknownCandidate,
} from '@smsgw/db';
import {
  executeRequest,
  isGatewayError,
  parseStatusQuery,
  renderStatusQuery,
  type HttpLimits,
  type RenderedRequest,
  type StatusLookup,
} from '@smsgw/gateways';
import type { Queues } from '@smsgw/queues';
import type { GatewayCache, HttpGateway } from '../gateway-cache.js';

/**
 * Settles `unknown` messages by asking their gateway (its config's `statusQuery`). `unknown`
 * means the send may or may not have reached the gateway, so it is never resent blindly; before
 * this, only a late delivery report could move it. A lookup that finds the message moves it as
 * a report would (sent / delivered / failed / expired); one where the provider positively says
 * it has no such message fails it (it was never sent: a human may resend it); anything else
 * leaves it unknown and is recorded as a `reconcile_check` event, which paces the next lookup.
 */

export interface ReconcileDeps {
  db: Db;
  gateways: GatewayCache;
  /** Limits of gateway calls (the SSRF guard with them). */
  limits: HttpLimits;
  log: Logger;
  /** Lookups per run; a run holds the maintenance queue (the sweep waits behind it). */
  limit?: number;
}

export interface ReconcileReport {
  /** Lookups made. */
  checked: number;
  /** Moved to sent / delivered / failed / expired by what the gateway said. */
  settled: number;
  /** Failed because the gateway positively said it never received them. */
  notFound: number;
  /** Still unknown (no usable answer, or a status word the config does not map). */
  unresolved: number;
}

/** The first lookup waits this long: a report or the send's own answer usually settles it sooner. */
export const RECONCILE_AFTER_MS = 60_000;
/** Unknown for longer than this, a message is left to a human (`POST /v1/messages/:id/resend`). */
const RECONCILE_FOR_MS = 24 * 3600_000;
const DEFAULT_LIMIT = 20;
/** Lookups in flight at once: a few slow providers must not make a run take limit × timeout. */
const CONCURRENCY = 4;

/** Queues one reconcile run unless one is already waiting or running (the catalog dedupes by task). */
export async function requestReconcile(queues: Pick<Queues, 'enqueue'>): Promise<void> {
  await queues.enqueue('maintenance', { task: 'reconcile' });
}

/** The report words a lookup may answer, as the message status they settle an `unknown` into. */
function settledStatus(found: Extract<StatusLookup, { kind: 'found' }>): MessageStatus {
  // accepted / buffered / sent all prove the gateway has the message: it was sent.
  return found.status === 'delivered' || found.status === 'failed' || found.status === 'expired' ? found.status : 'sent';
}

async function settle(deps: ReconcileDeps, m: UnknownCandidate, found: Extract<StatusLookup, { kind: 'found' }>): Promise<boolean> {
  const to = settledStatus(found);
  const set: MessageSet = { status: to };
  if (to === 'sent' || to === 'delivered') set.sentAt = sql`coalesce(sent_at, now())`;
  if (to === 'delivered') set.deliveredAt = sql`now()`;
  set.statusMessage =
    to === 'sent' || to === 'delivered' ? null : found.errorCode ? `${found.providerStatus} (${found.errorCode})` : found.providerStatus;
  // Stored so the gateway's later reports, which carry only its id, find the message.
  if (found.gatewayMessageId && !m.gatewayMessageId) set.gatewayMessageId = found.gatewayMessageId;
  const detail = {
    via: 'statusQuery',
    providerStatus: found.providerStatus,
    gatewayMessageId: found.gatewayMessageId ?? null,
    errorCode: found.errorCode ?? null,
  };
  const row = await transition(deps.db, m.id, ['unknown'], set, { type: 'reconciled', detail });
  // A report (or the send's late answer) got there first: it knew better, nothing to do.
  if (!row) return false;
  // Reports that came with the gateway's id before we knew it were kept unmatched: apply them now.
  await applyPendingReports(deps.db, row);
  return true;
}

async function failNotFound(deps: ReconcileDeps, m: UnknownCandidate, httpStatus: number): Promise<boolean> {
  const row = await transition(
    deps.db,
    m.id,
    ['unknown'],
    { status: 'failed', statusMessage: 'not_found_at_gateway: the gateway says it never received this message' },
    { type: 'reconciled', detail: { via: 'statusQuery', found: false, httpStatus } },
  );
  return row !== undefined;
}

type Result = 'settled' | 'not_found' | 'unresolved';

/** Looks one message up and acts on the answer; a lookup that settles nothing is recorded. */
async function reconcileOne(deps: ReconcileDeps, gw: HttpGateway, m: UnknownCandidate, now: Date): Promise<Result> {
  const unresolved = async (detail: Record<string, unknown>): Promise<Result> => {
    await recordReconcileCheck(deps.db, m.id, now, detail);
    return 'unresolved';
  };
  let request: RenderedRequest | undefined;
  try {
    request = renderStatusQuery(gw.config, {
      messageId: m.id,
      gatewayMessageId: m.gatewayMessageId,
      to: m.to,
      credentials: gw.credentials,
      settings: gw.settings,
    });
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    return unresolved({ result: 'config_error', error: err.message });
  }
  if (!request) return unresolved({ result: 'no_lookup_id' });
  const lookup = parseStatusQuery(gw.config, await executeRequest(request, deps.limits));
  switch (lookup.kind) {
    case 'found':
      return (await settle(deps, m, lookup)) ? 'settled' : 'unresolved';
    case 'not_found':
      return (await failNotFound(deps, m, lookup.httpStatus)) ? 'not_found' : 'unresolved';
    case 'unmapped':
      return unresolved({ result: 'unmapped', providerStatus: lookup.providerStatus });
    case 'inconclusive':
      return unresolved({ result: 'inconclusive', reason: lookup.reason });
  }
}

/** Gateways whose config can look messages up, by name. A gateway that fails to load is skipped. */
async function lookupGateways(deps: ReconcileDeps): Promise<Map<string, HttpGateway>> {
  const out = new Map<string, HttpGateway>();
  for (const row of await listGateways(deps.db)) {
    const gw = await deps.gateways.get(row.name).catch((err: unknown) => {
      deps.log.warn({ err, gateway: row.name }, 'gateway could not be loaded for status lookups');
      return undefined;
    });
    // Lookups are HTTP status queries; an SMPP gateway's unknown messages wait for their receipts.
    if (gw?.kind === 'http' && gw.config.statusQuery) out.set(row.name, gw);
  }
  return out;
}

/**
 * One reconcile run: up to `limit` unknown messages, on gateways with a status lookup, that have
 * been unknown for a minute (and for less than a day) and are due their next lookup.
 */
export async function reconcileUnknown(deps: ReconcileDeps, now = new Date()): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, settled: 0, notFound: 0, unresolved: 0 };
  const gateways = await lookupGateways(deps);
  const due = await unknownDueForLookup(deps.db, {
    gateways: [...gateways.keys()],
    olderThan: new Date(now.getTime() - RECONCILE_AFTER_MS),
    since: new Date(now.getTime() - RECONCILE_FOR_MS),
    now,
    limit: deps.limit ?? DEFAULT_LIMIT,
  });
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let m = due[next++]; m !== undefined; m = due[next++]) {
      const gw = gateways.get(m.gateway);
      if (!gw) continue;
      report.checked++;
      try {
        const result = await reconcileOne(deps, gw, m, now);
        if (result === 'settled') report.settled++;
        else if (result === 'not_found') report.notFound++;
        else report.unresolved++;
      } catch (err) {
        // One message's trouble (a database error, a duplicate gateway id) must not stop the rest.
        report.unresolved++;
        deps.log.error({ err, messageId: m.id, gateway: m.gateway }, 'status lookup failed');
        // Recorded when possible, so a message that keeps failing waits its turn like the others.
        await recordReconcileCheck(deps.db, m.id, now, { result: 'error' }).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, lane));
  if (report.checked > 0) deps.log.info(report, 'reconcile');
  return report;
}
