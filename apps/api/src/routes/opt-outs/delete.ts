import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden, notFound } from '@smsgw/core';
import { removeOptOut } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { noContent, numberParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { deleteOptOutQuery } from '../../schemas/opt-outs.js';
import { e164Of } from '../../services/phone-input.js';

const deleteOptOutRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/opt-outs/:number',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['opt-outs'],
        summary: 'Remove a number from the opt-out list',
        description: '`scope=global` (admin keys only) removes an opt-out that applies to every account.',
        params: numberParams,
        querystring: deleteOptOutQuery,
        response: { 204: noContent, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const { scope } = request.query;
      const principal = principalOf(request);
      if (scope === 'global' && !principal.admin) throw forbidden('Removing a global opt-out needs an admin key');
      const number = e164Of(request.params.number, app.config.defaultCountry, 'number');
      const removed = await removeOptOut(app.db, scope === 'global' ? null : principal.accountId, number);
      if (!removed) throw notFound('Opt-out');
      return reply.status(204).send();
    },
  );
};

export default deleteOptOutRoute;
