import type { z } from 'zod';
import { replyWebhookData } from '@smsgw/core';
import type { ReplyRow } from '@smsgw/db';
import type { replySchema } from '../schemas/replies.js';

export type ReplyView = z.infer<typeof replySchema>;

/**
 * One public shape for a reply: the API answers with what the webhooks send (@smsgw/core's
 * payloads), checked against the schema by the type of this function.
 */
export const replyView = (r: ReplyRow): ReplyView => replyWebhookData(r);
