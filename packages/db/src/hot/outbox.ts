import { NOTIFIED_STATUSES } from '@smsgw/core';

/**
 * The outbox half of every statement that moves a message: the `message.status` webhook row is
 * written by the same statement as the status change, so a change can never lose (or forget)
 * its webhook. Queueing the delivery job afterwards is only a wake-up; the sweep re-queues any
 * pending row whose job never made it to Redis.
 */

const iso = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The message as the application sees it in a webhook, built from a `messages` row alias. It
 * must equal `messageWebhookData()` (@smsgw/core payloads.ts) field for field: a test
 * (packages/db/test/hot-path.test.ts) holds the two together.
 */
export function messageJson(m: string): string {
  return `jsonb_build_object(
    'id', ${m}.id, 'status', ${m}.status, 'statusMessage', ${m}.status_message, 'to', ${m}."to", 'from', ${m}."from",
    'gateway', ${m}.gateway, 'gatewayMessageId', ${m}.gateway_message_id, 'segments', ${m}.segments, 'batchId', ${m}.batch_id,
    'charge', CASE WHEN ${m}.gateway_charge IS NULL THEN 'null'::jsonb
              ELSE jsonb_build_object('amount', ${m}.gateway_charge::text, 'currency', ${m}.charge_currency) END,
    'billee', CASE WHEN ${m}.billee_type IS NOT NULL AND ${m}.billee_id IS NOT NULL
              THEN jsonb_build_object('type', ${m}.billee_type, 'id', ${m}.billee_id) ELSE 'null'::jsonb END,
    'metadata', ${m}.metadata, 'createdAt', ${iso(`${m}.created_at`)}, 'updatedAt', ${iso(`${m}.updated_at`)},
    'sentAt', ${iso(`${m}.sent_at`)}, 'deliveredAt', ${iso(`${m}.delivered_at`)})`;
}

/** `IN (…)` list of the statuses that are told to the application (constant, so the text stays constant). */
export const NOTIFIED_SQL = `(${NOTIFIED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * A CTE body inserting a `message.status` delivery for each changed row of `from` (a CTE that
 * returned `messages` rows plus a `whk` column holding a pre-made delivery id) that is in a
 * notified status and has a URL (the message's own, else its account's default).
 */
export function outboxInsert(from: string): string {
  return `INSERT INTO webhook_deliveries (id, account_id, message_id, url, event_type, payload)
      SELECT c.whk, c.account_id, c.id, coalesce(c.webhook_url, a.webhook_url), 'message.status',
             jsonb_build_object('type', 'message.status', 'timestamp', ${iso('c.updated_at')}, 'data', ${messageJson('c')})
      FROM ${from} c JOIN accounts a ON a.id = c.account_id
      WHERE c.status IN ${NOTIFIED_SQL} AND coalesce(c.webhook_url, a.webhook_url) IS NOT NULL
      RETURNING id, message_id`;
}
