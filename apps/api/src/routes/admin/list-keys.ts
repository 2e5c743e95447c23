import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount, listApiKeys } from '@smsgw/db';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyList } from '../../schemas/keys.js';
import { keyView } from '../../views/keys.js';

/** `GET /v1/admin/accounts/:id/keys` (scope `admin`): any account's keys, by prefix only. */
const listAccountKeysRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/admin/accounts/:id/keys',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
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
};

export default listAccountKeysRoute;
