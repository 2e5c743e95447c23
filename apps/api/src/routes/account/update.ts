import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { updateAccountWebhook } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { accountSchema, patchAccountSchema } from '../../schemas/account.js';
import { errorResponses } from '../../schemas/errors.js';
import { assertWebhookUrl } from '../../services/webhooks.js';
import { accountView } from '../../views/account.js';

const updateAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/account',
    {
      schema: {
        tags: ['account'],
        summary: 'Set the default webhook URL (null removes it) or rotate the webhook secret',
        body: patchAccountSchema,
        response: { 200: accountSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const input = request.body;
      if (input.webhookUrl) await assertWebhookUrl(input.webhookUrl, app.config.allowPrivateWebhooks);
      const row = await updateAccountWebhook(app.db, principalOf(request).accountId, {
        ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl } : {}),
        rotateSecret: input.rotateWebhookSecret ?? false,
      });
      if (!row) throw notFound('Account');
      return accountView(row);
    },
  );
};

export default updateAccountRoute;
