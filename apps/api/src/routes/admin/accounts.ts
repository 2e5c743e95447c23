import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getAccount, listAccounts } from '@smsgw/db';
import { idParams, json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { accountListQuery, adminAccountInputSchema, adminAccountPage, adminAccountSchema } from '../../schemas/keys.js';
import { createAccountAudited, setAccountState } from '../../services/key-admin.js';
import { assertWebhookUrl } from '../../services/webhooks.js';
import { adminAccountView } from '../../views/keys.js';

const tags = ['admin'];

/** `/v1/admin/accounts…` (scope `admin`): make, list, read, disable and enable accounts. */
const adminAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Make an account (then give it a key: POST /v1/admin/accounts/:id/keys)',
        body: adminAccountInputSchema,
        response: { 201: json(adminAccountSchema, 'Created'), ...errorResponses(400, 403, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { webhookUrl } = request.body;
      if (webhookUrl) await assertWebhookUrl(webhookUrl, app.config.allowPrivateWebhooks);
      return reply.status(201).send(adminAccountView(await createAccountAudited(app, request, request.body)));
    },
  );

  app.get(
    '/v1/admin/accounts',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'List accounts, oldest first',
        querystring: accountListQuery,
        response: { 200: adminAccountPage, ...errorResponses(400, 403, 429) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const rows = await listAccounts(app.db, { after: cursor, limit });
      const last = rows.at(-1);
      return { data: rows.map(adminAccountView), nextCursor: rows.length === limit && last ? last.id : null };
    },
  );

  app.get(
    '/v1/admin/accounts/:id',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'One account', params: idParams, response: { 200: adminAccountSchema, ...errorResponses(403, 404, 429) } },
    },
    async (request) => {
      const row = await getAccount(app.db, request.params.id);
      if (!row) throw notFound('Account');
      return adminAccountView(row);
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/v1/admin/accounts/:id/${action}`,
      {
        config: { scope: 'admin' },
        schema: {
          tags,
          summary: disabled
            ? 'Disable an account: its keys are refused (401) at once, its data is kept'
            : 'Enable a disabled account: its keys work again',
          params: idParams,
          response: { 200: adminAccountSchema, ...errorResponses(403, 404, 409, 429) },
        },
      },
      async (request) => adminAccountView(await setAccountState(app, request, request.params.id, disabled)),
    );
  }
};

export default adminAccountRoutes;
