import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/auth.js';
import { idParams, json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyWithSecretSchema, rotateInputSchema } from '../../schemas/keys.js';
import { rotateKey } from '../../services/key-admin.js';
import { keyView } from '../../views/keys.js';

/** `POST /v1/keys/:id/rotate`: a new key in place of one of this account's. */
const rotateKeyRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/keys/:id/rotate',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['keys'],
        summary: 'Replace a key: a new secret with the same name, scopes and limit; the old key revoked, or expiring at expiresOldAt',
        params: idParams,
        body: rotateInputSchema,
        response: { 201: json(keyWithSecretSchema, 'The new key'), ...errorResponses(400, 403, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { row, key } = await rotateKey(app, request, request.params.id, principalOf(request).accountId, request.body ?? {});
      return reply.status(201).send({ ...keyView(row), key });
    },
  );
};

export default rotateKeyRoute;
