import { AppError } from '@smsgw/core';
import { describeIssues } from '../schemas/errors.js';
import { messageInputSchema, type MessageInput } from '../schemas/messages.js';

/**
 * Parses one message outside a route's own body schema: a batch item, which is checked on its own
 * so a bad one is reported by its index. Errors read as the route's would: 400 `invalid_request`
 * naming every bad field.
 */
export function parseMessageInput(item: unknown): MessageInput {
  const r = messageInputSchema.safeParse(item);
  if (!r.success) throw new AppError('invalid_request', describeIssues(r.error.issues));
  return r.data;
}
