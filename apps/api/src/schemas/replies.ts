import { z } from 'zod';
import { cursor, isoDate, limit, page, timestamp } from './common.js';

/** An inbound message, as `GET /v1/replies` shows it and a `message.reply` webhook carries it. */
export const replySchema = z
  .object({
    id: z.string(),
    messageId: z.string().nullable(),
    gateway: z.string(),
    from: z.string(),
    to: z.string().nullable(),
    content: z.string(),
    receivedAt: timestamp,
    providerId: z.string().nullable(),
    matchedBy: z.string().nullable().meta({ description: 'reference, recent or number; null when no account could be told' }),
    keyword: z.string().nullable().meta({ description: 'stop, start or help when the whole text is one' }),
    createdAt: timestamp,
  })
  .meta({ id: 'Reply' });

export const replyListQuery = z
  .object({
    from: z.string().min(1).max(64).optional(),
    messageId: z.string().min(1).max(64).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
    unmatched: z.enum(['true', 'false']).optional(),
    cursor: cursor.optional(),
    limit: limit(50),
  })
  .strict();

export const replyPage = page(replySchema);
