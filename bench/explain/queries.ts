import type postgres from 'postgres';
import { idAtTime, newId } from '@smsgw/core';
import {
  batchProgress,
  billingRunMessages,
  createBillingRun,
  createHotPath,
  deleteOldEvents,
  deleteOldMessages,
  deleteOldReplies,
  deleteOldReports,
  deleteOldWebhookDeliveries,
  findReplyMatch,
  getMessage,
  hasUnknownSince,
  inflightPage,
  insertMessages,
  listEvents,
  listMessages,
  listReplies,
  listRepliesForMessage,
  listUnbilled,
  listWebhookDeliveries,
  stalePendingDeliveries,
  stalePendingReplyHandlers,
  staleMessages,
  unbilledTotals,
  unknownDueForLookup,
} from '@smsgw/db';
import { BENCH } from './data.js';
import type { PlanQuery, Samples } from './plans.js';

export type { CapturedPlan, PlanNode, PlanQuery, Samples } from './plans.js';
export { explainingDb, indexesUsed, planProblems } from './plans.js';

const ago = (ms: number) => new Date(Date.now() - ms);
const DAY = 86_400_000;

export const QUERIES: PlanQuery[] = [
  // The hot path: one statement per accept, claim, outcome and report.
  {
    name: 'hot: accept',
    uses: [],
    writes: true,
    run: (db, s) =>
      insertMessages(db, [
        {
          id: newId('msg'),
          accountId: BENCH.bigAccount,
          to: s.phone,
          content: 'hello',
          encoding: 'gsm7',
          segments: 1,
          status: 'queued',
          gateway: s.gateway,
          routeGateways: [s.gateway],
        },
      ]),
  },
  { name: 'hot: claim', uses: ['messages_pkey'], writes: true, run: (db, s) => createHotPath(db).claim(s.queued.id, s.queued.gateway) },
  {
    name: 'hot: send outcome',
    uses: ['messages_pkey'],
    writes: true,
    run: (db, s) =>
      createHotPath(db).finish({
        id: s.sending.id,
        status: 'sent',
        gatewayMessageId: `bench-${s.sending.id}`,
        setSentAt: true,
        event: { type: 'sent' },
        claimAttempts: s.sending.attempts,
      }),
  },
  {
    name: 'hot: delivery report',
    uses: ['messages_gateway_msgid_uq'],
    writes: true,
    run: (db, s) =>
      createHotPath(db).report({
        gateway: s.sent.gateway,
        gatewayMessageId: s.sent.gatewayMessageId,
        status: 'delivered',
        providerStatus: 'DELIVRD',
      }),
  },
  {
    name: 'reply match (to, gateway, window)',
    uses: ['messages_to_sent_idx'],
    run: (db, s) => findReplyMatch(db, { gateway: s.gateway, from: s.phone, to: undefined, reference: undefined, since: ago(3 * DAY) }),
  },
  // A message's page: the row, its events, its replies.
  { name: 'message by id', uses: ['messages_pkey|messages_account_id_idx'], run: (db, s) => getMessage(db, BENCH.bigAccount, s.middle) },
  { name: 'message events', uses: ['message_events_message_idx'], run: (db, s) => listEvents(db, s.middle) },
  { name: 'message replies', uses: ['replies_message_idx'], run: (db, s) => listRepliesForMessage(db, s.withReply) },
  // GET /v1/messages
  // Newest first: the account's index, or for an account with most of the rows the primary key
  // backwards (half of what it reads matches), whichever the planner finds cheaper.
  {
    name: 'messages: newest',
    uses: ['messages_account_id_idx|messages_pkey'],
    run: (db) => listMessages(db, BENCH.bigAccount, { limit: 50 }),
  },
  {
    name: 'messages: newest, small account',
    // Either index's (account_id, …) prefix holds the account's few rows.
    uses: ['messages_account_id_idx|messages_account_status_idx'],
    run: (db) => listMessages(db, BENCH.smallAccount, { limit: 50 }),
  },
  {
    name: 'messages: status',
    uses: ['messages_account_status_idx'],
    // A status of 1% of the rows: by the primary key a page would read 100 rows per row found.
    // (A common one, `failed` at 6%, is read as well either way, and the planner says so.)
    run: (db) => listMessages(db, BENCH.bigAccount, { status: 'expired', limit: 50 }),
  },
  {
    name: 'messages: status=delivered (most rows)',
    uses: ['messages_account_id_idx|messages_pkey'],
    run: (db) => listMessages(db, BENCH.bigAccount, { status: 'delivered', limit: 50 }),
  },
  {
    name: 'messages: status=queued (in flight)',
    uses: ['messages_inflight_idx'],
    run: (db) => listMessages(db, BENCH.bigAccount, { status: 'queued', limit: 50 }),
  },
  {
    name: 'messages: status, last page',
    uses: ['messages_account_status_idx'],
    run: (db, s) => listMessages(db, BENCH.bigAccount, { status: 'expired', before: s.lastPageCursor, limit: 50 }),
  },
  {
    name: 'messages: billee',
    uses: ['messages_account_billee_idx'],
    run: (db, s) => listMessages(db, BENCH.bigAccount, { billeeType: BENCH.billeeType, billeeId: s.billeeId, limit: 50 }),
  },
  { name: 'messages: to', uses: ['messages_to_sent_idx'], run: (db, s) => listMessages(db, BENCH.bigAccount, { to: s.phone, limit: 50 }) },
  {
    name: 'messages: batch',
    uses: ['messages_batch_idx'],
    run: (db, s) => listMessages(db, BENCH.bigAccount, { batchId: s.batchId, limit: 50 }),
  },
  { name: 'batch progress', uses: ['messages_batch_idx'], run: (db, s) => batchProgress(db, s.batchId) },
  // GET /v1/replies
  { name: 'replies: newest', uses: ['replies_account_idx|replies_pkey'], run: (db) => listReplies(db, BENCH.bigAccount, { limit: 50 }) },
  {
    name: 'replies: from',
    uses: ['replies_account_from_idx'],
    run: (db, s) => listReplies(db, BENCH.bigAccount, { from: s.replyFrom, limit: 50 }),
  },
  {
    name: 'replies: since/until',
    // Id bounds: a range of the account's index, or of the primary key.
    uses: ['replies_account_idx|replies_pkey'],
    run: (db) => listReplies(db, BENCH.bigAccount, { since: ago(20 * DAY), until: ago(19 * DAY), limit: 50 }),
  },
  // GET /v1/webhook-deliveries
  {
    name: 'deliveries: newest',
    uses: ['webhook_deliveries_account_idx|webhook_deliveries_pkey'],
    run: (db) => listWebhookDeliveries(db, BENCH.bigAccount, { limit: 50 }),
  },
  {
    name: 'deliveries: messageId',
    uses: ['webhook_deliveries_message_idx'],
    run: (db, s) => listWebhookDeliveries(db, BENCH.bigAccount, { messageId: s.withReply, limit: 50 }),
  },
  {
    name: 'deliveries: state=pending',
    uses: ['webhook_deliveries_pending_idx'],
    run: (db) => listWebhookDeliveries(db, BENCH.bigAccount, { state: 'pending', limit: 50 }),
  },
  // The maintenance sweep (every 30 s).
  { name: 'sweep: webhook re-queue', uses: ['webhook_deliveries_pending_idx'], run: (db) => stalePendingDeliveries(db, ago(60_000), 500) },
  { name: 'sweep: reply handlers', uses: ['replies_handler_pending_idx'], run: (db) => stalePendingReplyHandlers(db, ago(60_000), 500) },
  {
    name: 'sweep: lost queued',
    uses: ['messages_inflight_idx'],
    run: (db) => inflightPage(db, { status: 'queued', untouchedSince: ago(60_000), limit: 500 }),
  },
  { name: 'sweep: stuck sending', uses: ['messages_inflight_idx'], run: (db) => staleMessages(db, ['sending'], ago(75_000), 500) },
  { name: 'sweep: unknown probe', uses: ['messages_inflight_idx'], run: (db) => hasUnknownSince(db, ago(60_000)) },
  {
    name: 'reconcile: unknown due',
    uses: ['messages_inflight_idx'],
    run: (db, s) =>
      unknownDueForLookup(db, { gateways: [s.gateway], olderThan: ago(60_000), since: ago(7 * DAY), now: new Date(), limit: 100 }),
  },
  // Billing.
  { name: 'billing: totals', uses: ['messages_billable_idx'], run: (db) => unbilledTotals(db, BENCH.bigAccount, { until: new Date() }) },
  {
    name: 'billing: unbilled page',
    uses: ['messages_billable_idx'],
    run: (db) => listUnbilled(db, BENCH.bigAccount, { until: new Date(), limit: 100 }),
  },
  {
    name: 'billing: one billee',
    uses: ['messages_billable_idx|messages_account_billee_idx'],
    run: (db, s) => unbilledTotals(db, BENCH.bigAccount, { until: new Date(), billee: { type: BENCH.billeeType, id: s.billeeId } }),
  },
  {
    name: 'billing: run',
    uses: ['messages_billable_idx'],
    writes: true,
    run: (db) =>
      createBillingRun(db, { id: newId('run'), accountId: BENCH.bigAccount, until: new Date(), idempotencyKey: null, requestHash: null }),
  },
  { name: 'billing: run export', uses: ['messages_billing_run_idx'], run: (db, s) => billingRunMessages(db, s.runId, undefined, 500) },
  // Retention: one batch per table.
  {
    name: 'retention: messages',
    uses: ['messages_pkey'],
    writes: true,
    run: (db) => deleteOldMessages(db, { cutoff: ago(30 * DAY), limit: 1000, keepUnbilled: true }),
  },
  {
    name: 'retention: events',
    uses: ['message_events_pkey'],
    writes: true,
    run: (db) => deleteOldEvents(db, { cutoff: ago(30 * DAY), limit: 1000 }),
  },
  {
    name: 'retention: reports',
    uses: ['status_reports_pkey'],
    writes: true,
    run: (db) => deleteOldReports(db, { cutoff: ago(30 * DAY), limit: 1000 }),
  },
  {
    name: 'retention: replies',
    uses: ['replies_pkey'],
    writes: true,
    run: (db) => deleteOldReplies(db, { cutoff: ago(30 * DAY), limit: 1000 }),
  },
  {
    name: 'retention: webhook deliveries',
    uses: ['webhook_deliveries_pkey'],
    writes: true,
    run: (db) => deleteOldWebhookDeliveries(db, { cutoff: ago(30 * DAY), limit: 1000 }),
  },
];

