import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { removeSenderNumber } from '@smsgw/db';
import { noContent, numberParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { e164Of } from '../../services/phone-input.js';

const deleteSenderNumberRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/sender-numbers/:number',
    {
      config: { admin: true },
      schema: {
        tags: ['sender-numbers'],
        summary: 'Take a number from its account',
        params: numberParams,
        response: { 204: noContent, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await removeSenderNumber(app.db, e164Of(request.params.number, app.config.defaultCountry, 'number'))))
        throw notFound('Sender number');
      return reply.status(204).send();
    },
  );
};

export default deleteSenderNumberRoute;
