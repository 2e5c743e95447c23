import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { JobPayload } from '@smsgw/core';
import { getMessageById, getReply, type Db } from '@smsgw/db';
import type { ReplyHandlerRegistry } from '../reply-handlers.js';

export interface ReplyHandlerDeps {
  db: Db;
  registry: ReplyHandlerRegistry;
}

export type ReplyHandlerResult = 'handled' | 'no-handler';

/**
 * Runs the reply handler the original message names, with the reply and that message. A handler
 * that throws fails this attempt (BullMQ retries with backoff, and the failure shows in the
 * job); the reply itself is already stored and stays so. A name no handler is registered under
 * fails at once: retrying would not register it.
 */
export async function processReplyHandler(
  payload: JobPayload<'replyHandler'>,
  deps: ReplyHandlerDeps,
  job: { log: Logger },
): Promise<ReplyHandlerResult> {
  const reply = await getReply(deps.db, payload.replyId);
  if (!reply) throw new UnrecoverableError(`reply ${payload.replyId} not found`);
  const message = reply.messageId ? await getMessageById(deps.db, reply.messageId) : undefined;
  const name = message?.replyHandler;
  if (!message || !name) {
    job.log.info({ replyId: reply.id }, 'reply has no handler to run');
    return 'no-handler';
  }
  const handler = deps.registry.get(name);
  if (!handler) throw new UnrecoverableError(`no reply handler named "${name}" is registered in this worker`);
  const log = job.log.child({ replyId: reply.id, messageId: message.id, handler: name });
  await handler({ reply, message, log });
  log.info('reply handler done');
  return 'handled';
}
