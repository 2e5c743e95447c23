import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { adminAccountInputSchema, adminAccountSchema } from '../../schemas/keys.js';
import { createAccountAudited } from '../../services/key-admin.js';
import { assertWebhookUrl } from '../../services/webhooks.js';
import { adminAccountView } from '../../views/keys.js';

/** `POST /v1/admin/accounts` (scope `admin`): a new account, without keys yet. */
const createAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
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
};

export default createAccountRoute;
