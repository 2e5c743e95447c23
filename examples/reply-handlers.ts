/**
 * Reply handlers for the worker: run `SMSGW_REPLY_HANDLERS=examples/reply-handlers.ts npm run start:worker`.
 * A message names its handler when it is sent (`"replyCallback": "log-reply"`); when a reply is
 * matched to that message, the handler runs in a BullMQ job (queue `reply-handlers`) with retries.
 * Handlers may run more than once for one reply (a retry after a crash): keep them idempotent.
 */
import type { ReplyHandlerRegistry } from '@smsgw/worker';

export default function register(handlers: ReplyHandlerRegistry): void {
  handlers.register('log-reply', ({ reply, message, log }) => {
    log.info({ replyId: reply.id, messageId: message.id, keyword: reply.keyword }, 'reply received');
  });

  handlers.register('yes-no', async ({ reply, message, log }) => {
    const answer = reply.content.trim().toLowerCase();
    if (answer !== 'yes' && answer !== 'no') throw new Error('not a yes/no answer: the job shows the failure');
    // Store it where your application wants it, keyed by reply.id so a retry is harmless.
    log.info({ replyId: reply.id, messageId: message.id, answer }, 'answer recorded');
  });
}
