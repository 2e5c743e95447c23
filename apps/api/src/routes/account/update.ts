import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { setAccountSmartEncoding, updateAccountWebhook } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { accountSchema, patchAccountSchema } from '../../schemas/account.js';
import { errorResponses } from '../../schemas/errors.js';
import { assertWebhookUrl } from '../../services/webhooks.js';
import { accountView } from '../../views/account.js';
import { audit } from '../../services/audit.js';

const updateAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/account',
    {
      config: { scope: 'account:admin' },
      schema: {
        tags: ['account'],
        summary: 'Set the default webhook URL (null removes it), rotate the webhook secret, or set the smart-encoding default',
        body: patchAccountSchema,
        response: { 200: accountSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const input = request.body;
      const accountId = principalOf(request).accountId;
      if (input.webhookUrl) await assertWebhookUrl(input.webhookUrl, app.config.allowPrivateWebhooks);
      if (input.smartEncoding !== undefined) {
        await setAccountSmartEncoding(app.db, accountId, input.smartEncoding);
        app.sendSettings.invalidate(accountId);
      }
      const row = await updateAccountWebhook(app.db, accountId, {
        ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl } : {}),
        rotateSecret: input.rotateWebhookSecret ?? false,
      });
      if (!row) throw notFound('Account');
      await audit(app, request, { action: 'account.updated', target: row.id, details: { fields: Object.keys(input).sort() } });
      return accountView(row);
    },
  );
};

export default updateAccountRoute;
