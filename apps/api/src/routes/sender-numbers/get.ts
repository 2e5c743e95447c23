import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getSenderNumber } from '@smsgw/db';
import { numberParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { senderNumberSchema } from '../../schemas/sender-numbers.js';
import { e164Of } from '../../services/phone-input.js';
import { senderNumberView } from '../../views/sender-numbers.js';

const getSenderNumberRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/sender-numbers/:number',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['sender-numbers'],
        summary: 'A sender number and its owner',
        params: numberParams,
        response: { 200: senderNumberSchema, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => {
      const row = await getSenderNumber(app.db, e164Of(request.params.number, app.config.defaultCountry, 'number'));
      if (!row) throw notFound('Sender number');
      return senderNumberView(row);
    },
  );
};

export default getSenderNumberRoute;
