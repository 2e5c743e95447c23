import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { deleteTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { noContent } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateParams } from '../../schemas/templates.js';

/** `DELETE /v1/templates/:name`: no more sends by it; its versions stay for the messages that used them, and the name is free again. */
const deleteTemplateRoute: FastifyPluginAsyncZod = async (app) => {
  app.delete(
    '/v1/templates/:name',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['templates'],
        summary: 'Delete a template',
        params: templateParams,
        response: { 204: noContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteTemplate(app.db, principalOf(request).accountId, request.params.name))) throw notFound('Template');
      app.templateStore.invalidate();
      return reply.status(204).send();
    },
  );
};

export default deleteTemplateRoute;
