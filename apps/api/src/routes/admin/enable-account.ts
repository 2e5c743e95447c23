import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { adminAccountSchema } from '../../schemas/keys.js';
import { setAccountState } from '../../services/key-admin.js';
import { adminAccountView } from '../../views/keys.js';

/** `POST /v1/admin/accounts/:id/enable` (scope `admin`): a disabled account's keys work again. */
const enableAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts/:id/enable',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Enable a disabled account: its keys work again',
        params: idParams,
        response: { 200: adminAccountSchema, ...errorResponses(403, 404, 409, 429) },
      },
    },
    async (request) => adminAccountView(await setAccountState(app, request, request.params.id, false)),
  );
};

export default enableAccountRoute;
