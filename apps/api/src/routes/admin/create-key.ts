import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount } from '@smsgw/db';
import { idParams, json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyInputSchema, keyWithSecretSchema } from '../../schemas/keys.js';
import { createKey } from '../../services/key-admin.js';
import { keyView } from '../../views/keys.js';

/** `POST /v1/admin/accounts/:id/keys` (scope `admin`): a key for any account, its secret shown once. */
const createAccountKeyRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts/:id/keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Make a key for an account (scope "admin" makes an admin key); shown once, in this answer',
        params: idParams,
        body: keyInputSchema,
        response: { 201: json(keyWithSecretSchema, 'Created'), ...errorResponses(400, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      if (!(await getAccount(app.db, request.params.id))) throw notFound('Account');
      const { row, key } = await createKey(app, request, request.params.id, request.body);
      return reply.status(201).send({ ...keyView(row), key });
    },
  );
};

export default createAccountKeyRoute;
