import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, conflict, notFound, sendQueueName, type MessageStatus } from '@smsgw/core';
import { getGateway, getMessageById, transition } from '@smsgw/db';
import type { Queues } from '@smsgw/queues';
import { principalOf } from '../../plugins/auth.js';
import { describeIssues } from '../../services/message-input.js';
import { messageView } from '../../views.js';

/**
 * `unknown`: the gateway may have the message, so only a person may accept the risk of a
 * duplicate. `failed`: the person may know the cause is gone (credit topped up, number fixed).
 */
const RESENDABLE: readonly MessageStatus[] = ['unknown', 'failed'];

const bodySchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict();

/**
 * Makes sure the message has a job; a finished job with its id is removed first (BullMQ would
 * otherwise ignore the add). Best effort: the message is `queued` already, and the sweep
 * re-enqueues a queued row without a job.
 */
async function enqueue(queues: Queues, gateway: string, id: string): Promise<void> {
  const job = await queues.get(sendQueueName(gateway)).getJob(id);
  if (job) {
    const state = await job.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
    await job.remove();
  }
  await queues.enqueueSend(gateway, id);
}

/**
 * `POST /v1/messages/:id/resend` (admin keys): a person's decision to send an `unknown` or
 * `failed` message again, recorded as a `resend` event naming the key. The message goes back to
 * `queued` on the gateway it was on (attempts 0, its place in the route kept). Admin only: an
 * admin operates the gateways of every account, and only an operator can judge the risk.
 */
export default async function resendMessageRoute(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { id: string } }>(
    '/v1/messages/:id/resend',
    {
      config: { admin: true },
      schema: {
        tags: ['messages'],
        summary: 'Send an unknown or failed message again (admin; may deliver a duplicate when it was unknown)',
        body: z.toJSONSchema(bodySchema, { io: 'input' }),
      },
    },
    async (request, reply) => {
      const { db, queues } = app.deps;
      const principal = principalOf(request);
      const parsed = bodySchema.safeParse(request.body ?? {});
      if (!parsed.success) throw badRequest('invalid_request', describeIssues(parsed.error));
      const message = await getMessageById(db, request.params.id);
      if (!message) throw notFound('Message');
      const notResendable = (status: MessageStatus) =>
        conflict('not_resendable', `The message is ${status}; only unknown or failed messages can be resent`);
      if (!RESENDABLE.includes(message.status)) throw notResendable(message.status);
      const gateway = message.gateway;
      if (!gateway || !(await getGateway(db, gateway))) {
        throw conflict('gateway_missing', `The message's gateway ${gateway ? `"${gateway}" ` : ''}no longer exists`);
      }
      const detail = {
        by: { keyId: principal.keyId, accountId: principal.accountId },
        from: message.status,
        ...(parsed.data.reason === undefined ? {} : { reason: parsed.data.reason }),
      };
      // The previous try's gateway id and times belong to it; the new send stores its own.
      const row = await transition(
        db,
        message.id,
        RESENDABLE,
        { status: 'queued', attempts: 0, statusMessage: null, gatewayMessageId: null, sentAt: null, deliveredAt: null },
        { type: 'resend', detail },
      );
      // A late report (or a lookup) settled it meanwhile: then it must not be sent again.
      if (!row) throw notResendable((await getMessageById(db, message.id))?.status ?? message.status);
      await enqueue(queues, gateway, row.id).catch((err: unknown) => request.log.error({ err, messageId: row.id }, 'resend enqueue failed; the sweep will queue it'));
      return reply.status(202).send(messageView(row));
    },
  );
}
