import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateSchema, templateVersionParams } from '../../schemas/templates.js';
import { templateView } from '../../views/templates.js';

/** `GET /v1/templates/:name/versions/:version`: a template with one of its versions. */
const getTemplateVersionRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates/:name/versions/:version',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'Get a template with one of its versions',
        params: templateVersionParams,
        response: { 200: templateSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { name, version } = request.params;
      const found = await getTemplate(app.db, principalOf(request).accountId, name, version);
      if (!found) throw notFound('Template version');
      return templateView(found);
    },
  );
};

export default getTemplateVersionRoute;
