import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { deleteBilleeDefaults } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { noContent } from '../../schemas/common.js';
import { billeeParams } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';

/** `DELETE /v1/billees/:type/:id`: removes a billee's defaults; refreshes this process's cache at once. */
const deleteBilleeDefaultsRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/billees/:type/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Remove a billee's defaults",
        params: billeeParams,
        response: { 204: noContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      if (!(await deleteBilleeDefaults(app.db, accountId, request.params))) throw notFound('Billee defaults');
      app.sendSettings.invalidate(accountId);
      return reply.status(204).send();
    },
  );
};

export default deleteBilleeDefaultsRoute;
