import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound, type MessageStatus } from '@smsgw/core';
import { getGateway, getMessageById, transition } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams, json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { messageSchema } from '../../schemas/messages.js';
import { storable } from '../../schemas/storable.js';
import { messageView } from '../../views/messages.js';
import { audit } from '../../services/audit.js';

/**
 * `unknown`: the gateway may have the message, so only a person may accept the risk of a
 * duplicate. `failed`: the person may know the cause is gone (credit topped up, number fixed).
 */
const RESENDABLE: readonly MessageStatus[] = ['unknown', 'failed'];

// A missing body is an empty one: `{}` is the usual call, and a bare POST must not be a 400.
const bodySchema = storable(z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict()).nullish();

const notResendable = (status: MessageStatus) =>
  new AppError('not_resendable', `The message is ${status}; only unknown or failed messages can be resent`);

/**
 * `POST /v1/messages/:id/resend` (admin keys): a person's decision to send an `unknown` or
 * `failed` message again, recorded as a `resend` event naming the key. The message goes back to
 * `queued` on the gateway it was on (attempts 0, its place in the route kept). Admin only: an
 * admin operates the gateways of every account, and only an operator can judge the risk.
 */
const resendMessageRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/messages/:id/resend',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['messages'],
        summary: 'Send an unknown or failed message again (admin; may deliver a duplicate when it was unknown)',
        params: idParams,
        body: bodySchema,
        response: { 202: json(messageSchema, 'Queued again'), ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { db, queues } = app;
      const principal = principalOf(request);
      const reason = request.body?.reason;
      const message = await getMessageById(db, request.params.id);
      if (!message) throw notFound('Message');
      if (!RESENDABLE.includes(message.status)) throw notResendable(message.status);
      const gateway = message.gateway;
      if (!gateway || !(await getGateway(db, gateway))) {
        throw new AppError('gateway_missing', `The message's gateway ${gateway ? `"${gateway}" ` : ''}no longer exists`);
      }
      const detail = {
        by: { keyId: principal.keyId, accountId: principal.accountId },
        from: message.status,
        ...(reason === undefined ? {} : { reason }),
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
      await audit(app, request, { action: 'message.resent', target: row.id, accountId: row.accountId, details: { from: message.status } });
      await queues
        .ensure('send', { messageId: row.id }, { gateway })
        .catch((err: unknown) => request.log.error({ err, messageId: row.id }, 'resend enqueue failed; the sweep will queue it'));
      return reply.status(202).send(messageView(row));
    },
  );
};

export default resendMessageRoute;
