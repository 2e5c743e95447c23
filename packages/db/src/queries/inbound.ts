import { newId, optOutScopes, replyKeyword, replyNumber } from '@smsgw/core';
import type { Db } from '../types.js';
import { findReplyMatch, type ReplyMatch, type ReplyRow } from './replies.js';
import { storeReply } from './reply-store.js';
import { wakeOutbox, wakeReplyHandler } from '../hot/wake.js';

/** An inbound message as any transport delivers it (HTTP callback, SMPP deliver_sm). */
export interface InboundMessage {
  gateway: string;
  from: string;
  to: string | undefined;
  text: string;
  /** Our message id, when the provider echoes the reference it was given. */
  reference?: string | undefined;
  providerId?: string | undefined;
  receivedAt?: Date | undefined;
  raw: unknown;
}

export interface InboundRules {
  /** Hours after a send within which a reply without a reference is matched to it. */
  windowHours: number;
  defaultCountry: string | undefined;
}

export interface StoredInbound {
  row: ReplyRow;
  /** False for a repeat delivery of an inbound message already stored. */
  created: boolean;
  match: ReplyMatch;
}

/**
 * The one reply path of every transport: match the reply to an account and message, then store
 * it with its opt-out change, its webhook row and its handler's due state in one statement,
 * then wake the handler and webhook jobs (best effort: the sweep queues whatever is pending).
 */
export async function receiveInbound(db: Db, m: InboundMessage, rules: InboundRules, now = new Date()): Promise<StoredInbound> {
  const from = replyNumber(m.from, rules.defaultCountry);
  const to = m.to === undefined ? undefined : replyNumber(m.to, rules.defaultCountry);
  const since = new Date(now.getTime() - rules.windowHours * 3600_000);
  const match = await findReplyMatch(db, { gateway: m.gateway, from, to, reference: m.reference, since });
  const keyword = replyKeyword(m.text);
  const { row, created, webhookId } = await storeReply(db, {
    reply: {
      id: newId('rpl'),
      accountId: match.accountId,
      messageId: match.message?.id ?? null,
      gateway: m.gateway,
      from,
      to: to ?? null,
      content: m.text,
      receivedAt: m.receivedAt ?? now,
      providerId: m.providerId ?? null,
      reference: m.reference ?? null,
      matchedBy: match.by,
      keyword: keyword ?? null,
      handlerState: match.message?.replyHandler ? 'pending' : null,
      raw: m.raw,
      createdAt: now,
    },
    message: match.message,
    optOutScopes: optOutScopes(match, keyword),
  });
  if (created) {
    wakeOutbox(db, [webhookId]);
    if (row.handlerState === 'pending') wakeReplyHandler(db, row.id);
  }
  return { row, created, match };
}
