import { newId } from './ids.js';
import type { Outbound } from './outbound.js';
import type { InboundMessage, InboundResult } from './types.js';

/** Raised when an inbound message cannot be posted; `code` is the control API's error code. */
export class InboundError extends Error {
  constructor(
    readonly code: 'invalid_request' | 'no_reply_url' | 'receiver_unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'InboundError';
  }
}

interface Conversation {
  replyUrl: string | null;
  reference: string | null;
}

/** Remembers, per phone and sender, where replies go and which reference they carry. */
export interface ReplyBook {
  /** Notes an accepted send from `from` to the phone `to`. */
  remember(to: string, from: string | null, replyUrl: string | null, reference: string | null): void;
  /** Posts a reply from a phone as form fields, like many providers do. */
  deliver(msg: InboundMessage): Promise<InboundResult>;
  clear(): void;
}

const digits = (v: string): string => v.replace(/^\+/, '');

/**
 * Creates the reply book. A reply is matched to the conversation of its (phone, sender) pair
 * first, then to the phone alone, because clients often send without a `from`.
 */
export function createReplyBook(outbound: Outbound, defaultReplyUrl: string | null): ReplyBook {
  const byPair = new Map<string, Conversation>();
  const byPhone = new Map<string, Conversation>();
  const pairKey = (phone: string, sender: string): string => `${digits(phone)}|${digits(sender)}`;

  return {
    remember(to, from, replyUrl, reference) {
      // A send without reply_url keeps the last known one: the client did not say it moved.
      const update = (map: Map<string, Conversation>, key: string): void => {
        map.set(key, { replyUrl: replyUrl ?? map.get(key)?.replyUrl ?? null, reference });
      };
      update(byPhone, digits(to));
      if (from !== null) update(byPair, pairKey(to, from));
    },
    async deliver(msg) {
      if (
        typeof msg.from !== 'string' ||
        msg.from === '' ||
        typeof msg.to !== 'string' ||
        msg.to === '' ||
        typeof msg.text !== 'string' ||
        msg.text === ''
      ) {
        throw new InboundError('invalid_request', 'from, to and text are required strings');
      }
      const conv = byPair.get(pairKey(msg.from, msg.to)) ?? byPhone.get(digits(msg.from));
      const url = msg.reply_url ?? conv?.replyUrl ?? defaultReplyUrl;
      if (url === null || url === undefined || url === '') {
        throw new InboundError('no_reply_url', 'no reply_url given, seen for this number, or configured');
      }
      const messageId = newId('sbx_in_');
      const form = new URLSearchParams({ msisdn: msg.from, to: msg.to, text: msg.text, message_id: messageId });
      const reference = msg.reference ?? conv?.reference ?? null;
      if (reference !== null) form.set('reference', reference);
      form.set('timestamp', new Date().toISOString());
      try {
        const res = await outbound.post(url, 'application/x-www-form-urlencoded', form.toString());
        return { status: res.status, body: res.body, messageId, url };
      } catch (err) {
        throw new InboundError('receiver_unreachable', err instanceof Error ? err.message : String(err));
      }
    },
    clear() {
      byPair.clear();
      byPhone.clear();
    },
  };
}
