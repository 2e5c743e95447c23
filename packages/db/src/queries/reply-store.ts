import { newId, replyWebhookPayload } from '@smsgw/core';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { sqlRunner } from '../hot/runner.js';
import { mapRow } from '../rows.js';
import { replies } from '../schema/index.js';
import type { MessageRow, ReplyRow } from '../types.js';

/**
 * A reply and everything it causes in ONE statement: the reply row, its opt-out change (STOP
 * adds, START lifts) and its `message.reply` webhook outbox row. Either all of it is committed
 * or none, so a failure part-way leaves no stored reply for the provider's retry to skip as
 * "already stored". The reply handler that is due is recorded on the row (`handler_state`).
 * Only a reply this statement inserted causes anything: a repeat (same provider id on the same
 * gateway) inserts nothing, so the rest selects no rows.
 */
const STORE_REPLY = `
WITH i AS (SELECT * FROM jsonb_to_record($1::jsonb) AS t(
  id text, account_id text, message_id text, gateway text, "from" text, "to" text, content text, received_at timestamptz,
  provider_id text, reference text, matched_by text, keyword text, handler_state text, raw jsonb, created_at timestamptz,
  opt_out_scopes jsonb, whk text, url text, payload jsonb)),
r AS (
  INSERT INTO replies (id, account_id, message_id, gateway, "from", "to", content, received_at, provider_id, reference,
    matched_by, keyword, handler_state, raw, created_at)
  SELECT id, account_id, message_id, gateway, "from", "to", content, received_at, provider_id, reference,
    matched_by, keyword, handler_state, raw, created_at FROM i
  ON CONFLICT DO NOTHING
  RETURNING *
),
-- The accounts a keyword acts on; a JSON null is the every-account opt-out (account_id NULL).
s AS (SELECT x.account_id FROM i, jsonb_array_elements_text(i.opt_out_scopes) AS x(account_id)),
o AS (
  INSERT INTO opt_outs (account_id, number, source)
  SELECT s.account_id, r."from", 'reply:' || r.id FROM r, s WHERE r.keyword = 'stop'
  ON CONFLICT DO NOTHING
),
d AS (
  DELETE FROM opt_outs x USING r
  WHERE r.keyword = 'start' AND x.number = r."from"
    AND EXISTS (SELECT 1 FROM s WHERE s.account_id IS NOT DISTINCT FROM x.account_id)
),
w AS (
  INSERT INTO webhook_deliveries (id, account_id, message_id, reply_id, url, event_type, payload)
  SELECT i.whk, a.id, r.message_id, r.id, coalesce(i.url, a.webhook_url), 'message.reply', i.payload
  FROM r JOIN i ON i.id = r.id JOIN accounts a ON a.id = r.account_id
  WHERE coalesce(i.url, a.webhook_url) IS NOT NULL
  RETURNING id
)
SELECT r.*, (SELECT w.id FROM w) AS webhook_id FROM r`;

export interface StoreReplyInput {
  /** The row as it is to be stored (id, created_at and handler_state included). */
  reply: ReplyRow;
  /** The message it answers, if matched: its webhook URL and its data go into the webhook. */
  message: MessageRow | undefined;
  /**
   * What a STOP adds or a START lifts: account ids, null for the every-account opt-out. Ignored
   * unless the reply's keyword is 'stop' or 'start'.
   */
  optOutScopes: readonly (string | null)[];
}

export interface StoredReply {
  row: ReplyRow;
  /** False for a repeat delivery of a reply already stored: nothing was written. */
  created: boolean;
  /** The webhook outbox row written with the reply (its delivery job still has to be queued). */
  webhookId: string | null;
}

/** Stores a reply with its consequences (see STORE_REPLY); a repeat returns the stored row. */
export async function storeReply(db: Db, input: StoreReplyInput): Promise<StoredReply> {
  const { reply, message } = input;
  const params = {
    id: reply.id,
    account_id: reply.accountId,
    message_id: reply.messageId,
    gateway: reply.gateway,
    from: reply.from,
    to: reply.to,
    content: reply.content,
    received_at: reply.receivedAt.toISOString(),
    provider_id: reply.providerId,
    reference: reply.reference,
    matched_by: reply.matchedBy,
    keyword: reply.keyword,
    handler_state: reply.handlerState,
    raw: reply.raw ?? null,
    created_at: reply.createdAt.toISOString(),
    opt_out_scopes: input.optOutScopes,
    whk: newId('whk'),
    url: message?.webhookUrl ?? null,
    payload: replyWebhookPayload(reply, message),
  };
  const [row] = await sqlRunner(db)(STORE_REPLY, [JSON.stringify(params)]);
  if (row) {
    const webhookId = row['webhook_id'];
    return { row: mapRow(replies, row), created: true, webhookId: typeof webhookId === 'string' ? webhookId : null };
  }
  if (reply.providerId) {
    const [existing] = await db
      .select()
      .from(replies)
      .where(and(eq(replies.gateway, reply.gateway), eq(replies.providerId, reply.providerId)));
    if (existing) return { row: existing, created: false, webhookId: null };
  }
  throw new Error('reply insert conflicted but no stored reply was found');
}
