import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { adminAccountSchema } from '../../schemas/keys.js';
import { setAccountState } from '../../services/key-admin.js';
import { adminAccountView } from '../../views/keys.js';

/** `POST /v1/admin/accounts/:id/disable` (scope `admin`): its keys are refused at once, its data is kept. */
const disableAccountRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/admin/accounts/:id/disable',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Disable an account: its keys are refused (401) at once, its data is kept',
        params: idParams,
        response: { 200: adminAccountSchema, ...errorResponses(403, 404, 409, 429) },
      },
    },
    async (request) => adminAccountView(await setAccountState(app, request, request.params.id, true)),
  );
};

export default disableAccountRoute;
