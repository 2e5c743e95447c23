import type { Logger } from 'pino';
import { newId, normalizePhone } from '@smsgw/core';
import { addOptOut, enqueueReplyWebhook, findReplyMatch, insertReply, removeOptOut, type Db, type ReplyRow } from '@smsgw/db';
import type { ParsedReply } from '@smsgw/gateways';
import type { Queues } from '@smsgw/queues';

export interface ReplyDeps {
  db: Db;
  queues: Pick<Queues, 'enqueueReplyHandler' | 'enqueueWebhook'>;
  /** Hours after a send within which a reply without a reference is matched to it. */
  windowHours: number;
  defaultCountry: string | undefined;
  logger: Logger;
}

export type ReplyKeyword = 'stop' | 'start' | 'help';

const KEYWORDS: Readonly<Record<string, ReplyKeyword>> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  START: 'start',
  UNSTOP: 'start',
  HELP: 'help',
};

/**
 * The opt-out keyword a reply consists of, if any. Only the whole (trimmed, case-insensitive)
 * text counts: "please stop by tomorrow" is a conversation, not an opt-out.
 */
export function replyKeyword(text: string): ReplyKeyword | undefined {
  const word = text.trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}

/** A number in E.164 when it reads as one; otherwise as sent (short codes, sender ids). */
function asNumber(value: string, defaultCountry: string | undefined): string {
  const n = normalizePhone(value, defaultCountry);
  return n.ok ? n.e164 : value.trim();
}

export interface ReceivedReply {
  reply: ReplyRow;
  /** False for a repeat delivery of an inbound message already stored. */
  created: boolean;
}

/**
 * Stores one inbound message and starts what follows it: opt-out keywords, the message's reply
 * handler (a job, never run here) and the application's webhook. A repeat delivery (same provider
 * id) is stored once and starts nothing again. Queue trouble is logged, not raised: the reply is
 * stored, and the provider must not be made to retry a message we have.
 */
export async function receiveReply(deps: ReplyDeps, gateway: string, parsed: ParsedReply, raw: unknown, now = new Date()): Promise<ReceivedReply> {
  const from = asNumber(parsed.from, deps.defaultCountry);
  const to = parsed.to === undefined ? undefined : asNumber(parsed.to, deps.defaultCountry);
  const since = new Date(now.getTime() - deps.windowHours * 3600_000);
  const match = await findReplyMatch(deps.db, { gateway, from, to, reference: parsed.reference, since });
  const keyword = replyKeyword(parsed.text);
  const { row, created } = await insertReply(deps.db, {
    id: newId('rpl'),
    accountId: match?.message.accountId ?? null,
    messageId: match?.message.id ?? null,
    gateway,
    from,
    to: to ?? null,
    content: parsed.text,
    receivedAt: parsed.at ?? now,
    providerId: parsed.providerId ?? null,
    reference: parsed.reference ?? null,
    matchedBy: match?.by ?? null,
    keyword: keyword ?? null,
    raw,
  });
  const log = deps.logger.child({ replyId: row.id, gateway, messageId: row.messageId });
  if (!created) {
    log.info('duplicate reply delivery ignored');
    return { reply: row, created };
  }
  log.info({ matchedBy: row.matchedBy, keyword: row.keyword }, 'reply received');
  await applyKeyword(deps, row, keyword);
  const message = match?.message;
  if (message?.replyHandler) {
    await deps.queues.enqueueReplyHandler(row.id).catch((err: unknown) => log.error({ err }, 'reply handler enqueue failed'));
  }
  await enqueueReplyWebhook(deps.db, deps.queues, row, message).catch((err: unknown) => log.error({ err }, 'reply webhook enqueue failed'));
  return { reply: row, created };
}

/**
 * STOP opts the number out of the matched message's account, or of every account when the
 * reply matched nothing; START lifts both. HELP is only recorded (the keyword column).
 */
async function applyKeyword(deps: ReplyDeps, reply: ReplyRow, keyword: ReplyKeyword | undefined): Promise<void> {
  if (keyword === 'stop') await addOptOut(deps.db, reply.accountId, reply.from, `reply:${reply.id}`);
  if (keyword === 'start') {
    if (reply.accountId) await removeOptOut(deps.db, reply.accountId, reply.from);
    await removeOptOut(deps.db, null, reply.from);
  }
}
