import type { FastifyBaseLogger } from 'fastify';
import { receiveInbound, type Db, type ReplyRow } from '@smsgw/db';
import type { ParsedReply } from '@smsgw/gateways';

export interface ReplyDeps {
  db: Db;
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
 * the record that it is due. The data layer then wakes the two jobs (best effort: the sweep
 * queues what is still pending), and the provider is answered
 * 2xx. A repeat delivery (same provider id) writes and starts nothing again.
 */
export async function receiveReply(
  deps: ReplyDeps,
  gateway: string,
  parsed: ParsedReply,
  raw: unknown,
  now = new Date(),
): Promise<ReceivedReply> {
  const { row, created, match } = await receiveInbound(
    deps.db,
    {
      gateway,
      from: parsed.from,
      to: parsed.to,
      text: parsed.text,
      reference: parsed.reference,
      providerId: parsed.providerId,
      receivedAt: parsed.at,
      raw,
    },
    deps,
    now,
  );
  const log = deps.logger.child({ replyId: row.id, gateway, messageId: row.messageId });
  if (!created) {
    log.info('duplicate reply delivery ignored');
    return { reply: row, created };
  }
  // Several candidate accounts is worth an operator's look: the reply waits, unmatched, for an admin.
  const ambiguous = row.accountId === null && match.candidates.length > 1;
  log.info({ matchedBy: row.matchedBy, keyword: row.keyword, ambiguous, candidates: match.candidates.length }, 'reply received');
  return { reply: row, created };
}