/** Picks the sample keys from the generated data (each one an index probe). */
export async function pickSamples(sql: postgres.Sql): Promise<Samples> {
  const one = async <T>(query: string): Promise<T> => {
    const [row] = await sql.unsafe(query);
    if (!row) throw new Error(`no sample row for: ${query}`);
    return row as T;
  };
  const queued = await one<{ id: string; gateway: string }>(`SELECT id, gateway FROM messages WHERE status = 'queued' LIMIT 1`);
  const sending = await one<{ id: string; attempts: number }>(`SELECT id, attempts FROM messages WHERE status = 'sending' LIMIT 1`);
  const sent = await one<{ gateway: string; gwid: string }>(
    `SELECT gateway, gateway_message_id AS gwid FROM messages WHERE status = 'sent' ORDER BY id DESC LIMIT 1`,
  );
  const middle = await one<{ id: string }>(
    `SELECT id FROM messages WHERE id >= '${idAtTime('msg', Date.now() - 30 * DAY)}' AND account_id = '${BENCH.bigAccount}' ORDER BY id LIMIT 1`,
  );
  const lastPage = await one<{ id: string }>(
    `SELECT id FROM (SELECT id FROM messages WHERE account_id = '${BENCH.bigAccount}' AND status = 'expired' ORDER BY id LIMIT 60) f ORDER BY id DESC LIMIT 1`,
  );
  const billee = await one<{ billee_id: string }>(
    `SELECT billee_id FROM messages WHERE account_id = '${BENCH.bigAccount}' AND billee_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  const phone = await one<{ to: string }>(`SELECT "to" FROM messages WHERE sent_at IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const batch = await one<{ batch_id: string }>(
    `SELECT batch_id FROM messages WHERE account_id = '${BENCH.bigAccount}' AND batch_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  const run = await one<{ billing_run_id: string }>(
    `SELECT billing_run_id FROM messages WHERE billing_run_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  const reply = await one<{ message_id: string; from: string }>(
    `SELECT message_id, "from" FROM replies WHERE account_id = '${BENCH.bigAccount}' AND message_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  return {
    queued,
    sending,
    sent: { gateway: sent.gateway, gatewayMessageId: sent.gwid },
    middle: middle.id,
    lastPageCursor: lastPage.id,
    billeeId: billee.billee_id,
    phone: phone.to,
    batchId: batch.batch_id,
    runId: run.billing_run_id,
    withReply: reply.message_id,
    replyFrom: reply.from,
    gateway: queued.gateway,
  };
}
