import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/auth.js';
import { idParams, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { revokeKey } from '../../services/key-admin.js';

/** `DELETE /v1/keys/:id`: revokes one of this account's keys; every API process refuses it at once. */
const revokeKeyRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/keys/:id',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['keys'],
        summary: 'Revoke a key (idempotent)',
        params: idParams,
        response: { 204: noContent, ...errorResponses(403, 404, 429) },
      },
    },
    async (request, reply) => {
      await revokeKey(app, request, request.params.id, principalOf(request).accountId);
      return reply.status(204).send();
    },
  );
};

export default revokeKeyRoute;
