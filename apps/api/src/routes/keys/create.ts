import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyInputSchema, keyWithSecretSchema } from '../../schemas/keys.js';
import { createKey } from '../../services/key-admin.js';
import { keyView } from '../../views/keys.js';

/** `POST /v1/keys`: a key of the caller's account, with scopes the caller holds itself. */
const createKeyRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/keys',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['keys'],
        summary: 'Make an API key for this account (the key is shown once, in this answer)',
        body: keyInputSchema,
        response: { 201: json(keyWithSecretSchema, 'Created'), ...errorResponses(400, 403, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { row, key } = await createKey(app, request, principalOf(request).accountId, request.body);
      return reply.status(201).send({ ...keyView(row), key });
    },
  );
};

export default createKeyRoute;
