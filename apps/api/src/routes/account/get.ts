import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { accountSchema } from '../../schemas/account.js';
import { errorResponses } from '../../schemas/errors.js';
import { accountView } from '../../views/account.js';

/** The caller's account, with the secret our webhooks to it are signed with (shown to the account itself only). */
const getAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/account',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['account'],
        summary: 'This account, with its webhook URL and signing secret',
        response: { 200: accountSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const row = await getAccount(app.db, principalOf(request).accountId);
      if (!row) throw notFound('Account');
      return accountView(row);
    },
  );
};

export default getAccountRoute;
