import { getPath, scalarString } from '../extract.js';
import type { ReplyCallbackConfig } from '../config/schema.js';
import { callbackFields, type CallbackRequest } from './request.js';
import { callbackItems, invalidCallback, itemLabel, readId, readTime, requireId } from './read.js';
import { storableItem } from './storable.js';

/** One inbound message, as the gateway's config reads it. */
export interface ParsedReply {
  from: string;
  to: string | undefined;
  text: string;
  at: Date | undefined;
  /** The gateway's id of the inbound message. */
  providerId: string | undefined;
  /** What links the reply to our message (our id or the gateway's), when the provider echoes one. */
  reference: string | undefined;
}

/** Far above any real reply (a few concatenated SMS), and a bound on what one callback can store. */
export const MAX_REPLY_TEXT = 10_000;

/**
 * Reads the inbound messages of a reply callback (one, or one per entry of `each`). A missing
 * sender or text, or a text over MAX_REPLY_TEXT characters, is a 400 `invalid_callback` naming
 * the field. The text is kept exactly (not trimmed): whitespace is the sender's content. Only
 * what PostgreSQL cannot store (NUL, unpaired surrogates) is replaced, with U+FFFD.
 */
export function parseReplyCallback(cfg: ReplyCallbackConfig, req: CallbackRequest): ParsedReply[] {
  const fields = callbackFields(cfg.source, req);
  return callbackItems(fields, cfg.each).map((item, i) => {
    const label = itemLabel(cfg.each, i);
    const from = requireId(item, cfg.from, label);
    const text = scalarString(getPath(item, cfg.text));
    if (text === undefined) throw invalidCallback(`${label} is missing field '${cfg.text}'`);
    if (text.length > MAX_REPLY_TEXT) {
      throw invalidCallback(`${label} field '${cfg.text}' is longer than ${MAX_REPLY_TEXT} characters`);
    }
    return storableItem({
      from,
      to: readId(item, cfg.to),
      text,
      at: readTime(item, cfg.timestamp),
      providerId: readId(item, cfg.providerId),
      reference: readId(item, cfg.reference),
    });
  });
}
