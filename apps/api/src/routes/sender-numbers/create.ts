import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { assignSenderNumber, getAccount, getGateway } from '@smsgw/db';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { createSenderNumberSchema, senderNumberSchema } from '../../schemas/sender-numbers.js';
import { e164Of } from '../../services/phone-input.js';
import { senderNumberView } from '../../views/sender-numbers.js';
import { audit } from '../../services/audit.js';

const createSenderNumberRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/sender-numbers',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['sender-numbers'],
        summary: 'Give a number to an account',
        description:
          '`gateway` limits the ownership to replies through that gateway. Assigning a number the account owns again updates ' +
          'its gateway (200); a number another account owns is a 409 (remove it first).',
        body: createSenderNumberSchema,
        response: {
          201: json(senderNumberSchema, 'Assigned'),
          200: json(senderNumberSchema, 'Already the account’s: its gateway updated'),
          ...errorResponses(400, 403, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const number = e164Of(input.number, app.config.defaultCountry, 'number');
      const gateway = input.gateway ?? null;
      if (!(await getAccount(app.db, input.accountId))) throw new AppError('unknown_account', `No account ${input.accountId}`);
      if (gateway && !(await getGateway(app.db, gateway))) throw new AppError('unknown_gateway', `No gateway named ${gateway}`);
      const result = await assignSenderNumber(app.db, { number, accountId: input.accountId, gateway });
      if (result.kind === 'owned') throw new AppError('number_owned', `${number} belongs to another account`);
      // The number is the account's identity towards its customers, not a message's recipient: kept whole.
      await audit(app, request, { action: 'sender_number.assigned', target: number, accountId: input.accountId, details: { gateway } });
      return reply.status(result.kind === 'created' ? 201 : 200).send(senderNumberView(result.row));
    },
  );
};

export default createSenderNumberRoute;
