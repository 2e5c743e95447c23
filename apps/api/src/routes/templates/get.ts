import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateParams, templateSchema } from '../../schemas/templates.js';
import { templateView } from '../../views/templates.js';

/** `GET /v1/templates/:name`: a template with its latest version. */
const getTemplateRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates/:name',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'Get a template with its latest version',
        params: templateParams,
        response: { 200: templateSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const found = await getTemplate(app.db, principalOf(request).accountId, request.params.name);
      if (!found) throw notFound('Template');
      return templateView(found);
    },
  );
};

export default getTemplateRoute;
