import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { revokeKey } from '../../services/key-admin.js';

/** `DELETE /v1/admin/keys/:id` (scope `admin`): revokes any account's key. */
const revokeAnyKeyRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/admin/keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Revoke any account’s key (idempotent)',
        params: idParams,
        response: { 204: noContent, ...errorResponses(403, 404, 429) },
      },
    },
    async (request, reply) => {
      await revokeKey(app, request, request.params.id, undefined);
      return reply.status(204).send();
    },
  );
};

export default revokeAnyKeyRoute;
