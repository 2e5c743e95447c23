import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { removeSenderNumber } from '@smsgw/db';
import { noContent, numberParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { e164Of } from '../../services/phone-input.js';
import { audit } from '../../services/audit.js';

const deleteSenderNumberRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/sender-numbers/:number',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['sender-numbers'],
        summary: 'Take a number from its account',
        params: numberParams,
        response: { 204: noContent, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const number = e164Of(request.params.number, app.config.defaultCountry, 'number');
      if (!(await removeSenderNumber(app.db, number))) throw notFound('Sender number');
      await audit(app, request, { action: 'sender_number.removed', target: number, accountId: null });
      return reply.status(204).send();
    },
  );
};

export default deleteSenderNumberRoute;
