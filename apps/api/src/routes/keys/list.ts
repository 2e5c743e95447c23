import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listApiKeys } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { keyList } from '../../schemas/keys.js';
import { keyView } from '../../views/keys.js';

/** `GET /v1/keys`: this account's keys, newest first, by prefix (never the key). */
const listKeysRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/keys',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['keys'],
        summary: 'List this account’s keys (prefix only; revoked and expired ones say so)',
        response: { 200: keyList, ...errorResponses(403, 429) },
      },
    },
    async (request) => ({ data: (await listApiKeys(app.db, principalOf(request).accountId)).map(keyView) }),
  );
};

export default listKeysRoute;
