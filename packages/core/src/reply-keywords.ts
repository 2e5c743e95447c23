import { normalizePhone } from './phone.js';

/**
 * The opt-out keywords of inbound messages, one home for every way a reply arrives (HTTP
 * callbacks in the API, SMPP deliver_sm in the worker).
 */
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
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}

/** Who a reply could belong to: its account when known, else every candidate account. */
export interface ReplyOwnership {
  accountId: string | null;
  candidates: readonly string[];
}

/**
 * What a keyword changes in the opt-out list (account ids; null is the every-account opt-out).
 * STOP errs on the side of not sending: the reply's account, else every account it could be
 * for, else (nobody wrote to the phone) every account. START lifts the reply's account's opt-out
 * and the every-account one, but never the candidates' of an ambiguous reply: re-enabling
 * accounts the phone may not have meant is the opposite error.
 */
export function optOutScopes(match: ReplyOwnership, keyword: ReplyKeyword | undefined): (string | null)[] {
  if (keyword === 'stop') {
    if (match.accountId) return [match.accountId];
    return match.candidates.length > 0 ? [...match.candidates] : [null];
  }
  if (keyword === 'start') return match.accountId ? [match.accountId, null] : [null];
  return [];
}

/** A reply's number in E.164 when it reads as one; otherwise as sent (short codes, sender ids). */
export function replyNumber(value: string, defaultCountry: string | undefined): string {
  const n = normalizePhone(value, defaultCountry);
  return n.ok ? n.e164 : value.trim();
}
