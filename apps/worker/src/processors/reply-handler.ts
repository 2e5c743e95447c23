import { PermanentJobError, type JobPayload } from '@smsgw/core';
import { getMessageById, getReply, setReplyHandlerState, type Db } from '@smsgw/db';
import { isLastAttempt, type JobContext } from '../job-context.js';
import type { ReplyHandlerRegistry } from '../reply-handlers.js';

export interface ReplyHandlerDeps {
  db: Db;
  registry: ReplyHandlerRegistry;
}

export type ReplyHandlerResult = 'handled' | 'no-handler' | 'already-handled';

/**
 * Runs the reply handler the original message names, with the reply and that message, and
 * records the outcome on the reply (`handler_state`): the statement that stored the reply set it
 * 'pending', the job is only a wake-up, and the sweep re-queues replies still pending whose job
 * Redis lost. A reply whose handler is 'done' is not run again (the sweep may queue a job for a
 * reply whose first job completed just before). A handler that throws fails this attempt
 * (BullMQ retries with backoff); after the last one the reply is marked 'failed', so the sweep
 * leaves it alone. A name no handler is registered under fails at once: retrying would not
 * register it.
 */
export async function processReplyHandler(
  payload: JobPayload<'replyHandler'>,
  deps: ReplyHandlerDeps,
  job: JobContext<'replyHandler'>,
): Promise<ReplyHandlerResult> {
  const reply = await getReply(deps.db, payload.replyId);
  if (!reply) throw new PermanentJobError(`reply ${payload.replyId} not found`);
  if (reply.handlerState === 'done') {
    job.log.info({ replyId: reply.id }, 'reply handler already ran');
    return 'already-handled';
  }
  const message = reply.messageId ? await getMessageById(deps.db, reply.messageId) : undefined;
  const name = message?.replyHandler;
  if (!message || !name) {
    job.log.info({ replyId: reply.id }, 'reply has no handler to run');
    await setReplyHandlerState(deps.db, reply.id, 'done');
    return 'no-handler';
  }
  const handler = deps.registry.get(name);
  if (!handler) {
    await setReplyHandlerState(deps.db, reply.id, 'failed');
    throw new PermanentJobError(`no reply handler named "${name}" is registered in this worker`);
  }
  const log = job.log.child({ replyId: reply.id, messageId: message.id, handler: name });
  try {
    await handler({ reply, message, log });
  } catch (err) {
    if (isLastAttempt(job)) await setReplyHandlerState(deps.db, reply.id, 'failed');
    throw err;
  }
  await setReplyHandlerState(deps.db, reply.id, 'done');
  log.info('reply handler done');
  return 'handled';
}
