import type { z } from 'zod';
import { replyWebhookData, type ReplyRow } from '@smsgw/db';
import type { replySchema } from '../schemas/replies.js';

export type ReplyView = z.infer<typeof replySchema>;

/**
 * One public shape for a reply: the API answers with what the webhooks send. `replyWebhookData`
 * is typed as a plain record by @smsgw/db; the response serializer checks it against the schema.
 */
export const replyView = (r: ReplyRow): ReplyView => replyWebhookData(r) as ReplyView;
