import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount, listApiKeys } from '@smsgw/db';
import { idParams, json, noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyInputSchema, keyList, keyWithSecretSchema } from '../../schemas/keys.js';
import { createKey, revokeKey } from '../../services/key-admin.js';
import { keyView } from '../../views/keys.js';

const tags = ['admin'];

/** Keys of any account (scope `admin`): make, list, revoke. */
const adminKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts/:id/keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
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

  app.get(
    '/v1/admin/accounts/:id/keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'An account’s keys (prefix only)',
        params: idParams,
        response: { 200: keyList, ...errorResponses(403, 404, 429) },
      },
    },
    async (request) => {
      if (!(await getAccount(app.db, request.params.id))) throw notFound('Account');
      return { data: (await listApiKeys(app.db, request.params.id)).map(keyView) };
    },
  );

  app.delete(
    '/v1/admin/keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
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

export default adminKeyRoutes;
