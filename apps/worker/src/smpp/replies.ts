import type { Logger } from 'pino';
import { receiveInbound, type Db, type ReplyRow } from '@smsgw/db';

/**
 * The reply path for messages that arrive over an SMPP bind (deliver_sm), as the API's
 * `receiveReply` (apps/api/src/services/replies.ts) does for HTTP callbacks: match the reply to
 * an account and message, store it with its opt-out change and webhook in one statement
 * (receiveInbound, shared with the API), then wake the reply handler and the webhook.
 */

export interface InboundReplyDeps {
  db: Db;
  windowHours: number;
  defaultCountry: string | undefined;
  log: Logger;
}

export interface InboundReply {
  from: string;
  to: string | undefined;
  text: string;
  raw: Record<string, unknown>;
}

/** Stores one inbound message (committed when this resolves); its jobs are woken by the data layer. */
export async function storeInboundReply(deps: InboundReplyDeps, gateway: string, r: InboundReply, now = new Date()): Promise<ReplyRow> {
  // deliver_sm carries no reference to what it answers: the match is by number and recency.
  const { row, created } = await receiveInbound(
    deps.db,
    { gateway, from: r.from, to: r.to, text: r.text, receivedAt: now, raw: r.raw },
    deps,
    now,
  );
  const log = deps.log.child({ replyId: row.id, gateway, messageId: row.messageId });
  if (!created) return row;
  log.info({ matchedBy: row.matchedBy, keyword: row.keyword }, 'SMPP reply received');
  return row;
}
