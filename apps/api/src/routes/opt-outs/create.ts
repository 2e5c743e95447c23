import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { addOptOut, getOptOut } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { createOptOutSchema, optOutSchema } from '../../schemas/opt-outs.js';
import { e164Of } from '../../services/phone-input.js';
import { optOutView } from '../../views/opt-outs.js';

const createOptOutRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/opt-outs',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['opt-outs'],
        summary: 'Opt a number out of this account’s messages',
        body: createOptOutSchema,
        response: {
          201: json(optOutSchema, 'Opted out'),
          200: json(optOutSchema, 'It already was'),
          ...errorResponses(400, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const number = e164Of(request.body.number, app.config.defaultCountry, 'number');
      const created = await addOptOut(app.db, accountId, number, 'api');
      const row = await getOptOut(app.db, accountId, number);
      if (!row) throw notFound('Opt-out');
      return reply.status(created ? 201 : 200).send(optOutView(row));
    },
  );
};

export default createOptOutRoute;
