import type { Logger } from 'pino';
import { newId, optOutScopes, replyKeyword, replyNumber } from '@smsgw/core';
import { findReplyMatch, storeReply, type Db, type ReplyRow } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';

/**
 * The reply path for messages that arrive over an SMPP bind (deliver_sm), as the API's
 * `receiveReply` (apps/api/src/services/replies.ts) does for HTTP callbacks: match the reply to
 * an account and message, store it with its opt-out change and webhook in one statement
 * (storeReply), then wake the reply handler and the webhook. The keyword rules are the API's,
 * repeated here because the worker must not depend on the API; both should move into a shared
 * package together.
 */

export interface InboundReplyDeps {
  db: Db;
  queues: Pick<Queues, 'enqueue' | 'enqueueWebhook'>;
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

/** Stores one inbound message (committed when this resolves); queueing its jobs is a best-effort wake-up. */
export async function storeInboundReply(deps: InboundReplyDeps, gateway: string, r: InboundReply, now = new Date()): Promise<ReplyRow> {
  const from = replyNumber(r.from, deps.defaultCountry);
  const to = r.to === undefined ? undefined : replyNumber(r.to, deps.defaultCountry);
  const since = new Date(now.getTime() - deps.windowHours * 3600_000);
  // deliver_sm carries no reference to what it answers: the match is by number and recency.
  const match = await findReplyMatch(deps.db, { gateway, from, to, reference: undefined, since });
  const keyword = replyKeyword(r.text);
  const { row, created, webhookId } = await storeReply(deps.db, {
    reply: {
      id: newId('rpl'),
      accountId: match.accountId,
      messageId: match.message?.id ?? null,
      gateway,
      from,
      to: to ?? null,
      content: r.text,
      receivedAt: now,
      providerId: null,
      reference: null,
      matchedBy: match.by,
      keyword: keyword ?? null,
      handlerState: match.message?.replyHandler ? 'pending' : null,
      raw: r.raw,
      createdAt: now,
    },
    message: match.message,
    optOutScopes: optOutScopes(match, keyword),
  });
  const log = deps.log.child({ replyId: row.id, gateway, messageId: row.messageId });
  if (!created) return row;
  log.info({ matchedBy: row.matchedBy, keyword: row.keyword }, 'SMPP reply received');
  if (row.handlerState === 'pending') {
    await deps.queues
      .enqueue('replyHandler', { replyId: row.id })
      .catch((err: unknown) => log.error({ err }, 'reply handler enqueue failed; the sweep will queue it'));
  }
  if (webhookId) {
    await deps.queues
      .enqueueWebhook(webhookId)
      .catch((err: unknown) => log.error({ err }, 'reply webhook enqueue failed; the sweep will queue it'));
  }
  return row;
}
