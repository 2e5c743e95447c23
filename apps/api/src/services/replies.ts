import type { FastifyBaseLogger } from 'fastify';
import { newId, optOutScopes, replyKeyword, replyNumber } from '@smsgw/core';
import { findReplyMatch, storeReply, type Db, type ReplyRow } from '@smsgw/db';
import type { ParsedReply } from '@smsgw/gateways';
import type { Queues } from '@smsgw/queues';

export interface ReplyDeps {
  db: Db;
  queues: Pick<Queues, 'enqueue'>;
  /** Hours after a send within which a reply without a reference is matched to it. */
  windowHours: number;
  defaultCountry: string | undefined;
  logger: FastifyBaseLogger;
}

export interface ReceivedReply {
  reply: ReplyRow;
  /** False for a repeat delivery of an inbound message already stored. */
  created: boolean;
}

/**
 * Stores one inbound message with what follows it, in one statement: the opt-out change of a
 * keyword, the application's webhook (outbox row) and, when the message names a reply handler,
 * the record that it is due. Queueing the two jobs afterwards is only a wake-up: trouble there
 * is logged, not raised (the sweep queues what is still pending), and the provider is answered
 * 2xx. A repeat delivery (same provider id) writes and starts nothing again.
 */
export async function receiveReply(
  deps: ReplyDeps,
  gateway: string,
  parsed: ParsedReply,
  raw: unknown,
  now = new Date(),
): Promise<ReceivedReply> {
  const from = replyNumber(parsed.from, deps.defaultCountry);
  const to = parsed.to === undefined ? undefined : replyNumber(parsed.to, deps.defaultCountry);
  const since = new Date(now.getTime() - deps.windowHours * 3600_000);
  const match = await findReplyMatch(deps.db, { gateway, from, to, reference: parsed.reference, since });
  const keyword = replyKeyword(parsed.text);
  const { row, created, webhookId } = await storeReply(deps.db, {
    reply: {
      id: newId('rpl'),
      accountId: match.accountId,
      messageId: match.message?.id ?? null,
      gateway,
      from,
      to: to ?? null,
      content: parsed.text,
      receivedAt: parsed.at ?? now,
      providerId: parsed.providerId ?? null,
      reference: parsed.reference ?? null,
      matchedBy: match.by,
      keyword: keyword ?? null,
      handlerState: match.message?.replyHandler ? 'pending' : null,
      raw,
      createdAt: now,
    },
    message: match.message,
    optOutScopes: optOutScopes(match, keyword),
  });
  const log = deps.logger.child({ replyId: row.id, gateway, messageId: row.messageId });
  if (!created) {
    log.info('duplicate reply delivery ignored');
    return { reply: row, created };
  }
  // Several candidate accounts is worth an operator's look: the reply waits, unmatched, for an admin.
  const ambiguous = row.accountId === null && match.candidates.length > 1;
  log.info({ matchedBy: row.matchedBy, keyword: row.keyword, ambiguous, candidates: match.candidates.length }, 'reply received');
  if (row.handlerState === 'pending') {
    await deps.queues
      .enqueue('replyHandler', { replyId: row.id })
      .catch((err: unknown) => log.error({ err }, 'reply handler enqueue failed; the sweep will queue it'));
  }
  if (webhookId) {
    await deps.queues
      .enqueue('webhook', { deliveryId: webhookId })
      .catch((err: unknown) => log.error({ err }, 'reply webhook enqueue failed; the sweep will queue it'));
  }
  return { reply: row, created };
}
